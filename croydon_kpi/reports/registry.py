"""Every report, one entry each: its notebook, its parameters, its side files and the module that
prepares it (papermill's engine registry is the model). publish/ derives the jobs, the command's
subcommands, the kernels' warm-up and the committed notebooks from this table and names no report.

A report module gives `plan(store, **parameters) -> Plan` (checks that need data, the file name,
the title, the area and period) and `prepare(...)` (what its notebook shows); optionally
`every(store, defaults, area=None, month=None)` (the plans `build` makes, for the build's area
and month when given; default: one plan with the notebook's defaults, a parameter named `area` or
`month` taking the build's value) and `empty_warning(store, job)` (why a built report has nothing
to show, for a scheduled job to alert on).

Imports nothing heavy: `croydon-kpi --help` reads this table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import import_module
from typing import NamedTuple


@dataclass(frozen=True)
class Parameter:
    name: str  # the notebook's parameter, and the command's option (--name, or a positional)
    help: str
    positional: bool = False  # given as a bare word (`croydon-kpi visit 7`), not as --name
    required: bool = False  # no default: a scheduled run that forgot it must fail, not build the notebook's


@dataclass(frozen=True)
class SideFile:
    """A file the notebook writes beside its page, from the same computation."""

    parameter: str  # the notebook parameter the run passes the file's path in
    suffix: str


class Plan(NamedTuple):
    """What a report module decides for one run: the file name (without .html), the parameters
    the notebook gets, the title (heading, browser tab, index entry), and the area and period the
    report is about, in words (the index's columns)."""

    report_name: str
    parameters: dict
    title: str
    area: str = ""
    period: str = ""


@dataclass(frozen=True)
class Job:
    notebook: str  # file name under notebooks/
    report_name: str  # file name of the report under reports/, without .html
    parameters: dict
    title: str = ""
    side_files: tuple[SideFile, ...] = field(default_factory=tuple)
    command: str = ""  # the registry entry it was planned from
    area: str = ""
    period: str = ""
    about: str = ""  # the registry entry's one line: what this kind of report is


@dataclass(frozen=True)
class Report:
    command: str  # the subcommand: `croydon-kpi <command>`
    notebook: str
    module: str  # the report module: plan(), prepare(), and optionally every(), empty_warning()
    summary: str  # one line for `croydon-kpi --help`
    about: str  # one line for the index and `croydon-kpi list`: what a reader finds in the report
    description: str  # what `croydon-kpi <command> --help` says first
    parameters: tuple[Parameter, ...] = ()
    side_files: tuple[SideFile, ...] = ()
    may_be_empty: bool = False  # the run can find nothing to show (then exit 3 unless told it is expected)
    shelf: str = "Other reports"  # the heading the output folder's index lists it under
    # `--region R` builds it for every authority of R in one run (the module's `regional(store,
    # region, parameters) -> (plans, left out)`), with the report `overview` names beside them.
    regional: bool = False
    overview: str | None = None

    def _module(self):
        return import_module(self.module)

    def _job(self, planned: Plan) -> Job:
        planned = Plan(*planned)
        return Job(
            self.notebook,
            planned.report_name,
            planned.parameters,
            planned.title,
            side_files=self.side_files,
            command=self.command,
            area=planned.area,
            period=planned.period,
            about=self.about,
        )

    def plan(self, store, values: dict) -> Job:
        """The job for these parameter values (every registered parameter given)."""
        return self._job(self._module().plan(store, **values))

    def every(self, store, defaults: dict, area: str | None = None, month: str | None = None) -> list[Job]:
        """What `build` makes of this report, for the build's area and month when given: the
        module's list, or one job with the defaults, a parameter named like a build option
        (area, month) taking its value."""
        module = self._module()
        if hasattr(module, "every"):
            return [self._job(p) for p in module.every(store, defaults, area=area, month=month)]
        given = {name: value for name, value in (("area", area), ("month", month)) if value is not None}
        names = {parameter.name for parameter in self.parameters}
        return [self.plan(store, {**defaults, **{k: v for k, v in given.items() if k in names}})]

    def regional_jobs(self, store, region: str, values: dict) -> tuple[list[Job], list[str]]:
        """A job for every authority of the region (the area left to the module), and the
        authorities left out, each with why."""
        plans, left_out = self._module().regional(store, region, values)
        return [self._job(p) for p in plans], left_out

    def linked_overview(self, store, values: dict) -> Job:
        """The overview of a regional run, linking each authority to the report this run built for it."""
        return self._job(self._module().plan(store, **values, link_packs=True))

    def empty_warning(self, store, job: Job) -> str | None:
        module = self._module()
        return module.empty_warning(store, job.parameters) if hasattr(module, "empty_warning") else None


_MONTH = Parameter("month", "YYYY-MM, a finished month; or last: the last complete month", required=True)
_AREA = Parameter("area", "local authority name, GSS code or DfE number (default: the notebook's)")

REPORTS = (
    Report(
        command="pack",
        notebook="monthly_pack.ipynb",
        shelf="Monthly performance packs",
        module="croydon_kpi.reports.pack",
        summary="build the monthly pack for one month and area",
        about="the month's KPIs against targets and comparators, with risks, money, workforce and data quality",
        description="Build reports/monthly_pack_<month>_<area>.html and its KPI workbook (.xlsx).",
        parameters=(
            _MONTH,
            _AREA,
        ),
        side_files=(SideFile("workbook", ".xlsx"),),
        may_be_empty=True,
        regional=True,
        overview="region",
    ),
    Report(
        command="region",
        notebook="regional_overview.ipynb",
        shelf="Regional overviews",
        module="croydon_kpi.reports.regional_overview",
        summary="build the overview of every authority of a region for one month",
        about="every authority of a region side by side: latest published figures, quarters, the region, England",
        description="Build reports/regional_overview_<month>_<region>.html (pack --region builds it with the packs).",
        parameters=(
            _MONTH,
            Parameter("region", "a region as DfE's files name it (London, North East ...), or England", required=True),
        ),
    ),
    Report(
        command="visit",
        notebook="monitoring_visit.ipynb",
        shelf="Ofsted monitoring visits",
        module="croydon_kpi.reports.visit_report",
        summary="build the analysis of one Ofsted monitoring visit",
        about="what Ofsted looked at and said on one monitoring visit, and the figures a year either side",
        description="Build reports/monitoring_visit_<N>.html.",
        parameters=(Parameter("visit", "the monitoring visit's number, from 1", positional=True),),
    ),
    Report(
        command="finance",
        notebook="finance.ipynb",
        shelf="Money",
        module="croydon_kpi.reports.finance_report",
        summary="build the money report for one area",
        about="the improvement money as the council described it, in real terms, and S251 spend per child",
        description="Build reports/finance_<area>.html: the improvement money as stated, real terms, S251 spend.",
        parameters=(_AREA, Parameter("base_year", "the financial year whose prices real terms are in, e.g. 2024-25")),
    ),
    Report(
        command="benchmarks",
        notebook="benchmarks.ipynb",
        shelf="Benchmarks",
        module="croydon_kpi.reports.benchmarks_table",
        summary="build the benchmarks of one area for one year",
        about="every published rate against statistical neighbours, the region, London and England, with ranks",
        description="Build reports/benchmarks_<area>_<year>.html: every published rate and percentage "
        "against statistical neighbours, the region, London and England.",
        parameters=(_AREA, Parameter("year", "the year the published periods end in, e.g. 2019")),
    ),
)

# Committed notebooks that are not reports: re-executed by `make notebooks`, checked by nbval.
OTHER_NOTEBOOKS = ("explore.ipynb",)
# Modules every report's kernel imports besides the report modules themselves.
SHARED_MODULES = ("croydon_kpi.reports.charts", "croydon_kpi.reports.present")


def slug(text: str) -> str:
    """An area's name as it stands in a file name: "Upper Town, City of" -> upper-town-city-of."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def report(command: str) -> Report:
    return next(r for r in REPORTS if r.command == command)


def committed_notebooks() -> tuple[str, ...]:
    return (*(r.notebook for r in REPORTS), *OTHER_NOTEBOOKS)


def report_modules() -> tuple[str, ...]:
    """What a kernel imports before its first notebook (the warm-up)."""
    return tuple(sorted({*(r.module for r in REPORTS), *SHARED_MODULES}))
