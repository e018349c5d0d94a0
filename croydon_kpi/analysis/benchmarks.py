"""How an area compares: its statistical neighbours (DfE 2021 and 2025 models), its region, London
and England, and its rank and quartile band among all authorities for the same period."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from croydon_kpi.catalogue.neighbours import ModelChoice, model_for, statistical_neighbours
from croydon_kpi.catalogue.regions import english_region_of, region_of

QUARTILE_BANDS = ("A", "B", "C", "D")  # A = the best quarter (by polarity); neutral measures: A = highest


@dataclass
class Benchmark:
    measure: str
    area: str
    period_label: str | None
    value: float | None
    comparators: dict[str, float | None]  # "Statistical neighbours", the region, its English region, the nation
    neighbours: pd.DataFrame | None  # the ten neighbours of the model in use, with their values
    rank: int | None  # 1 = best by polarity (highest for a neutral measure)
    ranked: int  # authorities with a value for the period
    not_ranked: int  # authorities whose value is suppressed or missing
    quartile: str | None
    rank_note: str
    model: ModelChoice | None = None  # the statistical-neighbour model in use at the date asked
    neighbours_known: int = 0  # neighbours with a value (the median is of these)


# What a benchmark reads of each figure: cutting these first keeps every later selection narrow.
_BENCHMARK_COLUMNS = [
    "area_name",
    "area_level",
    "old_la_code",
    "period_end",
    "period_label",
    "kind",
    "value",
    "symbol",
    "source_id",
    "status",
]


def _period_figures(store, measure: str, year: int, area_name: str) -> pd.DataFrame:
    """Every area's figure for the year from ONE source: the catalogue's preferred source among
    those giving the area's own figure. Mixing sources would rank against a different set of
    authorities than any publication (LAIT keeps authorities since reorganised)."""
    chosen = store.remembered(("published_year", measure, year), lambda: _published_year(store, measure, year))
    definition = store.catalogue.measure(measure)
    own_sources = chosen.loc[(chosen["area_name"] == area_name) & chosen["value"].notna(), "source_id"]
    candidates = own_sources if len(own_sources) else chosen["source_id"]
    if candidates.empty:
        return chosen
    source = min(candidates.unique(), key=definition.source_rank)
    return chosen[chosen["source_id"] == source]


def _published_year(store, measure: str, year: int) -> pd.DataFrame:
    """Every area's published level of the measure for periods ending in the year (all sources):
    the same for every area's benchmark, so cut once per store."""
    figures = store.measure_figures(measure)[_BENCHMARK_COLUMNS]
    return figures[
        (figures["status"] == "published_statistic")
        & (figures["kind"] == "level")
        & (figures["period_end"].dt.year == year)
    ]


def rank_areas(values: pd.Series, polarity: str) -> pd.Series:
    """Competition ranking (1, 2, 2, 4): equal values share the better rank."""
    ascending = polarity == "lower_is_better"
    return values.rank(method="min", ascending=ascending).astype(int)


def quartile_band(rank: int, count: int) -> str:
    return QUARTILE_BANDS[min(3, math.floor((rank - 1) * 4 / count))]


def _neighbour_table(store, year_figures: pd.DataFrame, old_la_code: str, model: str) -> pd.DataFrame:
    neighbours = statistical_neighbours(old_la_code, model).copy()
    las = year_figures[year_figures["area_level"] == "local_authority"].set_index("old_la_code")
    names = store.names_by_la_number()
    neighbours["area_name"] = neighbours["old_la_code"].map(names)
    neighbours["value"] = neighbours["old_la_code"].map(las["value"])
    neighbours["symbol"] = neighbours["old_la_code"].map(las["symbol"])
    return neighbours


def benchmark(store, measure: str, year: int, area: str, as_of=None) -> Benchmark:
    """The area's figure for the year against its statistical neighbours (the model in use on
    `as_of`, by default the year's end), its region, London and England, with its rank among all
    authorities (only for a measure with a direction: 1 = best). Worked out once per store."""
    return store.remembered(
        ("benchmark", measure, year, area, None if as_of is None else pd.Timestamp(as_of)),
        lambda: _benchmark(store, measure, year, area, as_of),
    )


def _benchmark(store, measure: str, year: int, area: str, as_of) -> Benchmark:
    definition = store.catalogue.measure(measure)
    place = store.area(area)
    year_figures = _period_figures(store, measure, year, place.name)
    own = year_figures[(year_figures["area_name"] == place.name) & (year_figures["area_level"] == place.level)]
    value = float(own.iloc[0]["value"]) if len(own) and pd.notna(own.iloc[0]["value"]) else None
    comparators, neighbours, model, known = {}, None, None, pd.Series(dtype=float)
    if place.old_la_code:
        model = model_for(as_of or date(year, 12, 31))
        neighbours = _neighbour_table(store, year_figures, place.old_la_code, model.model)
        known = neighbours["value"].dropna()
        # The median of the neighbours' published values, as DfE's outcomes and enablers dashboard shows them
        comparators["Statistical neighbours"] = float(known.median()) if len(known) else None
    for name in comparable_areas(store, place):
        found = year_figures[year_figures["area_name"] == name]
        comparators[name] = float(found.iloc[0]["value"]) if len(found) and pd.notna(found.iloc[0]["value"]) else None
    las = year_figures[year_figures["area_level"] == "local_authority"]
    valued = las[las["value"].notna()]
    ranks = rank_areas(valued["value"], definition.polarity) if len(valued) else pd.Series(dtype=int)
    rank = (
        int(ranks[valued["area_name"] == place.name].iloc[0])
        if value is not None and (valued["area_name"] == place.name).any()
        else None
    )
    note = ("1 = best" if definition.polarity != "neutral" else "neutral measure: 1 = highest, not best") + (
        f"; {len(valued)} authorities ranked, {len(las) - len(valued)} with a suppressed or missing "
        "value left out; ties share a rank"
    )
    source = year_figures["source_id"].iloc[0] if len(year_figures) else None
    note += f"; source {source}" if source else ""
    if definition.polarity == "neutral":  # no direction, no "best": a rank would mislead
        rank, note = None, "not ranked: the measure has no better direction"
    return Benchmark(
        measure,
        place.name,
        own.iloc[0]["period_label"] if len(own) else None,
        value,
        comparators,
        neighbours,
        rank,
        len(valued),
        len(las) - len(valued),
        quartile_band(rank, len(valued)) if rank else None,
        note,
        model,
        len(known),
    )


def _region_of(store, place) -> str | None:
    return region_of(place.old_la_code) if place.level == "local_authority" and place.old_la_code else None


def comparable_areas(store, place) -> tuple[str, ...]:
    """The areas a benchmark reads beside an authority, from the data: the region its figures are
    filed under (Outer London, say), the English region that is part of (London), and the nation."""
    region = _region_of(store, place)
    english = english_region_of(place.old_la_code) if region else None
    return tuple(name for name in dict.fromkeys((region, english, national_area(store))) if name)


def national_area(store) -> str | None:
    """The nation the store's national figures are for ("England"), as the data names it."""
    names = store.figures.loc[store.figures["area_level"] == "national", "area_name"].dropna().unique()
    return str(names[0]) if len(names) else None


OWN_REGION = "own_region"  # a comparator role in the report settings: the area's own region


def comparator_areas(store, area: str, roles) -> tuple[str, ...]:
    """The report settings' comparators for an area, by name: `own_region` is the area's region
    (none for a region or England itself); the area itself and repeats are left out."""
    place = store.area(area)
    region = english_region_of(place.old_la_code) if place.level == "local_authority" and place.old_la_code else None
    named = [region if role == OWN_REGION else role for role in roles]
    return tuple(name for name in dict.fromkeys(named) if name and name != place.name)


def region_of_area(store, area: str) -> str | None:
    """The region of a local authority named by name or code (None for a region or England)."""
    return _region_of(store, store.area(area))
