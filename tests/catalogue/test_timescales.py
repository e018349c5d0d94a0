"""The child-level timescales as dated rule sets: a month is scored with the rules of its time."""

import shutil
from datetime import date

import pytest

from croydon_kpi.catalogue import timescales
from croydon_kpi.core import project
from croydon_kpi.errors import CatalogueError, ParameterError


def test_a_2019_month_is_scored_with_the_rules_in_effect_then():
    rules = timescales.rule_set_for(date(2019, 10, 31))
    assert rules.effective_from == date(2018, 7, 4)
    assert rules.parameters["assessment_working_days"] == 45 and rules.parameters["cla_visit_days"] == 42


def test_every_set_names_every_parameter_by_inheritance():
    names = set(timescales.parameter_names())
    assert {"cp_visit_working_days", "icpc_working_days", "count_start_day"} <= names
    assert all(set(rules.parameters) == names for rules in timescales.rule_sets())


def test_a_month_before_the_first_set_is_refused():
    with pytest.raises(ParameterError, match="the child-level rules bundled start on 15 April 2013"):
        timescales.rule_set_for(date(2012, 3, 31))


@pytest.fixture
def own_rules(tmp_path, monkeypatch):
    """A project copy whose rule file a test rewrites."""
    shutil.copytree(project.data_dir(), tmp_path / "data")
    shutil.copytree(project.notebooks_dir(), tmp_path / "notebooks")
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(tmp_path))
    return tmp_path / "data" / "catalogue" / "childlevel_parameters.yaml"


def test_a_later_set_changes_only_what_it_names(own_rules):
    own_rules.write_text(
        own_rules.read_text(encoding="utf-8")
        + "  - from: 2024-04-01\n    source: a council's new standard\n"
        + "    parameters:\n      cp_visit_working_days: 15\n",
        encoding="utf-8",
    )
    rules = timescales.rule_set_for(date(2024, 4, 30))
    assert rules.parameters["cp_visit_working_days"] == 15 and rules.parameters["cin_visit_working_days"] == 20
    assert timescales.rule_set_for(date(2024, 3, 31)).parameters["cp_visit_working_days"] == 10


def test_a_parameter_no_set_knows_is_refused(own_rules):
    own_rules.write_text(
        own_rules.read_text(encoding="utf-8")
        + "  - from: 2024-04-01\n    source: s\n    parameters:\n      cp_vist_working_days: 15\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=r"unknown parameter\(s\) cp_vist_working_days"):
        timescales.rule_sets()
