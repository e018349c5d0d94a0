"""The store's schema: column order and types, and tags as whole tokens in a plain text column."""

import numpy as np
import pandas as pd

from croydon_kpi.core import schema


def test_conform_orders_types_and_dates_a_figure():
    frame = schema.conform(pd.DataFrame({"value": [1], "measure": ["x"], "period_end": ["2019-03-31"], "tags": [None]}))
    assert list(frame.columns) == list(schema.FIGURE_COLUMNS)
    assert frame.loc[0, "available_from"] == pd.Timestamp("2019-03-31")  # known once its period ends
    assert frame.loc[0, "tags"] == "" and frame["value"].dtype == "float64"


def test_tags_are_text_from_any_form_a_reader_gives():
    frame = schema.conform(
        pd.DataFrame({"tags": [["caveat"], np.array(["suppressed=c", "synthetic"]), None, (), "derived"]})
    )
    assert frame["tags"].tolist() == ["caveat", "suppressed=c;synthetic", "", "", "derived"]
    assert schema.tags_of("suppressed=c;synthetic") == ("suppressed=c", "synthetic") and schema.tags_of("") == ()
    assert schema.tags_text(("target_stated=90;95",)) == "target_stated=90,95"  # never the separator in a token


def test_tags_survive_csv_and_parquet(tmp_path):
    frame = schema.conform(pd.DataFrame({"value": [1.0, 2.0], "tags": [("caveat", "suppressed=c"), ()]}))
    frame.to_csv(tmp_path / "store.csv", index=False)
    frame.to_parquet(tmp_path / "store.parquet")
    from_csv = pd.read_csv(tmp_path / "store.csv", keep_default_na=False)
    from_parquet = pd.read_parquet(tmp_path / "store.parquet")
    assert from_csv["tags"].tolist() == from_parquet["tags"].tolist() == ["caveat;suppressed=c", ""]
    assert not isinstance(frame.flags, pd.Series)  # DataFrame.flags is pandas' own, not a column


def test_tags_match_whole_tokens_only():
    tags = pd.Series(["qualifier=improved_on_last_month", "synthetic;qualifier=improved", ""])
    assert schema.has_tag(tags, "qualifier=improved").tolist() == [False, True, False]
    assert schema.tag_value("synthetic;suppressed=c", "suppressed") == "c"
    assert schema.tag_value("synthetic", "suppressed") is None


def test_missing_columns_are_typed_nulls_and_tags_empty():
    frame = schema.conform(pd.DataFrame({"value": [1.0, 2.0]}))
    assert frame["note"].isna().all() and frame["note"].dtype == "string"
    assert frame["period_start"].isna().all() and frame["period_start"].dtype == "datetime64[ns]"
    assert frame["tags"].tolist() == ["", ""]


def test_joined_text_builds_a_locator_row_by_row_and_keeps_nulls():
    rows = pd.DataFrame({"file": ["a.csv", "b.csv", None], "row": [2, 15, 3]}, index=[7, 8, 9])
    joined = schema.joined_text(rows["file"], ", row ", rows["row"])
    assert joined.tolist()[:2] == ["a.csv, row 2", "b.csv, row 15"] and joined.isna().tolist() == [False, False, True]
    assert joined.index.tolist() == [7, 8, 9]


def test_never_known_is_after_every_month_a_pack_can_be_built_for():
    assert schema.NEVER_KNOWN == pd.Timestamp.max.normalize()
    assert schema.NEVER_KNOWN > pd.Timestamp("2200-12-31")


def test_a_rejected_row_names_its_file_place_value_and_reason():
    assert schema.REJECTION_COLUMNS == ["file", "row", "column", "value", "reason"]
