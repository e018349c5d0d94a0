"""What can be built: each report's notebook, parameters and file name (definitions as data)."""

from __future__ import annotations

from croydon_kpi.analysis.visits import inspected_area, visit_numbers
from croydon_kpi.core.params import parse_month, require_value, shown
from croydon_kpi.errors import ParameterError
from croydon_kpi.publish.runner import Job, notebook_defaults, slug
from croydon_kpi.reports.benchmarks_table import benchmarks_title
from croydon_kpi.reports.finance_report import finance_title
from croydon_kpi.reports.pack import pack_title, require_known_by
from croydon_kpi.reports.visit_report import visit_title

PACK = "monthly_pack.ipynb"
VISIT = "monitoring_visit.ipynb"
FINANCE = "finance.ipynb"
BENCHMARKS = "benchmarks.ipynb"
COMMITTED_NOTEBOOKS = (PACK, VISIT, FINANCE, BENCHMARKS, "explore.ipynb")


def pack_job(store, month: str | None = None, area: str | None = None) -> Job:
    require_value("month", month)
    require_value("area", area)
    defaults = notebook_defaults(PACK)
    checked_month = parse_month(month or defaults["month"])
    place = store.area(area or defaults["area"])
    require_known_by(store.known_at(checked_month.end), store, place, checked_month)  # decided here, not in a kernel
    return Job(
        PACK,
        f"monthly_pack_{checked_month}_{slug(place.name)}",
        {"month": str(checked_month), "area": place.name},
        pack_title(place.name, checked_month),
        extras=("kpi_workbook",),
    )


def visit_job(number) -> Job:
    require_value("visit", number)
    try:
        checked = int(str(number))
    except ValueError:
        raise ParameterError(f"visit {shown(number)} is not a number: expected 1 to {visit_numbers()[-1]}") from None
    numbers = visit_numbers()
    if checked not in numbers:
        raise ParameterError(f"visit {checked}: {inspected_area()} had monitoring visits 1 to {numbers[-1]}")
    return Job(VISIT, f"monitoring_visit_{checked}", {"visit": checked}, visit_title(inspected_area(), checked))


def finance_job(store, area: str | None = None) -> Job:
    place = store.area(area or notebook_defaults(FINANCE)["area"])
    return Job(FINANCE, "finance", {"area": place.name}, finance_title(place.name))


def benchmarks_job(store, area: str | None = None, year: int | None = None) -> Job:
    defaults = notebook_defaults(BENCHMARKS)
    place = store.area(area or defaults["area"])
    chosen = int(year or defaults["year"])
    if not 2000 <= chosen <= 2100:
        raise ParameterError(f"year {year!r} is not a year from 2000 on")
    return Job(
        BENCHMARKS,
        f"benchmarks_{slug(place.name)}_{chosen}",
        {"area": place.name, "year": chosen},
        benchmarks_title(place.name, chosen),
    )


def build_jobs(store) -> list[Job]:
    """Everything for the default month: the pack, the seven visits, finance and benchmarks."""
    return [pack_job(store), *(visit_job(n) for n in visit_numbers()), finance_job(store), benchmarks_job(store)]
