"""What the benchmarks report shows: every published measure for an area against its statistical
neighbours (the model in use at the period's date, named), its region, London and England, with
a rank only where the measure has a better direction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from croydon_kpi.analysis.benchmarks import benchmark, comparator_areas, region_of_area
from croydon_kpi.catalogue.neighbours import model_for, statistical_neighbours
from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.core.params import EARLIEST_YEAR, shown
from croydon_kpi.errors import ParameterError
from croydon_kpi.reports.formatting import COMPARABLE_UNITS, format_value
from croydon_kpi.reports.registry import Plan, slug
from croydon_kpi.store.figure_store import FigureStore, load_store


def plan(store: FigureStore, area: str, year) -> Plan:
    """The report's file and title; a year that is not a whole year from 2000 to this one is refused."""
    place = store.area(area)
    checked = _year(year)
    return Plan(
        f"benchmarks_{slug(place.name)}_{checked}",
        {"area": place.name, "year": checked},
        benchmarks_title(place.name, checked),
        place.name,
        f"published periods ending in {checked}",
    )


def every(store: FigureStore, defaults: dict, area: str | None = None, month: str | None = None) -> list[Plan]:
    """`build` makes one: for the build's area, and the year its month is in (that year's published
    periods, even where few are out yet: the simple rule a reader can check)."""
    year = str(month)[:4] if month else defaults["year"]
    return [plan(store, area or defaults["area"], year)]


def _year(year) -> int:
    text = str(year).strip()
    if not text.isdigit() or not EARLIEST_YEAR <= int(text) <= date.today().year:
        raise ParameterError(f"year {shown(year)} is not a year from {EARLIEST_YEAR} to {date.today().year}")
    return int(text)


@dataclass
class BenchmarksReport:
    """What the benchmarks notebook shows, for one area and year."""

    store: FigureStore
    area: str
    year: int

    @property
    def title(self) -> str:
        return benchmarks_title(self.store.area(self.area).name, self.year)

    def summary(self) -> str:
        return summary(self.store, self.area, self.year)

    def all_benchmarks(self) -> pd.DataFrame:
        return all_benchmarks(self.store, self.area, self.year)

    def neighbours_table(self) -> pd.DataFrame:
        return neighbours_table(self.store, self.area, self.year)

    def charts(self) -> list:
        """(title, figure) for each measure: the area over the years beside its comparators."""
        from croydon_kpi.reports.benchmark_charts import benchmark_charts

        return benchmark_charts(self.store, self.area, self.year)


def prepare(area: str, year: int, store: FigureStore | None = None) -> BenchmarksReport:
    """Check the parameters and load the store."""
    store = store or load_store()
    return BenchmarksReport(store, store.area(area).name, _year(year))


def benchmarks_title(area_name: str, year: int) -> str:
    return f"{area_name}: benchmarks against statistical neighbours, its region and England, {year}"


def _rows(store, area: str, year: int) -> list[tuple]:
    found = []
    for measure in sorted(store.catalogue.measures.values(), key=lambda m: (m.domain, m.title)):
        if not measure.national_sources or measure.domain == "population" or measure.unit not in COMPARABLE_UNITS:
            continue  # counts and money are not compared with a region's or England's totals
        result = benchmark(store, measure.id, year, area)
        if result.period_label is not None:
            found.append((measure, result))
    return found


def summary(store, area: str, year: int) -> str:
    """The message first: how the area stands, in words, and which model the neighbours come from."""
    place = store.area(area).name
    rows = _rows(store, area, year)
    ranked = [(m, r) for m, r in rows if r.rank and r.quartile]
    top = [m.title for m, r in ranked if r.quartile == "A"]
    bottom = [m.title for m, r in ranked if r.quartile == "D"]
    model = model_for(date(year, 12, 31))
    lines = [
        f"**{len(rows)} published rates and percentages** for periods ending in {year}; {len(ranked)} "
        "have a better direction and are ranked "
        "among all authorities (1 = best).",
        f"**Best quarter of authorities (A):** {'; '.join(top) if top else 'none'}.",
        f"**Worst quarter (D):** {'; '.join(bottom) if bottom else 'none'}.",
        f"**Statistical neighbours:** the {model.name}"
        + (f" ({model.note})." if model.note else ".")
        + f" {place}'s region is {region_of_area(store, area) or 'not known'}.",
    ]
    return "\n".join(f"- {line}" for line in lines)


def all_benchmarks(store, area: str, year: int = 2019) -> pd.DataFrame:
    """Every published rate or percentage for the area and year against its neighbours (their
    median), its region and England."""
    place = store.area(area).name
    comparators = comparator_areas(store, area, report_settings().comparators)
    table = []
    for measure, found in _rows(store, area, year):
        # One precision a measure, across the row: 16.0% beside 17.6%, never 16% beside 17.6%.
        text = lambda v, measure=measure: format_value(v, measure.unit, measure.decimals)
        table.append(
            {
                "Measure": measure.title,
                "Period": found.period_label,
                place: text(found.value),
                "Statistical neighbours (median)": text(found.comparators.get("Statistical neighbours")),
                **{name: text(found.comparators.get(name)) for name in comparators},
                "Rank (1 = best)": f"{found.rank} of {found.ranked}"
                if found.rank
                else "not ranked (no better direction)",
                "Quartile (A = best)": found.quartile or "-",
            }
        )
    return pd.DataFrame(table)


def neighbours_table(store, area: str, year: int) -> pd.DataFrame:
    """The ten statistical neighbours of the model in use, by name, closest first."""
    model = model_for(date(year, 12, 31))
    found = statistical_neighbours(store.area(area).old_la_code, model.model)
    names = store.names_by_la_number()
    return pd.DataFrame(
        {"Closeness rank": found["rank"], "Authority": found["old_la_code"].map(names).fillna(found["old_la_code"])}
    )
