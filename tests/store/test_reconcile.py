"""Where sources disagree: two figures of one measure, area, period and period type."""

import pandas as pd

from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.core import schema
from croydon_kpi.store.figure_store import FigureStore


def test_conflicts_show_the_two_required_examples(store):
    found = store.conflicts()
    cp_rows = found[found["measure"] == "cp_children_count"]
    # The paper against the minutes (and the scorecard's same 587 against the minutes too).
    assert set(cp_rows["source_id_a"]) == {
        "cabinet_2019_11_18_report_improvement_board",
        "cyp_scrutiny_2019_autumn_minutes_improvement_plan",
    }
    cp = cp_rows[cp_rows["source_id_a"] == "cabinet_2019_11_18_report_improvement_board"].iloc[0]
    assert {cp["value_a"], cp["value_b"]} == {587, 100} and cp["reason"] == "conflict"
    assert {cp["source_id_a"], cp["source_id_b"]} == {
        "cabinet_2019_11_18_report_improvement_board",
        "cyp_scrutiny_2019_autumn_minutes_improvement_plan",
    }
    assert "reduced from 600 a year ago to 100" in cp["quote_b"] and "(587)" in cp["quote_a"]
    # The board's October agency share (a month) beside DfE's 30 September census (a snapshot) is
    # context of another period type, not a disagreement: it is not paired at all.
    agency = found[found["measure"] == "social_workers_agency_percent"]
    assert agency.empty


def test_whole_years_that_only_touch_are_not_conflicts(store):
    found = store.conflicts()
    assert not ((found["source_id_a"] == "dfe_referrals") | (found["measure"] == "unmapped")).any()
    assert set(found["reason"]) == {"conflict"}


def test_every_bundled_pair_is_of_one_frequency_or_a_short_local_span(store):
    found = store.conflicts()
    other_type = found[found["frequency_a"] != found["frequency_b"]]
    assert len(found) == 2 and len(other_type) == 2  # the paper's and the scorecard's 587 against the minutes' 100
    assert set(other_type["source_id_a"]) | set(other_type["source_id_b"]) >= {
        "cyp_scrutiny_2019_autumn_minutes_improvement_plan"
    }
    assert set(other_type["frequency_a"]) | set(other_type["frequency_b"]) == {"month", "other"}


def figure(source_id: str, value: float, start: str, end: str, frequency: str, status: str = "reported") -> dict:
    return {
        "measure": "cla_count",
        "label": "Children looked after",
        "area_name": "Croydon",
        "area_level": "local_authority",
        "period_start": start,
        "period_end": end,
        "period_label": f"{start} to {end}",
        "frequency": frequency,
        "kind": "level",
        "value": value,
        "unit": "count",
        "bound": "exact",
        "source_id": source_id,
        "locator": "line 1",
        "quote": f"{value:g}",
        "status": status,
    }


def conflicts_of(*rows) -> pd.DataFrame:
    return FigureStore(schema.conform(pd.DataFrame(rows)), load_catalogue()).conflicts()


def test_a_monthly_figure_and_an_annual_one_are_not_a_conflict():
    found = conflicts_of(
        figure("scorecards", 580, "2019-03-01", "2019-03-31", "month"),
        figure("dfe_cla", 560, "2019-03-31", "2019-03-31", "snapshot", "published_statistic"),
        figure("lait", 12, "2018-04-01", "2019-03-31", "year_to_31_march", "published_statistic"),
    )
    assert found.empty


def test_two_monthly_figures_that_differ_are_a_conflict():
    found = conflicts_of(
        figure("scorecards", 580, "2019-10-01", "2019-10-31", "month"),
        figure("cabinet_2019_11_18_report_improvement_board", 600, "2019-10-01", "2019-10-31", "month"),
    )
    assert len(found) == 1 and found.loc[0, "reason"] == "conflict"
    assert (found.loc[0, "frequency_a"], found.loc[0, "frequency_b"]) == ("month", "month")


def test_neighbouring_months_are_different_periods():
    found = conflicts_of(
        figure("scorecards", 580, "2019-09-01", "2019-09-30", "month"),
        figure("cabinet_2019_11_18_report_improvement_board", 600, "2019-10-01", "2019-10-31", "month"),
    )
    assert found.empty


def test_a_local_and_a_published_figure_of_one_period_type_are_definitions_that_differ():
    found = conflicts_of(
        figure("cabinet_2019_11_18_report_improvement_board", 570, "2019-03-31", "2019-03-31", "snapshot"),
        figure("dfe_cla", 560, "2019-03-31", "2019-03-31", "snapshot", "published_statistic"),
    )
    assert found["reason"].tolist() == ["definition_differs"]


def test_a_short_irregular_span_is_set_only_against_local_figures():
    autumn = figure("cyp_scrutiny_2019_autumn_minutes_improvement_plan", 500, "2019-09-01", "2019-10-15", "other")
    found = conflicts_of(
        autumn,
        figure("scorecards", 580, "2019-10-01", "2019-10-31", "month"),
        figure("dfe_workforce", 560, "2019-09-30", "2019-09-30", "snapshot", "published_statistic"),
    )
    assert found["source_id_b"].tolist() == ["scorecards"]
    two_years = {**autumn, "period_start": "2018-04-01", "period_end": "2020-03-31"}
    assert conflicts_of(two_years, figure("scorecards", 580, "2019-10-01", "2019-10-31", "month")).empty
