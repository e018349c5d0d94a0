"""The store's schema: column order and types, and flags as whole tokens."""

import numpy as np
import pandas as pd
import pytest

from croydon_kpi.core import schema


def test_conform_orders_types_and_dates_a_figure():
    frame = schema.conform(
        pd.DataFrame({"value": [1], "measure": ["x"], "period_end": ["2019-03-31"], "flags": [None]})
    )
    assert list(frame.columns) == list(schema.FIGURE_COLUMNS)
    assert frame.loc[0, "available_from"] == pd.Timestamp("2019-03-31")  # known once its period ends
    assert frame.loc[0, "flags"] == () and frame["value"].dtype == "float64"


def test_flags_come_back_as_tuples_from_any_form():
    frame = schema.conform(pd.DataFrame({"flags": [["caveat"], np.array(["suppressed=c"]), None, ()]}))
    assert frame["flags"].tolist() == [("caveat",), ("suppressed=c",), (), ()]
    with pytest.raises(TypeError, match="not text"):
        schema.as_flags("caveat; suppressed=c")


def test_flags_match_whole_tokens_only():
    flags = pd.Series([("qualifier=improved_on_last_month",), ("qualifier=improved",), ()])
    assert schema.has_flag(flags, "qualifier=improved").tolist() == [False, True, False]
    assert schema.flag_value(("synthetic", "suppressed=c"), "suppressed") == "c"
    assert schema.flag_value(("synthetic",), "suppressed") is None


def test_missing_columns_are_typed_nulls_and_flags_empty():
    frame = schema.conform(pd.DataFrame({"value": [1.0, 2.0]}))
    assert frame["note"].isna().all() and frame["note"].dtype == "string"
    assert frame["period_start"].isna().all() and frame["period_start"].dtype == "datetime64[ns]"
    assert frame["flags"].tolist() == [(), ()]


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
