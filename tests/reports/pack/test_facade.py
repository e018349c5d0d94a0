"""The pack as its notebook sees it, and the checks made before any kernel starts."""

import pytest

from croydon_kpi.errors import ParameterError
from croydon_kpi.reports import pack


def test_the_facade_shows_the_sections(store):
    report = pack.prepare("2019-10", "Croydon", store)
    assert report.title == "Croydon: children's services performance pack, October 2019"
    assert report.group_counts().equals(pack.facade.groups.group_counts(report.context))


def test_a_pack_is_planned_with_its_file_name_and_title(store):
    planned = pack.plan(store, "2019-10", "E09000008")
    assert planned.report_name == "monthly_pack_2019-10_croydon" and planned.parameters["area"] == "Croydon"


def test_a_month_before_anything_was_known_is_refused(store):
    with pytest.raises(ParameterError, match="nothing about Croydon was known by the end of January 2000"):
        pack.plan(store, "2000-01", "Croydon")


def test_an_empty_month_is_named_for_a_scheduled_job(store):
    assert (
        pack.empty_warning(store, {"month": "2019-10", "area": "Lewisham"})
        == "Lewisham has no local figures for 2019-10"
    )
    assert pack.empty_warning(store, {"month": "2019-10", "area": "Croydon"}) is None
