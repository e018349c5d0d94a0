"""A region's authorities side by side: which authorities a region holds, and one measure's
latest published figure for each, ranked among every English authority."""

import pytest

from croydon_kpi.analysis.regional import authorities_in, region_named, regional_figures
from croydon_kpi.errors import ParameterError


def test_a_region_is_named_as_dfes_files_name_it_or_the_nation(store):
    assert region_named(store, "london") == "London"
    assert region_named(store, "Yorkshire") == "Yorkshire and The Humber"
    assert region_named(store, "England") == "England"
    with pytest.raises(ParameterError, match="region 'Narnia' is not a region: expected England or one of"):
        region_named(store, "Narnia")


def test_a_region_holds_its_authorities_and_a_part_of_it_its_own(store):
    london = [area.name for area in authorities_in(store, "London")]
    assert len(london) == 33 and "Croydon" in london and "City of London" in london
    inner = [area.name for area in authorities_in(store, "Inner London")]
    assert len(inner) == 14 and "Croydon" not in inner and set(inner) < set(london)
    assert len(authorities_in(store, "North East")) == 12


def test_each_authority_is_ranked_among_every_english_authority_for_the_same_period(store):
    known = store.known_at("2019-10-31")
    found = regional_figures(known, "rereferrals_within_12_months_percent", authorities_in(known, "London"), "London")
    assert (found.period_label, found.source_id, found.ranked) == ("year to 31 Mar 2018", "dfe_referrals", 152)
    assert (found.region_value, found.nation_value) == (16.7, 21.9)
    barking = found.table.set_index("area_name").loc["Barking and Dagenham"]
    assert (barking["value"], barking["rank"], barking["quartile"]) == (15.8, 35, "A")  # lower is better


def test_a_measure_with_no_better_direction_is_not_ranked(store):
    known = store.known_at("2019-10-31")
    found = regional_figures(known, "cla_rate_per_10k", authorities_in(known, "London"), "London")
    assert found.table["rank"].isna().all() and found.table["quartile"].isna().all()
    assert found.table.set_index("area_name").loc["Croydon", "value"] > 0
