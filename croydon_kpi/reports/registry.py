"""Every report, one entry each: its notebook, its parameters, its side files and the module that
prepares it (papermill's engine registry is the model). publish/ derives the jobs, the command's
subcommands, the kernels' warm-up and the committed notebooks from this table and names no report.

A report module gives `plan(store, **parameters) -> Plan` (checks that need data, the file name,
the title) and `prepare(...)` (what its notebook shows); optionally `every(store)` (the plans
`build` makes, default: one with the notebook's defaults) and `empty_warning(store, job)` (why a
built report has nothing to show, for a scheduled job to alert on).

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


@dataclass(frozen=True)
class SideFile:
    """A file the notebook writes beside its page, from the same computation."""

    parameter: str  # the notebook parameter the run passes the file's path in
    suffix: str


class Plan(NamedTuple):
    """What a report module decides for one run: the file name (without .html), the parameters
    the notebook gets, and the title (heading, browser tab, index entry)."""

    report_name: str
    parameters: dict
    title: str


@dataclass(frozen=True)
class Job:
    notebook: str  # file name under notebooks/
    report_name: str  # file name of the report under reports/, without .html
    parameters: dict
    title: str = ""
    side_files: tuple[SideFile, ...] = field(default_factory=tuple)
    command: str = ""  # the registry entry it was planned from


@dataclass(frozen=True)
class Report:
    command: str  # the subcommand: `croydon-kpi <command>`
    notebook: str
    module: str  # the report module: plan(), prepare(), and optionally every(), empty_warning()
    summary: str  # one line for `croydon-kpi --help`
    description: str  # what `croydon-kpi <command> --help` says first
    parameters: tuple[Parameter, ...] = ()
    side_files: tuple[SideFile, ...] = ()
    may_be_empty: bool = False  # the run can find nothing to show (then exit 3 unless told it is expected)

    def _module(self):
        return import_module(self.module)

    def plan(self, store, values: dict) -> Job:
        """The job for these parameter values (every registered parameter given)."""
        planned = self._module().plan(store, **values)
        return Job(self.notebook, *planned, side_files=self.side_files, command=self.command)

    def every(self, store, defaults: dict) -> list[Job]:
        """What `build` makes of this report: the module's list, or one job with the defaults."""
        module = self._module()
        if hasattr(module, "every"):
            return [
                Job(self.notebook, *p, side_files=self.side_files, command=self.command) for p in module.every(store)
            ]
        return [self.plan(store, defaults)]

    def empty_warning(self, store, job: Job) -> str | None:
        module = self._module()
        return module.empty_warning(store, job.parameters) if hasattr(module, "empty_warning") else None


_AREA = Parameter("area", "local authority name, GSS code or DfE number (default: the notebook's)")

REPORTS = (
    Report(
        command="pack",
        notebook="monthly_pack.ipynb",
        module="croydon_kpi.reports.pack",
        summary="build the monthly pack for one month and area",
        description="Build reports/monthly_pack_<month>_<area>.html and its KPI workbook (.xlsx).",
        parameters=(Parameter("month", "YYYY-MM (default: the notebook's, 2019-10)"), _AREA),
        side_files=(SideFile("workbook", ".xlsx"),),
        may_be_empty=True,
    ),
    Report(
        command="visit",
        notebook="monitoring_visit.ipynb",
        module="croydon_kpi.reports.visit_report",
        summary="build the analysis of one Ofsted monitoring visit",
        description="Build reports/monitoring_visit_<N>.html.",
        parameters=(Parameter("visit", "the monitoring visit's number, from 1", positional=True),),
    ),
    Report(
        command="finance",
        notebook="finance.ipynb",
        module="croydon_kpi.reports.finance_report",
        summary="build the money report for one area",
        description="Build reports/finance_<area>.html: the improvement money as stated, real terms, S251 spend.",
        parameters=(_AREA, Parameter("base_year", "the financial year whose prices real terms are in, e.g. 2024-25")),
    ),
    Report(
        command="benchmarks",
        notebook="benchmarks.ipynb",
        module="croydon_kpi.reports.benchmarks_table",
        summary="build the benchmarks of one area for one year",
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
