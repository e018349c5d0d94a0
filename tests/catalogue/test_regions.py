"""Each authority's region, from the ONS population file found by its source id."""

from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.catalogue.regions import REGIONS_SOURCE, region_of


def test_the_regions_come_from_the_population_source():
    assert load_catalogue().source(REGIONS_SOURCE).file == "dfe/ons_mid-year_population_estimates_2012_to_2024.csv"


def test_a_london_borough_is_filed_under_inner_or_outer_london():
    assert region_of("306") == "Outer London"  # Croydon
    assert region_of("201") == "Inner London"  # City of London
    assert region_of(306) == "Outer London"  # a number given as a number is the same authority


def test_an_authority_elsewhere_has_its_region_and_an_unknown_number_none():
    assert region_of("390") == "North East"  # Gateshead
    assert region_of("999") is None


def test_the_regions_and_their_parts_are_data():
    from croydon_kpi.catalogue.regions import part_of, region_words

    assert part_of() == {"Inner London": "London", "Outer London": "London"}
    words = region_words()
    assert len({name for name in words.values()}) == 11  # nine regions and London's two parts
    assert words["yorkshire"] == "Yorkshire and The Humber"
