"""What can be built: each report's job from the registry, with the notebook's defaults for what
is not given, and the checks that run before any kernel starts."""

from datetime import date

import pytest

from croydon_kpi.errors import ParameterError
from croydon_kpi.publish import jobs
from croydon_kpi.reports.registry import REPORTS, SideFile, report


def test_a_pack_job_names_its_file_by_month_and_area(store):
    job = jobs.plan(report("pack"), store, {"month": "2019-10", "area": "209"})
    assert job.report_name == "monthly_pack_2019-10_lewisham" and job.parameters == {
        "month": "2019-10",
        "area": "Lewisham",
    }
    assert job.side_files == (SideFile("workbook", ".xlsx"),)


def test_a_parameter_left_out_takes_the_notebooks_default(store):
    job = jobs.plan(report("pack"), store, {"month": "2019-10", "area": None})
    assert job.parameters == {"month": "2019-10", "area": "Croydon"}


def test_the_packs_month_is_required_never_the_notebooks_default(store):
    with pytest.raises(ParameterError, match="month is required"):
        jobs.plan(report("pack"), store, {"month": None, "area": "Lewisham"})


def test_last_is_resolved_before_the_store_loads():
    given = jobs.check_given(report("pack"), {"month": "last", "area": None}, today=date(2026, 12, 4))
    assert given == {"month": "2026-11", "area": None}


def test_a_build_for_an_area_and_month_has_every_report_of_that_area(store):
    jobs_for = jobs.build_jobs(store, area="Lewisham", month="2019-10")
    assert [job.report_name for job in jobs_for] == [
        "monthly_pack_2019-10_lewisham",
        "finance_lewisham",
        "benchmarks_lewisham_2019",
    ]  # no monitoring visits: they are the inspected area's
    assert all(job.area == "Lewisham" and job.about for job in jobs_for)
    inspected = [job.report_name for job in jobs.build_jobs(store, area="306", month="2018-07")]
    assert inspected[0] == "monthly_pack_2018-07_croydon" and inspected[-1] == "benchmarks_croydon_2018"
    assert [n for n in inspected if n.startswith("monitoring_visit_")] == [f"monitoring_visit_{n}" for n in range(1, 8)]


@pytest.mark.parametrize("area, month", [("Lewisham", None), (None, "2019-10")])
def test_a_build_takes_area_and_month_together(area, month):
    with pytest.raises(ParameterError, match="--area and --month together"):
        jobs.check_build_options(area, month)


def test_finance_and_benchmarks_are_built_for_the_area_asked(store):
    finance = jobs.plan(report("finance"), store, {"area": "E08000019"})
    assert finance.report_name == "finance_sheffield" and finance.parameters == {
        "area": "Sheffield",
        "base_year": "2024-25",
    }
    benchmarks = jobs.plan(report("benchmarks"), store, {"area": "Leeds", "year": "2018"})
    assert benchmarks.report_name == "benchmarks_leeds_2018" and benchmarks.parameters["year"] == 2018


@pytest.mark.parametrize(
    "name, given, message",
    [
        ("benchmarks", {"year": "1999"}, "is not a year from 2000"),
        ("benchmarks", {"year": "twenty"}, "is not a year from 2000"),
        ("finance", {"base_year": "1980-81"}, "outside the deflator table"),
        ("pack", {"month": "2019-13"}, "not a month number"),
        ("pack", {"month": "2019-10", "area": " "}, "area is empty"),
    ],
)
def test_a_bad_parameter_is_refused_before_any_kernel_starts(store, name, given, message):
    with pytest.raises(ParameterError, match=message):
        jobs.plan(report(name), store, given)


def test_the_build_has_the_pack_each_visit_finance_and_benchmarks(store):
    names = [job.report_name for job in jobs.build_jobs(store)]
    assert names[0].startswith("monthly_pack_") and "finance_croydon" in names
    assert [n for n in names if n.startswith("monitoring_visit_")] == [f"monitoring_visit_{n}" for n in range(1, 8)]
    assert names[-1] == "benchmarks_croydon_2019"


@pytest.mark.parametrize("number, message", [("8", "had monitoring visits 1 to 7"), ("seven", "is not a number")])
def test_a_visit_that_did_not_happen_is_named(number, message):
    with pytest.raises(ParameterError, match=message):
        jobs.plan(report("visit"), None, {"visit": number})


def test_every_registered_parameter_is_a_parameter_of_its_notebook():
    for entry in REPORTS:
        assert set(jobs.defaults(entry)) == {p.name for p in entry.parameters}, entry.command


def test_the_committed_notebooks_are_the_reports_and_the_explorer():
    assert jobs.COMMITTED_NOTEBOOKS == (
        "monthly_pack.ipynb",
        "regional_overview.ipynb",
        "monitoring_visit.ipynb",
        "finance.ipynb",
        "benchmarks.ipynb",
        "explore.ipynb",
    )


def test_a_builds_last_month_is_resolved_like_a_packs():
    assert jobs.check_build_options("Lewisham", "last", today=date(2027, 1, 3)) == ("Lewisham", "2026-12")
    assert jobs.check_build_options(None, None) == (None, None)
