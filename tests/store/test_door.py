"""The store's door: a reader's figures that break the schema are refused, all problems at once,
each with its source, locator, column, value and reason code; valid figures pass unchanged."""

import dataclasses
import pickle

import pandas as pd
import pytest

from croydon_kpi.catalogue.measures import Source, load_catalogue
from croydon_kpi.core import schema
from croydon_kpi.errors import InputError, SchemaViolation
from croydon_kpi.store import door

SOURCE = Source("dfe_test", "dfe/test.csv", "ees_csv", "A test file", "DfE", {})


def figure(**changes) -> dict:
    row = {
        "measure": "cla_count",
        "label": "Children looked after",
        "area_code": "E09000008",
        "area_name": "Croydon",
        "area_level": "local_authority",
        "period_start": "2018-03-31",
        "period_end": "2019-03-31",
        "period_label": "2019",
        "frequency": "year_to_31_march",
        "kind": "level",
        "value": 58.0,
        "unit": "count",
        "bound": "exact",
        "source_id": "dfe_test",
        "locator": "line 12",
        "quote": "number = 58",
        "status": "published_statistic",
        "tags": "",
    }
    return {**row, **changes}


def refused(*rows) -> SchemaViolation:
    with pytest.raises(SchemaViolation) as raised:
        door.admitted(pd.DataFrame(rows), SOURCE, load_catalogue())
    return raised.value


def test_valid_figures_pass_unchanged():
    frame = pd.DataFrame([figure(), figure(locator="line 13", value=61.0)])
    admitted = door.admitted(frame, SOURCE, load_catalogue())
    pd.testing.assert_frame_equal(admitted, schema.conform(frame))


@pytest.mark.parametrize(
    "changes, column, found, reason",
    [
        ({"kind": "estimate"}, "kind", "estimate", door.NOT_IN_VOCABULARY),
        ({"status": "rumoured"}, "status", "rumoured", door.NOT_IN_VOCABULARY),
        ({"unit": "percentage"}, "unit", "percentage", door.NOT_IN_VOCABULARY),
        ({"source_id": None}, "source_id", None, door.NULL_REQUIRED),
        ({"frequency": None}, "frequency", None, door.NULL_REQUIRED),
        ({"frequency": "annual"}, "frequency", "annual", door.NOT_IN_VOCABULARY),
        ({"unit": "percent", "value": 126.8}, "value", 126.8, door.OUT_OF_RANGE),
        ({"measure": "cla_bogus"}, "measure", "cla_bogus", door.NOT_IN_VOCABULARY),
        ({"unit": "gbp", "tags": "money_nature=sometimes"}, "tags", "money_nature=sometimes", "not_in_vocabulary"),
    ],
)
def test_a_figure_breaking_the_schema_is_refused_naming_its_source(changes, column, found, reason):
    error = refused(figure(), figure(locator="line 40", **changes))
    assert isinstance(error, InputError) and error.exit_status == 2
    [problem] = error.problems
    assert (problem.source_id, problem.file, problem.locator) == ("dfe_test", "data/sources/dfe/test.csv", "line 40")
    assert (problem.column, problem.found, problem.reason) == (column, found, reason)
    assert "dfe_test (data/sources/dfe/test.csv), line 40, column " + column in str(error)


def test_a_percentage_change_may_be_negative_but_not_a_percentage():
    frame = pd.DataFrame([figure(unit="percent", kind="change", value=-5.0)])
    assert len(door.admitted(frame, SOURCE, load_catalogue())) == 1
    assert "between 0 and 100" in refused(figure(unit="percent", value=-5.0)).problems[0].expected


def test_every_problem_is_listed_in_one_error_and_the_message_stays_short():
    rows = [figure(locator=f"line {n}", unit="percentage", status="rumoured") for n in range(12)]
    error = refused(*rows)
    assert len(error.problems) == 24
    assert {p.reason for p in error.problems} == {door.NOT_IN_VOCABULARY}
    assert str(error).endswith("and 14 more") and str(error).count("[not_in_vocabulary]") == 10


def test_a_required_column_the_reader_did_not_give_is_named_once():
    row = figure()
    del row["locator"]
    [problem] = refused(row).problems
    assert (problem.column, problem.reason, problem.locator) == ("locator", door.COLUMN_MISSING, None)


def test_the_problems_survive_pickling():
    error = refused(figure(unit="percentage"), figure(source_id=None))
    restored = pickle.loads(pickle.dumps(error))
    assert restored.problems == error.problems and str(restored) == str(error)


def test_a_reader_giving_an_undeclared_unit_makes_pack_exit_2_naming_the_source(project_copy, monkeypatch, capsys):
    from croydon_kpi.publish import cli
    from croydon_kpi.readers import registry

    papers = registry.READERS["committee_paper"]

    def misspelt(source, catalogue, so_far):
        figures, rejected = papers.read(source, catalogue, so_far)
        return figures.assign(unit=figures["unit"].where(figures.index > 0, "percentage")), rejected

    # A reader that borrows areas is read in this process (an independent one may be read in a second).
    monkeypatch.setitem(registry.READERS, "committee_paper", dataclasses.replace(papers, read=misspelt))
    assert cli.main(["pack", "--area", "Croydon", "--month", "2019-10"]) == 2
    said = capsys.readouterr().err
    assert "column unit: found 'percentage'" in said and "[not_in_vocabulary]" in said
    papers_read = [s for s in load_catalogue().sources.values() if s.reader == "committee_paper"]
    assert any(f"{s.id} (data/sources/{s.file})" in said for s in papers_read)
