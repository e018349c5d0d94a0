"""Money, visits, benchmarks, direction of travel and RAG, on real Croydon series from the store."""
from decimal import Decimal

import pandas as pd
import pytest

from croydon_kpi import money, visits
from croydon_kpi.benchmarks import benchmark, quartile_band, rank_areas
from croydon_kpi.targets import Target, group, load_targets, overview, position, rag, trend_from_statement
from croydon_kpi.trend import direction_of_travel


# --- money ----------------------------------------------------------------------------------

def test_22_2m_in_2018_19_is_28_17m_in_2024_25_prices():
    real = money.real_terms(22_200_000, year="2018/19", base="2024-25")
    assert real.pounds == Decimal("28174448.06")  # 22,200,000 x 100 / 78.7948, to the penny
    assert f"£{real.pounds / 1_000_000:.2f}m" == "£28.17m"
    assert "March 2026" in real.vintage and real.base == "2024-25" and "March 2026" in str(real)


def test_real_terms_outside_the_table_is_a_clear_error():
    with pytest.raises(ValueError, match="cash year 2010-11 is outside the deflator table \\(2015-16 to 2025-26"):
        money.real_terms(1_000_000, year="2010-11")
    assert money.real_terms(1_000_000, year="2025-26").note == "2025-26 deflator is a forecast"


def test_spend_per_child_and_per_child_looked_after(store):
    per_child = money.spend_per_child(store).set_index("financial_year")
    # 2019-20 S251 CLA spend £65,820,978 / 91,658 children (mid-2019) = £718.11
    assert per_child.loc["2019-20", "population_year"] == "mid-2019"
    assert per_child.loc["2019-20", "per_child"] == 718.11
    per_cla = money.spend_per_child_looked_after(store).set_index("financial_year")
    # / 791 children looked after at 31 March 2020 = £83,212.36
    assert (per_cla.loc["2019-20", "children_looked_after"], per_cla.loc["2019-20", "per_child_looked_after"]) == (791, 83212.36)


def test_spend_profile_in_real_terms(store):
    profile = money.spend_profile(store).set_index("financial_year")
    assert profile.loc["2018-19", "cash"] == 53_043_836
    assert profile.loc["2018-19", "real_2024-25_prices"] == float(money.real_terms(53_043_836, "2018-19").pounds)
    assert profile["deflator_vintage"].str.contains("March 2026").all()


# --- visits -----------------------------------------------------------------------------------

@pytest.mark.parametrize("number", range(1, 8))
def test_every_visit_has_facts_and_sources(store, number):
    found = visits.visit(number, store)
    assert found.facts["sources"]
    assert found.dates_label


def test_visits_1_and_4_say_what_is_unknown(store):
    first, fourth = visits.visit(1, store), visits.visit(4, store)
    assert any(item.startswith("start: Unknown: between September 2017 and March 2018") for item in first.unknown)
    assert any(item.startswith("focus: Unknown") for item in first.unknown)
    assert first.measures == []
    assert any("between August 2018 and January 2019" in item for item in fourth.unknown)
    assert "letter published: Unknown." in fourth.unknown


def test_visit_7_measures_and_figures_around_it(store):
    seventh = visits.visit(7, store)
    assert seventh.dates_label == "16 to 17 October 2019"
    assert {"cin_visits_timely_percent", "cp_children_count"} <= set(seventh.measures)
    october = seventh.figures[seventh.figures["source_id"] == "cabinet_2019_11_18_report_improvement_board"]
    assert 587 in october["value"].tolist() and 79 in october["value"].tolist()
    with pytest.raises(ValueError, match="visits 1 to 7"):
        visits.visit(9, store)


# --- benchmarks ---------------------------------------------------------------------------------

def test_agency_rate_benchmark_30_september_2019(store):
    found = benchmark(store, "social_workers_agency_percent", 2019)
    assert (found.value, found.period_label) == (38.5, "30 Sep 2019")
    assert found.comparators["Outer London"] == 22.7 and found.comparators["London"] == 23.9 and found.comparators["England"] == 15.8
    assert found.comparators["Statistical neighbours (2025 model, mean of 10 of 10)"] == pytest.approx(18.7)
    assert found.comparators["Statistical neighbours (2021 model, mean of 10 of 10)"] == pytest.approx(23.95)
    # Hand-checked in the DfE file: 144 of the 150 authorities had a lower agency rate.
    assert (found.rank, found.ranked, found.quartile) == (145, 150, "D")
    assert found.neighbours["2025"]["area_name"].tolist()[:3] == ["Lewisham", "Waltham Forest", "Leeds"]


def test_second_plan_benchmark_ranks_lower_as_better(store):
    found = benchmark(store, "cp_plans_second_or_subsequent_percent", 2019)
    assert (found.value, found.comparators["England"]) == (16.0, 20.8)
    assert found.quartile == "A" and "1 = best" in found.rank_note


def test_ranks_share_ties_and_quartiles():
    ranks = rank_areas(pd.Series([10.0, 20.0, 20.0, 5.0]), "higher_is_better")
    assert ranks.tolist() == [3, 1, 1, 4]
    assert rank_areas(pd.Series([10.0, 20.0]), "lower_is_better").tolist() == [1, 2]
    assert [quartile_band(r, 8) for r in range(1, 9)] == list("AABBCCDD")


# --- direction of travel ------------------------------------------------------------------------

def test_cla_rate_sentences_on_the_real_series(store):
    series = store.series("cla_rate_per_10k", status="published_statistic")
    upto_2022 = direction_of_travel(series[series["period_end"] <= "2022-03-31"], "rate_per_10k", "neutral", 0)
    assert upto_2022.sentences == ["Down 15 per 10,000 on 31 Mar 2021.", "It has fallen for the third year running.",
                                   "The lowest of the 7 figures since 31 Mar 2016."]
    latest = direction_of_travel(series, "rate_per_10k", "neutral", 0)
    assert latest.sentences[-1] == "The highest since 31 Mar 2022."
    changes = {c.against: c for c in latest.changes}
    assert changes["12 months"].change == 3 and changes["3 months"].note == "no figure for December 2024"


def test_agency_rate_in_percentage_points(store):
    series = store.series("social_workers_agency_percent", status="published_statistic")
    found = direction_of_travel(series[series["period_end"] <= "2019-12-31"], "percent", "lower_is_better", 1)
    assert found.sentences[0] == "Down 8.1 percentage points on 30 Sep 2018 (better)."


def test_monthly_gaps_are_said_not_hidden():
    months = pd.to_datetime(["2019-05-31", "2019-06-30", "2019-07-31", "2019-08-31", "2019-10-31"])
    series = pd.DataFrame({"period_end": months, "period_label": [f"{m:%B %Y}" for m in months], "value": [70, 75, 73, 71, 67]})
    found = direction_of_travel(series, "percent", "higher_is_better", 0)
    assert found.sentences[0] == "No figure for September 2019; compared with August 2019 instead."
    assert {c.against: c.note for c in found.changes}["6 months"] == "no figure for April 2019"
    series.loc[4, "period_end"], series.loc[4, "period_label"] = pd.Timestamp("2019-09-30"), "September 2019"
    assert "It has fallen for the third month running." in direction_of_travel(series, "percent", "higher_is_better", 0).sentences


# --- targets, RAG and the three groups ---------------------------------------------------------------

def test_rag_respects_polarity():
    target = Target("m", None, 90, 5, None, None, "a plan")
    assert [rag(v, target, "higher_is_better") for v in (92, 87, 80)] == ["green", "amber", "red"]
    assert [rag(v, target, "lower_is_better") for v in (80, 93, 99)] == ["green", "amber", "red"]
    assert rag(92, target, "neutral") is None and rag(92, None, "higher_is_better") is None


def test_no_target_is_invented(store):
    assert load_targets(store.catalogue) == []


def test_targets_file_needs_a_source(store, tmp_path):
    from croydon_kpi import InputError

    path = tmp_path / "targets.yaml"
    path.write_text("targets:\n  - {measure: cin_visits_timely_percent, target: 90}\n")
    with pytest.raises(InputError, match="targets.yaml, targets\\[0\\]: each target needs measure, target and source"):
        load_targets(store.catalogue, path)
    path.write_text("targets:\n  - {measure: cin_visits_timely_percent, area: Croydon, target: 90, tolerance: 5, source: plan p.3}\n")
    assert load_targets(store.catalogue, path)[0].value == 90


def test_below_target_means_opposite_things_by_polarity():
    assert position(None, "qualifier=below_target", "higher_is_better") == "short"
    assert position(None, "qualifier=below_target", "lower_is_better") == "meeting"
    assert position(None, "qualifier=slightly_below_target; qualifier=below_target", "higher_is_better") == "amber"
    assert trend_from_statement([-5], "", "higher_is_better") == "worsening"
    assert group("meeting", "unknown") == "going_well" and group("short", "unknown") == "do_better"


def test_october_2019_overview_computed_beside_reported(store):
    table = overview(store, "2019-10").set_index("measure")
    assert len(table) == 23
    assert table.loc["cin_visits_timely_percent", ["computed_group", "reported_group", "agrees"]].tolist() == ["do_better", "do_better", True]
    assert table.loc["cp_plans_second_or_subsequent_percent", "computed_group"] == "going_well"  # lower is better
    in_touch = table.loc["care_leavers_in_touch_percent"]
    assert (in_touch["trend"], in_touch["computed_group"], in_touch["reported_group"], in_touch["agrees"]) == \
           ("worsening", "do_better", "ones_to_watch", False)
    assert table.loc["cp_children_count", "value"] == 587 and table.loc["cp_children_count", "other_values"] == "100"
    assert table["agrees"].sum() == 11  # the other 12 disagreements are listed, each with its position and trend
    assert table.loc["cin_visits_timely_percent", "target_note"].startswith("Seed 004 says")
