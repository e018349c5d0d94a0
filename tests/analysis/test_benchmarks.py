"""Benchmarks: statistical neighbours, region, London and England, ranks and quartiles."""
import pandas as pd
import pytest

from croydon_kpi.analysis.benchmarks import benchmark, quartile_band, rank_areas


def test_agency_rate_benchmark_30_september_2019(store):
    found = benchmark(store, "social_workers_agency_percent", 2019, "Croydon")
    assert (found.value, found.period_label) == (38.5, "30 Sep 2019")
    assert found.comparators["Outer London"] == 22.7 and found.comparators["London"] == 23.9 and found.comparators["England"] == 15.8
    assert found.comparators["Statistical neighbours (2025 model, mean of 10 of 10)"] == pytest.approx(18.7)
    assert found.comparators["Statistical neighbours (2021 model, mean of 10 of 10)"] == pytest.approx(23.95)
    # Hand-checked in the DfE file: 144 of the 150 authorities had a lower agency rate.
    assert (found.rank, found.ranked, found.quartile) == (145, 150, "D")
    assert found.neighbours["2025"]["area_name"].tolist()[:3] == ["Lewisham", "Waltham Forest", "Leeds"]


def test_second_plan_benchmark_ranks_lower_as_better(store):
    found = benchmark(store, "cp_plans_second_or_subsequent_percent", 2019, "Croydon")
    assert (found.value, found.comparators["England"]) == (16.0, 20.8)
    assert found.quartile == "A" and "1 = best" in found.rank_note


def test_ranks_share_ties_and_quartiles():
    ranks = rank_areas(pd.Series([10.0, 20.0, 20.0, 5.0]), "higher_is_better")
    assert ranks.tolist() == [3, 1, 1, 4]
    assert rank_areas(pd.Series([10.0, 20.0]), "lower_is_better").tolist() == [1, 2]
    assert [quartile_band(r, 8) for r in range(1, 9)] == list("AABBCCDD")
