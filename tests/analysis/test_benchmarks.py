"""Benchmarks: statistical neighbours, region, London and England, ranks and quartiles."""

import pandas as pd
import pytest

from croydon_kpi.analysis.benchmarks import benchmark, quartile_band, rank_areas


def test_agency_rate_benchmark_30_september_2019(store):
    found = benchmark(store, "social_workers_agency_percent", 2019, "Croydon")
    assert (found.value, found.period_label) == (38.5, "30 Sep 2019")
    assert (
        found.comparators["Outer London"] == 22.7
        and found.comparators["London"] == 23.9
        and found.comparators["England"] == 15.8
    )
    # As known at the end of 2019 no model had been published: the earliest bundled (April 2021) is
    # used, named, and said to be anachronistic.
    assert (
        found.model.model == "2021"
        and "no statistical-neighbour model in use by December 2019 is bundled" in found.model.note
    )
    # the median of the ten neighbours' rates (26.6 and 28.9 in the middle), as DfE's dashboard shows it
    assert found.comparators["Statistical neighbours"] == pytest.approx(27.75) and found.neighbours_known == 10
    # Hand-checked in the DfE file: 144 of the 150 authorities had a lower agency rate.
    assert (found.rank, found.ranked, found.quartile) == (145, 150, "D")


def test_the_neighbour_model_is_the_one_in_use_at_the_date_asked(store):
    from datetime import date

    later = benchmark(store, "social_workers_agency_percent", 2019, "Croydon", as_of=date(2026, 1, 31))
    assert later.model.model == "2025" and later.model.note is None
    assert later.comparators["Statistical neighbours"] == pytest.approx(19.5)  # median of the 2025 model's ten
    assert later.neighbours["area_name"].tolist()[:3] == ["Lewisham", "Waltham Forest", "Leeds"]
    middle = benchmark(store, "social_workers_agency_percent", 2019, "Croydon", as_of=date(2023, 6, 30))
    assert middle.model.model == "2021" and middle.model.note is None


def test_a_measure_with_no_better_direction_is_not_ranked(store):
    found = benchmark(store, "cla_rate_per_10k", 2019, "Croydon")
    assert found.rank is None and found.quartile is None and "no better direction" in found.rank_note


def test_second_plan_benchmark_ranks_lower_as_better(store):
    found = benchmark(store, "cp_plans_second_or_subsequent_percent", 2019, "Croydon")
    assert (found.value, found.comparators["England"]) == (16.0, 20.8)
    assert found.quartile == "A" and "1 = best" in found.rank_note


def test_ranks_share_ties_and_quartiles():
    ranks = rank_areas(pd.Series([10.0, 20.0, 20.0, 5.0]), "higher_is_better")
    assert ranks.tolist() == [3, 1, 1, 4]
    assert rank_areas(pd.Series([10.0, 20.0]), "lower_is_better").tolist() == [1, 2]
    assert [quartile_band(r, 8) for r in range(1, 9)] == list("AABBCCDD")


def test_an_area_is_compared_with_its_own_region_and_england(store):
    from croydon_kpi.analysis.benchmarks import comparator_areas

    roles = ("own_region", "England")
    assert comparator_areas(store, "Leeds", roles) == ("Yorkshire and The Humber", "England")
    assert comparator_areas(store, "Croydon", roles) == ("London", "England")  # Outer London's region
    assert comparator_areas(store, "England", roles) == ()  # nothing compares with itself


def test_a_pack_outside_london_never_names_london(store):
    from croydon_kpi.reports import pack

    context = pack.prepare("2019-10", "Leeds", store).context
    assert context.comparators == ("Yorkshire and The Humber", "England")
    assert "London" not in " ".join(pack.prepare("2019-10", "Leeds", store).latest_published_table().columns)
