"""What can be built: each report's notebook, parameters and file name."""

import pytest

from croydon_kpi.errors import ParameterError
from croydon_kpi.publish import jobs


def test_a_pack_job_names_its_file_by_month_and_area(store):
    job = jobs.pack_job(store, "2019-10", "209")
    assert job.report_name == "monthly_pack_2019-10_lewisham" and job.parameters == {
        "month": "2019-10",
        "area": "Lewisham",
    }
    assert job.extras == ("kpi_workbook",)


def test_the_build_has_the_pack_each_visit_finance_and_benchmarks(store):
    names = [job.report_name for job in jobs.build_jobs(store)]
    assert names[0].startswith("monthly_pack_") and "finance" in names
    assert [n for n in names if n.startswith("monitoring_visit_")] == [f"monitoring_visit_{n}" for n in range(1, 8)]


@pytest.mark.parametrize("number, message", [("8", "had monitoring visits 1 to 7"), ("seven", "is not a number")])
def test_a_visit_that_did_not_happen_is_named(number, message):
    with pytest.raises(ParameterError, match=message):
        jobs.visit_job(number)
