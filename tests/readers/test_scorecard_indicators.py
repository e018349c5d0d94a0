"""Which measure an indicator is, as the council words it: its map, a typed id, then unit-aware aliases."""

import pytest

from croydon_kpi.catalogue.indicator_map import IndicatorMap, load_indicator_map
from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.readers.scorecard_indicators import UNMAPPED, IndicatorMatcher


@pytest.fixture(scope="module")
def matcher():
    return IndicatorMatcher(load_catalogue(), IndicatorMap({}))


def test_a_percentage_wording_never_maps_to_a_count(matcher):
    assert matcher.measure_of("% referrals resulting in NFA") == "referrals_no_further_action_percent"
    assert matcher.measure_of("% CLA with 3+ placements") == UNMAPPED  # no percentage alias fits: not cla_count
    assert matcher.measure_of("Number of children looked after") == "cla_count"


def test_a_stated_unit_decides_over_the_words(matcher):
    assert matcher.measure_of("Children looked after", "percent") == UNMAPPED
    assert matcher.measure_of("Children looked after", "count") == "cla_count"


def test_a_typed_measure_id_is_taken_as_it_is(matcher):
    assert matcher.measure_of("cp_children_count") == "cp_children_count"


def test_the_nearest_measures_are_of_a_unit_the_wording_can_be(matcher):
    near = matcher.nearest("% CLA with 3+ placements")
    assert near[0] == "cla_three_or_more_placements_percent"
    catalogue = load_catalogue()
    assert all(catalogue.measure(m).unit == "percent" for m in near)


def test_the_councils_map_wins_and_compares_case_and_spacing_aside(tmp_path):
    (tmp_path / "indicators.yaml").write_text(
        'indicators:\n  "Number of children subject to a CP plan": cp_children_count\n'
    )
    found = load_indicator_map(tmp_path, load_catalogue())
    assert found.measure_of("number of children  subject to a CP plan ") == "cp_children_count"
    assert IndicatorMatcher(load_catalogue(), found).measure_of("Number of children subject to a CP plan") == (
        "cp_children_count"
    )
