"""The council's own wordings, and what a wording says about its unit."""

import pytest

from croydon_kpi.catalogue.indicator_map import load_indicator_map, unit_of_wording
from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.errors import InputError


@pytest.mark.parametrize(
    "wording, unit",
    [
        ("% referrals resulting in NFA", "percent"),
        ("Proportion of assessments on time", "percent"),
        ("CP rate per 10,000", "rate_per_10k"),
        ("Re-referral rate", "rate"),
        ("Number of children looked after", "count"),
        ("Timeliness of CIN visits", None),
    ],
)
def test_what_a_wording_says_about_its_unit(wording, unit):
    assert unit_of_wording(wording) == unit


def test_a_wording_is_compared_case_and_spacing_aside_and_listed_for_the_docs(tmp_path):
    (tmp_path / "indicators.yaml").write_text(
        'indicators:\n  "Number of children subject to a CP plan": cp_children_count\n'
    )
    found = load_indicator_map(tmp_path, load_catalogue())
    assert found.measure_of("number of children  subject to a CP plan ") == "cp_children_count"
    assert found.wordings_of("cp_children_count") == ["Number of children subject to a CP plan"]


def test_no_map_is_an_empty_map(tmp_path):
    assert load_indicator_map(tmp_path, load_catalogue()).measure_of("anything") is None


def test_a_map_of_the_wrong_shape_is_refused(tmp_path):
    (tmp_path / "indicators.yaml").write_text("- a\n- b\n")
    with pytest.raises(InputError, match="expected `indicators:`"):
        load_indicator_map(tmp_path, load_catalogue())
