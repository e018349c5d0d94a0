"""The measure catalogue and source registry: vocabularies, sources for targets, clear errors."""

import pytest
import yaml

from croydon_kpi import load_catalogue
from croydon_kpi.core import project, schema
from croydon_kpi.errors import CatalogueError

# The performance overview in the Cabinet report of 18 November 2019 (October 2019 Improvement
# Board): one measure per indicator.
OVERVIEW_MEASURES = [
    "cp_children_count",
    "cin_plans_count",
    "cp_visits_timely_percent",
    "cp_plans_second_or_subsequent_percent",
    "cp_reviews_timely_percent",
    "care_proceedings_count",
    "care_leavers_suitable_accommodation_percent",
    "social_worker_average_caseload",
    "supervision_timely_swf_percent",
    "cla_placed_within_20_miles_percent",
    "foster_carer_visits_timely_percent",
    "foster_carer_reviews_timely_percent",
    "care_leavers_in_touch_percent",
    "cla_visits_timely_percent",
    "cla_reviews_timely_percent",
    "cla_same_social_worker_6_months_percent",
    "cla_review_health_assessments_timely_percent",
    "social_workers_agency_percent",
    "cin_visits_timely_percent",
    "cin_reviews_timely_percent",
    "cla_care_plans_timely_percent",
    "care_leaver_pathway_plans_timely_percent",
    "cla_initial_health_assessments_timely_percent",
]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_ids_are_unique_and_vocabularies_known(catalogue):
    raw = yaml.safe_load(project.catalogue_path().read_text())["measures"]
    ids = [entry["id"] for entry in raw]
    assert len(ids) == len(set(ids)) == len(catalogue.measures)
    for measure in catalogue.measures.values():
        assert (
            measure.unit in schema.UNITS and measure.polarity in schema.POLARITIES and measure.domain in schema.DOMAINS
        )


def test_every_overview_indicator_is_catalogued(catalogue):
    assert set(OVERVIEW_MEASURES) <= set(catalogue.measures)


def test_no_target_without_a_source(catalogue):
    # None of the bundled sources states a target value: every target stays unknown.
    assert all(m.target is None for m in catalogue.measures.values())
    assert "remains below target" in catalogue.measure("cin_visits_timely_percent").target_note


def test_every_dfe_file_with_figures_feeds_a_measure(catalogue):
    for source in catalogue.sources.values():
        if source.reader in ("ees_csv", "lait_parquet"):
            assert catalogue.mappings(source.id), source.id


def test_finance_lines_are_catalogued(catalogue):
    finance = {m.id for m in catalogue.measures.values() if m.domain == "finance"}
    assert {
        "csc_base_budget_growth_gbp",
        "business_support_base_budget_gbp",
        "transformation_funding_gbp",
        "transformation_spend_gbp",
        "s251_cla_gross_spend_gbp",
    } <= finance
    assert all(catalogue.measure(m).unit == "gbp" for m in finance)


def _write(tmp_path, text):
    path = tmp_path / "measures.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    "entry, message",
    [
        (
            "- {id: a, title: A, domain: cla, unit: furlongs, polarity: neutral, decimals: 0, "
            "aliases: [], definition: {}}",
            "unit 'furlongs'",
        ),
        (
            "- {id: a, title: A, domain: cla, unit: count, polarity: up, decimals: 0, aliases: [], definition: {}}",
            "polarity 'up'",
        ),
        (
            "- {id: a, title: A, domain: space, unit: count, polarity: neutral, decimals: 0, "
            "aliases: [], definition: {}}",
            "domain 'space'",
        ),
        (
            "- {id: a, title: A, domain: cla, unit: count, polarity: neutral, decimals: 0, "
            "aliases: [], definition: {}, target: 90}",
            "target_source",
        ),
        (
            "- {id: a, title: A, domain: cla, unit: count, polarity: neutral, decimals: 0, "
            "aliases: [], definition: {}}\n"
            "- {id: a, title: B, domain: cla, unit: count, polarity: neutral, decimals: 0, "
            "aliases: [], definition: {}}",
            "duplicate id 'a'",
        ),
        ("- {id: a, title: A}", "missing"),
    ],
)
def test_bad_catalogue_entries_are_named(tmp_path, entry, message):
    with pytest.raises(CatalogueError, match=message) as raised:
        load_catalogue(_write(tmp_path, "measures:\n" + entry + "\n"))
    assert "measures.yaml measures[" in str(raised.value)


def test_yaml_python_tags_are_refused(tmp_path):
    with pytest.raises(CatalogueError, match="not valid YAML"):
        load_catalogue(_write(tmp_path, "measures: !!python/object/apply:os.system ['echo hi']\n"))


_GOOD = "id: a, title: A, domain: cla, unit: count, polarity: neutral, decimals: 0, aliases: [], definition: {}"


def test_an_unknown_key_is_refused_naming_the_file_the_measure_the_key_and_the_known_keys(tmp_path):
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(_write(tmp_path, "measures:\n- {" + _GOOD + ", targt: 90}\n"))
    message = str(raised.value)
    assert message.startswith(f"{project.relative(tmp_path / 'measures.yaml')} measures[0] (a): unknown key(s) targt")
    assert "(known keys: aliases, decimals, definition, domain, id, money, national_sources," in message


def test_an_unknown_key_in_a_national_source_mapping_is_refused(tmp_path):
    mapping = "national_sources: [{source: lait, period: snapshot_31_march, short_desc: X, shortdesc: Y}]"
    with pytest.raises(CatalogueError, match=r"measures\[0\] \(a\) national_sources\[0\]: unknown key\(s\) shortdesc"):
        load_catalogue(_write(tmp_path, "measures:\n- {" + _GOOD + ", " + mapping + "}\n"))


def test_every_key_the_bundled_catalogue_uses_is_known():
    from croydon_kpi.catalogue import measures

    bundled = yaml.safe_load(project.catalogue_path().read_text(encoding="utf-8"))["measures"]
    used = {key for entry in bundled for key in entry}
    assert used <= measures._REQUIRED_MEASURE_FIELDS | measures._OPTIONAL_MEASURE_FIELDS
    assert len(load_catalogue().measures) == len(bundled)


def test_a_source_is_found_by_its_id_and_an_unknown_id_is_refused_naming_the_registry(catalogue):
    deflators = catalogue.source("hmt_gdp_deflators_2026_03")
    assert deflators.path == project.sources_dir() / "reference" / "gdp_deflators_hmt_2026_03.csv"
    with pytest.raises(CatalogueError, match=r"no source 'hmt_deflators' in data/sources/sources.yaml"):
        catalogue.source("hmt_deflators")
