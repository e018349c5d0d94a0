"""What can be built, derived from the report registry (reports/registry.py): a report's job from
the parameters a user gave (the notebook's defaults for the rest), and everything `build` makes.
Names no report: a new report is a registry entry, not a change here."""

from __future__ import annotations

from croydon_kpi.core.params import require_value, resolved
from croydon_kpi.errors import ParameterError
from croydon_kpi.publish.runner import notebook_defaults
from croydon_kpi.reports.registry import REPORTS, Job, Report, committed_notebooks, report

COMMITTED_NOTEBOOKS = committed_notebooks()


def check_given(report: Report, given: dict, today=None) -> dict:
    """The checks that need no data (a required parameter, an empty value, a month's form), before
    the store loads; the values as the run uses them (`--month last` resolved against `today`)."""
    checked = dict(given)
    for parameter in report.parameters:
        value = given.get(parameter.name)
        if parameter.required and value is None:
            raise ParameterError(f"{parameter.name} is required: {parameter.help}")
        checked[parameter.name] = resolved(parameter.name, value, today)
    return checked


def defaults(report: Report) -> dict:
    """The notebook's defaults for the report's registered parameters."""
    found = notebook_defaults(report.notebook)
    return {parameter.name: found[parameter.name] for parameter in report.parameters}


def plan(report: Report, store, given: dict | None = None) -> Job:
    """The job for the parameters given; a parameter left out (None) takes the notebook's default,
    unless the registry says it is required."""
    given = check_given(report, given or {})
    chosen = {name: value for name, value in given.items() if value is not None}
    return report.plan(store, {**defaults(report), **chosen})


def check_build_options(area: str | None, month: str | None, today=None) -> tuple[str | None, str | None]:
    """`build --area A --month M`: both or neither (a build for an area needs its month, and the
    notebook's default month is never a scheduled run's); the month resolved like a report's."""
    if (area is None) != (month is None):
        raise ParameterError("build takes --area and --month together (or neither, for the default set)")
    require_value("area", area)
    return area, resolved("month", month, today)


def build_jobs(store, area: str | None = None, month: str | None = None) -> list[Job]:
    """Everything `build` makes: each report as its module lists it. Without an area and month,
    the default set (the pack for the notebook's month, every monitoring visit, finance and
    benchmarks for the notebook's area); with them, every report the registry has for that area
    and month."""
    return [job for report in REPORTS for job in report.every(store, defaults(report), area=area, month=month)]


def region_jobs(chosen: Report, store, given: dict, region: str) -> tuple[list[Job], list[str]]:
    """`--region R`: the report for every authority of R (as the report's module lists them for
    the parameters given), then the overview the registry names for it; and the authorities left
    out (merged, abolished or not yet created by then), each with why."""
    from croydon_kpi.analysis.regional import region_named

    if given.get("area") is not None:
        raise ParameterError("pass --area or --region, not both (--region builds every authority of the region)")
    name = region_named(store, region)
    values = {**defaults(chosen), **{key: value for key, value in given.items() if value is not None}}
    values.pop("area", None)
    jobs, left_out = chosen.regional_jobs(store, name, values)
    if not jobs:
        raise ParameterError(
            f"region {name}: none of its {len(left_out)} authorities can have a pack for month {values['month']} "
            f"(the first: {left_out[0] if left_out else 'none is known'})"
        )
    if chosen.overview:
        overview = report(chosen.overview)
        shared = {p.name: values[p.name] for p in overview.parameters if p.name in values}
        jobs.append(overview.linked_overview(store, {**shared, "region": name}))
    return jobs, left_out
