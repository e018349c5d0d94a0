"""What can be built, derived from the report registry (reports/registry.py): a report's job from
the parameters a user gave (the notebook's defaults for the rest), and everything `build` makes.
Names no report: a new report is a registry entry, not a change here."""

from __future__ import annotations

from croydon_kpi.core.params import check_value
from croydon_kpi.publish.runner import notebook_defaults
from croydon_kpi.reports.registry import REPORTS, Job, Report, committed_notebooks

COMMITTED_NOTEBOOKS = committed_notebooks()


def check_given(report: Report, given: dict) -> None:
    """The checks that need no data (an empty value, a month's form), before the store loads."""
    for parameter in report.parameters:
        check_value(parameter.name, given.get(parameter.name))


def defaults(report: Report) -> dict:
    """The notebook's defaults for the report's registered parameters."""
    found = notebook_defaults(report.notebook)
    return {parameter.name: found[parameter.name] for parameter in report.parameters}


def plan(report: Report, store, given: dict | None = None) -> Job:
    """The job for the parameters given; a parameter left out (None) takes the notebook's default."""
    given = given or {}
    check_given(report, given)
    chosen = {name: value for name, value in given.items() if value is not None}
    return report.plan(store, {**defaults(report), **chosen})


def build_jobs(store) -> list[Job]:
    """Everything `build` makes: each report as its module lists it (the pack for the default month,
    every monitoring visit, finance and benchmarks for the default area)."""
    return [job for report in REPORTS for job in report.every(store, defaults(report))]
