"""The store's query API: series, areas, suppression, a store as known on a day, one memo."""

import pandas as pd
import pytest

from croydon_kpi.core import schema
from croydon_kpi.errors import ParameterError
from croydon_kpi.store.queries import FigureStore


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
    assert [schema.tag_value(tags, "suppressed") for tags in suppressed["tags"]] == suppressed["symbol"].tolist()
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


@pytest.mark.parametrize("days", [("2018-06-30",), ("2019-10-31", "2017-03-31"), ("2017-03-31", "2019-10-31")])
def test_a_store_known_at_a_day_gives_the_series_of_a_store_of_only_the_figures_known_then(store, days):
    """known_at reuses the whole store's rows for an area (filtered by date); the answer must be
    that of a store holding only what was known, however many days deep it is asked."""
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


def test_an_answer_is_worked_out_once_per_store(store):
    calls = []
    fresh = FigureStore(store.figures, store.catalogue, store.rejections)
    first = fresh.remembered(("sample",), lambda: calls.append(1) or len(calls))
    assert fresh.remembered(("sample",), lambda: calls.append(1) or len(calls)) == first == 1 and calls == [1]
    # The store's own answers share the same memo: the series is cut once, and handed out as a copy.
    series = fresh.series("cla_count", area="Croydon")
    series.loc[0, "value"] = -1
    assert fresh.series("cla_count", area="Croydon").loc[0, "value"] != -1
    assert any(key[0] == "series" for key in fresh._memo)


def test_every_bundled_figure_says_its_period_type(store):
    frequency = store.figures["frequency"]
    assert frequency.notna().all() and frequency.isin(schema.FREQUENCIES).all()


def test_a_scorecard_row_is_a_month_and_dfe_says_which_kind_of_year(store):
    croydon = store.figures[store.figures["area_name"] == "Croydon"]

    def frequencies(measure: str, source_id: str) -> set:
        return set(croydon.loc[(croydon["measure"] == measure) & (croydon["source_id"] == source_id), "frequency"])

    assert frequencies("cp_children_count", "scorecards") == {"month"}
    assert frequencies("cla_count", "dfe_cla") == {"snapshot"}  # children looked after at 31 March
    assert frequencies("cla_started_rate_per_10k", "dfe_cla") == {"year_to_31_march"}
    synthetic = store.figures[store.figures["source_id"] == "synthetic_borough"]
    assert set(synthetic["frequency"]) == {"month"}


def test_a_series_keeps_one_frequency_or_several(store):
    every = store.series("cp_children_count", area="Croydon")
    assert {"month", "snapshot"} <= set(every["frequency"])  # interleaved unless asked
    monthly = store.series("cp_children_count", area="Croydon", frequency="month")
    assert len(monthly) and set(monthly["frequency"]) == {"month"}
    both = store.series("cp_children_count", area="Croydon", frequency=("month", "snapshot"))
    assert set(both["frequency"]) == {"month", "snapshot"}
    assert len(both) == every["frequency"].isin(["month", "snapshot"]).sum()  # the minutes' autumn span left out
    with pytest.raises(ParameterError, match="'annual' is not one of"):
        store.series("cp_children_count", area="Croydon", frequency="annual")
