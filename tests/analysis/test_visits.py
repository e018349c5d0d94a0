"""The inspection journey and each monitoring visit's facts, measures and figures."""

import pytest

from croydon_kpi.analysis import visits


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


def test_a_visits_span_is_its_days_or_else_the_window_a_source_allows():
    from datetime import date

    days = {"start": date(2019, 10, 1), "end": date(2019, 10, 2), "window": {"from": date(2019, 9, 1)}}
    assert visits.visit_span(days) == (date(2019, 10, 1), date(2019, 10, 2))
    only_a_month = {"window": {"from": date(2018, 3, 1), "to": date(2018, 3, 31)}}
    assert visits.visit_span(only_a_month) == (date(2018, 3, 1), date(2018, 3, 31))


def test_another_authoritys_journey_comes_from_the_ilacs_history_source():
    from croydon_kpi.catalogue.measures import load_catalogue

    source = load_catalogue().source(visits.ILACS_HISTORY_SOURCE)
    assert source.file == "dfe/ofsted_ilacs_inspection_history_2018_to_2025.csv"
    journey = visits.journey("Lewisham")
    assert journey["outcome"].tolist() == ["Overall: requires improvement to be good", "Overall: good"]


def test_a_visits_dates_are_read_from_the_registry_alone():
    assert visits.dates_of(7) == "16 to 17 October 2019"
    assert visits.dates_of(4) == "between August 2018 and January 2019 (days not known)"


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "    start: 2019-10-16\n",
            "    start: 2099-10-16\n",
            r"line \d+ \(monitoring_visits\[6\]\): starts 16 October 2099",
        ),
        ("    end: 2019-10-17\n", "    end: 2099-10-17\n", "ends 17 October 2099, in the future"),
        (
            "    start: 2018-07-10\n",
            "    start: 2016-07-10\n",
            "visit 3 starts 10 July 2016, before the first inspection",
        ),
        ("    end: 2017-07-13\n", "    end: 2017-06-13\n", r"\(inspections\[0\]\): starts 20 June 2017, after it ends"),
        ("window: {from: 2017-09-01, to: 2018-03-31}", "window: {from: 2017-09-01, to: 2017-03-31}", "after it ends"),
        ("    end: 2019-10-17\n", "    end: null\n", "start and end must both be dates"),
        ("    published: 2017-09-04\n", "    published: 2097-09-04\n", "published 2097-09-04 is in the future"),
        ("    letter_published: 2019-03-14\n", "    letter_published: 2091-03-14\n", "letter_published 2091-03-14 is"),
        ("window: {from: 2017-09-01, to: 2018-03-31}", "window: autumn", "window must be a mapping"),
    ],
)
def test_impossible_inspection_dates_are_refused_by_line(tmp_path, monkeypatch, old, new, message):
    import shutil

    from croydon_kpi.core import project
    from croydon_kpi.errors import InputError

    shutil.copytree(project.data_dir(), tmp_path / "data")
    monkeypatch.setenv(project.DATA_ENV, str(tmp_path / "data"))
    path = tmp_path / "data" / "inspections.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        visits.load_registry()
