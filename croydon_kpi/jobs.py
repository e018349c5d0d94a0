"""What can be built: each report's notebook, parameters and file name (definitions as data)."""
from __future__ import annotations

from .params import ParameterError, parse_month
from .runner import Job, notebook_defaults, slug
from .visits import VISIT_NUMBERS

PACK = "monthly_pack.ipynb"
VISIT = "monitoring_visit.ipynb"
FINANCE = "finance.ipynb"
BENCHMARKS = "benchmarks.ipynb"


def pack_job(store, month: str | None = None, area: str | None = None) -> Job:
    defaults = notebook_defaults(PACK)
    checked_month = parse_month(month or defaults["month"])
    place = store.area(area or defaults["area"])
    return Job(PACK, f"monthly_pack_{checked_month}_{slug(place.name)}", {"month": str(checked_month), "area": place.name},
               f"Monthly performance pack: {place.name}, {checked_month.label}", extras=("kpi_workbook",))


def visit_job(number) -> Job:
    try:
        checked = int(str(number))
    except ValueError:
        raise ParameterError(f"visit {number!r} is not a number: expected 1 to 7") from None
    if checked not in VISIT_NUMBERS:
        raise ParameterError(f"visit {checked}: Croydon had monitoring visits 1 to 7")
    return Job(VISIT, f"monitoring_visit_{checked}", {"visit": checked}, f"Ofsted monitoring visit {checked}")


def finance_job() -> Job:
    return Job(FINANCE, "finance", {}, "Finance: the improvement money, real terms and S251 spend")


def benchmarks_job(store, area: str | None = None, year: int | None = None) -> Job:
    defaults = notebook_defaults(BENCHMARKS)
    place = store.area(area or defaults["area"])
    chosen = int(year or defaults["year"])
    if not 2000 <= chosen <= 2100:
        raise ParameterError(f"year {year!r} is not a year from 2000 on")
    return Job(BENCHMARKS, f"benchmarks_{slug(place.name)}_{chosen}", {"area": place.name, "year": chosen},
               f"Benchmarks: {place.name} against neighbours, London and England, {chosen}")


def build_jobs(store) -> list[Job]:
    """Everything for the default month: the pack, the seven visits, finance and benchmarks."""
    return [pack_job(store), *(visit_job(n) for n in VISIT_NUMBERS), finance_job(), benchmarks_job(store)]
