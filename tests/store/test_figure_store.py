"""The figure store: columns, series, areas, suppression, the cache, refusing unlisted files."""

import pandas as pd
import pytest

from croydon_kpi import load_store
from croydon_kpi.core import schema
from croydon_kpi.errors import InputError


def test_store_has_the_design_columns(store):
    assert list(store.figures.columns) == list(schema.FIGURE_COLUMNS)
    assert set(store.figures["status"]) == {"published_statistic", "reported", "derived", "computed"}
    assert store.figures["source_id"].notna().all() and store.figures["locator"].notna().all()


def test_cla_rate_series_for_croydon_with_a_source_on_every_row(store):
    series = store.series("cla_rate_per_10k", area="Croydon")
    # No bundled file holds Croydon's CLA rate before 2016 (LAIT starts 2016, the EES file 2021).
    assert series["period_end"].dt.year.tolist() == list(range(2016, 2026))
    assert series["value"].tolist() == [87, 83, 81, 89, 86, 75, 60, 58, 55, 58]
    assert series["source_id"].tolist() == ["lait"] * 5 + ["dfe_cla"] * 5
    assert series["locator"].notna().all() and series["quote"].notna().all()
    assert series.loc[5, "quote"] == "rate_per_10000 = 75" and series.loc[5, "other_sources"] == "lait"


def test_series_accepts_gss_code_and_dfe_number(store):
    by_name = store.series("cla_count", area="Croydon")["value"].tolist()
    assert store.series("cla_count", area="E09000008")["value"].tolist() == by_name
    assert store.series("cla_count", area="306")["value"].tolist() == by_name


def test_old_and_new_la_codes_are_both_kept(store):
    croydon = store.figures[store.figures["area_name"] == "Croydon"]
    assert set(croydon["area_code"]) == {"E09000008"} and set(croydon["old_la_code"]) == {"306"}


def test_suppressed_cells_keep_their_symbol_and_no_value(store):
    suppressed = store.figures[store.figures["symbol"].notna()]
    assert {"c", "k", "low", "u", "x", "z", "-"} <= set(suppressed["symbol"])
    assert suppressed["value"].isna().all()
    assert [schema.flag_value(flags, "suppressed") for flags in suppressed["flags"]] == suppressed["symbol"].tolist()
    # Isles of Scilly re-referrals: 'c' in some years (no value, never 0), a published 0 in others.
    scilly = store.series("rereferrals_within_12_months_percent", area="Isles of Scilly")
    suppressed_years = scilly["symbol"].eq("c").fillna(False)
    assert suppressed_years.sum() == 9 and scilly.loc[suppressed_years, "value"].isna().all()
    assert (scilly.loc[~suppressed_years, "value"] == 0).all() and scilly.loc[~suppressed_years, "symbol"].isna().all()


def test_lait_float_noise_is_removed(store):
    conferences = store.series("cp_conferences_within_15_days_percent", area="Croydon")
    assert conferences.set_index(conferences["period_end"].dt.year)["value"].loc[2017] == 56.4


def test_regions_and_england_are_in_the_store(store):
    for area in ("England", "London", "Outer London", "E12000007"):
        assert len(store.series("cla_rate_per_10k", area=area)) == 10


def test_unknown_area_and_measure_are_clear_errors(store):
    with pytest.raises(KeyError, match="unknown area 'Narnia'"):
        store.series("cla_count", area="Narnia")
    with pytest.raises(KeyError, match="no measure 'cla_bogus'"):
        store.series("cla_bogus", area="Croydon")


def test_cache_is_reused_and_an_edited_source_is_reread(project_copy, tmp_path):
    first = load_store()
    results = lambda pattern: [
        p for p in (tmp_path / "cache" / "store").glob(pattern) if not p.name.endswith(".rejections.parquet")
    ]
    assert len(results("figures-*.parquet")) == 1
    pd.testing.assert_frame_equal(load_store().figures, first.figures)

    cla = project_copy / "data/sources/dfe/cla_number_and_rate_per_10k_children.csv"
    cla.write_text(
        cla.read_text(encoding="utf-8-sig").replace(
            "Croydon,E09000008,Children looked after on 31 March each year,93945,547,58",
            "Croydon,E09000008,Children looked after on 31 March each year,93945,547,c",
        ),
        encoding="utf-8",
    )
    edited = load_store().series("cla_rate_per_10k", area="Croydon")
    assert edited.iloc[-1]["symbol"] == "c" and pd.isna(edited.iloc[-1]["value"])
    assert len(results("figures-*.parquet")) == 1  # the stale one is gone
    # Per source: the edited file is read again, a source read before it or not depending on it is not.
    assert len(results("sources/dfe_cla-*.parquet")) == 2
    assert len(results("sources/dfe_cin-*.parquet")) == 1 and len(results("sources/synthetic_borough-*.parquet")) == 1


def test_a_file_not_in_the_registry_is_refused(project_copy):
    (project_copy / "data/sources/dfe/extra.csv").write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="extra.csv: not described in data/sources/sources.yaml"):
        load_store(cache=False)


def test_a_bad_cell_names_file_line_and_column(project_copy):
    path = project_copy / "data/sources/dfe/csww_indicators_2017_to_2025.csv"
    lines = path.read_text().splitlines()
    croydon = next(i for i, line in enumerate(lines) if ",Croydon," in line)
    lines[croydon] = lines[croydon].replace(",294.9,", ",twelve,", 1)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as raised:
        load_store(cache=False)
    assert str(raised.value) == (
        f"data/sources/dfe/csww_indicators_2017_to_2025.csv, line {croydon + 1}, column inpost_fte: "
        "'twelve' is neither a number nor a DfE symbol "
        "['-', ':', 'c', 'k', 'low', 'u', 'x', 'z', '~']"
    )


def test_binary_data_with_a_csv_name_is_refused(project_copy):
    (project_copy / "data/sources/dfe/la_cla_swcount.csv").write_bytes(b"\x00\x01\x02PK\x03\x04")
    with pytest.raises(InputError, match="la_cla_swcount.csv: binary data, expected UTF-8 text"):
        load_store(cache=False)


def test_the_synthetic_borough_read_in_a_second_process_or_here_gives_the_same_figures(
    project_copy, store, monkeypatch
):
    """A cold load reads the synthetic borough in a second process (figure_store._prefetch_independent);
    when that process fails, the source is read in this one. Either way the same figures."""
    import subprocess
    import sys

    started = []
    real_popen = subprocess.Popen

    def failing(command, **options):
        started.append(command)
        return real_popen([sys.executable, "-c", "raise SystemExit(3)"], **options)

    monkeypatch.setattr(subprocess, "Popen", failing)
    failed_then_read_here = load_store().figures
    assert started and "synthetic_borough" in started[0][-1]
    synthetic = lambda figures: figures[figures["source_id"] == "synthetic_borough"].reset_index(drop=True)
    assert len(synthetic(failed_then_read_here)) > 500
    pd.testing.assert_frame_equal(synthetic(failed_then_read_here), synthetic(store.figures))


@pytest.mark.parametrize("days", [("2018-06-30",), ("2019-10-31", "2017-03-31"), ("2017-03-31", "2019-10-31")])
def test_a_store_known_at_a_day_gives_the_series_of_a_store_of_only_the_figures_known_then(store, days):
    """known_at reuses the whole store's rows for an area (filtered by date); the answer must be
    that of a store holding only what was known, however many days deep it is asked."""
    from croydon_kpi.store.figure_store import FigureStore

    known = store
    for day in days:
        known = known.known_at(day)
    earliest = min(pd.Timestamp(day) for day in days)
    only_then = FigureStore(
        store.figures[store.figures["available_from"] <= earliest].reset_index(drop=True),
        store.catalogue,
        store.rejections,
    )
    for measure in (
        "cla_rate_per_10k",
        "cin_visits_timely_percent",
        "social_workers_agency_percent",
        "cp_children_count",
    ):
        for area in ("Croydon", "England"):
            pd.testing.assert_frame_equal(known.series(measure, area=area), only_then.series(measure, area=area))


def test_an_edited_derivation_changes_the_stores_cache_key(project_copy):
    from croydon_kpi.store.figure_store import cache_key

    before = cache_key()
    path = project_copy / "data/catalogue/derivations.yaml"
    path.write_text(path.read_text().replace("derived, not a reported spend", "derived, never reported"))
    assert cache_key() != before
