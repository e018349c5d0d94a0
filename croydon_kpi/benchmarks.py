"""How an area compares: its statistical neighbours (DfE 2021 and 2025 models), its region, London
and England, and its rank and quartile band among all authorities for the same period."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .areas import region_of
from .neighbours import statistical_neighbours

QUARTILE_BANDS = ("A", "B", "C", "D")  # A = the best quarter (by polarity); neutral measures: A = highest


@dataclass
class Benchmark:
    measure: str
    area: str
    period_label: str | None
    value: float | None
    comparators: dict[str, float | None]     # "London", "Outer London", "England", "Statistical neighbours (2025)"...
    neighbours: dict[str, pd.DataFrame]       # model -> the ten neighbours with their values
    rank: int | None                          # 1 = best by polarity (highest for a neutral measure)
    ranked: int                               # authorities with a value for the period
    not_ranked: int                           # authorities whose value is suppressed or missing
    quartile: str | None
    rank_note: str


def _period_figures(store, measure: str, year: int, area_name: str) -> pd.DataFrame:
    """Every area's figure for the year from ONE source: the catalogue's preferred source among
    those giving the area's own figure. Mixing sources would rank against a different set of
    authorities than any publication (LAIT keeps authorities since reorganised)."""
    figures = store.figures
    chosen = figures[(figures["measure"] == measure) & (figures["status"] == "published_statistic")
                     & (figures["kind"] == "level") & (figures["period_end"].dt.year == year)]
    definition = store.catalogue.measure(measure)
    own_sources = chosen.loc[(chosen["area_name"] == area_name) & chosen["value"].notna(), "source_id"]
    candidates = own_sources if len(own_sources) else chosen["source_id"]
    if candidates.empty:
        return chosen
    source = min(candidates.unique(), key=definition.source_rank)
    return chosen[chosen["source_id"] == source]


def rank_areas(values: pd.Series, polarity: str) -> pd.Series:
    """Competition ranking (1, 2, 2, 4): equal values share the better rank."""
    ascending = polarity == "lower_is_better"
    return values.rank(method="min", ascending=ascending).astype(int)


def quartile_band(rank: int, count: int) -> str:
    return QUARTILE_BANDS[min(3, math.floor((rank - 1) * 4 / count))]


def _neighbour_table(store, year_figures: pd.DataFrame, old_la_code: str, model: str) -> pd.DataFrame:
    neighbours = statistical_neighbours(old_la_code, model).copy()
    las = year_figures[year_figures["area_level"] == "local_authority"].set_index("old_la_code")
    names = store.areas().dropna(subset=["old_la_code"]).drop_duplicates("old_la_code").set_index("old_la_code")["area_name"]
    neighbours["area_name"] = neighbours["old_la_code"].map(names)
    neighbours["value"] = neighbours["old_la_code"].map(las["value"])
    neighbours["symbol"] = neighbours["old_la_code"].map(las["symbol"])
    return neighbours


def benchmark(store, measure: str, year: int, area: str = "Croydon") -> Benchmark:
    definition = store.catalogue.measure(measure)
    place = store.area(area)
    year_figures = _period_figures(store, measure, year, place.name)
    own = year_figures[(year_figures["area_name"] == place.name) & (year_figures["area_level"] == place.level)]
    value = float(own.iloc[0]["value"]) if len(own) and pd.notna(own.iloc[0]["value"]) else None
    region = _region_of(store, place)
    comparators = {}
    for name in dict.fromkeys([n for n in (region, "London", "England") if n]):
        found = year_figures[year_figures["area_name"] == name]
        comparators[name] = float(found.iloc[0]["value"]) if len(found) and pd.notna(found.iloc[0]["value"]) else None
    neighbours = {}
    if place.old_la_code:
        for model in ("2021", "2025"):
            table = _neighbour_table(store, year_figures, place.old_la_code, model)
            neighbours[model] = table
            known = table["value"].dropna()
            comparators[f"Statistical neighbours ({model} model, mean of {len(known)} of 10)"] = float(known.mean()) if len(known) else None
    las = year_figures[year_figures["area_level"] == "local_authority"]
    valued = las[las["value"].notna()]
    ranks = rank_areas(valued["value"], definition.polarity) if len(valued) else pd.Series(dtype=int)
    rank = int(ranks[valued["area_name"] == place.name].iloc[0]) if value is not None and (valued["area_name"] == place.name).any() else None
    note = ("1 = best" if definition.polarity != "neutral" else "neutral measure: 1 = highest, not best") + \
           f"; {len(valued)} authorities ranked, {len(las) - len(valued)} with a suppressed or missing value left out; ties share a rank"
    source = year_figures["source_id"].iloc[0] if len(year_figures) else None
    note += f"; source {source}" if source else ""
    return Benchmark(measure, place.name, own.iloc[0]["period_label"] if len(own) else None, value, comparators, neighbours,
                     rank, len(valued), len(las) - len(valued), quartile_band(rank, len(valued)) if rank else None, note)


def _region_of(store, place) -> str | None:
    return region_of(place.old_la_code) if place.level == "local_authority" and place.old_la_code else None


def all_benchmarks(store, area: str = "Croydon", year: int = 2019) -> pd.DataFrame:
    """Every published measure for the area and year against neighbours, London and England."""
    from .formatting import format_value

    rows = []
    for measure in sorted(store.catalogue.measures.values(), key=lambda m: (m.domain, m.title)):
        if not measure.national_sources or measure.domain == "population":
            continue
        found = benchmark(store, measure.id, year, area)
        if found.period_label is None:
            continue
        text = lambda v: format_value(v, measure.unit, measure.decimals)
        neighbours = {k.split(" model")[0].replace("Statistical neighbours (", "Neighbours ") + ")": v
                      for k, v in found.comparators.items() if k.startswith("Statistical")}
        rows.append({"Measure": measure.title, "Period": found.period_label, area: text(found.value),
                     **{k: text(v) for k, v in neighbours.items()},
                     **{k: text(v) for k, v in found.comparators.items() if not k.startswith("Statistical")},
                     "Rank (1 = best)": f"{found.rank} of {found.ranked}" if found.rank else "not ranked",
                     "Quartile": found.quartile or "-", "Polarity": measure.polarity.replace("_", " ")})
    return pd.DataFrame(rows)
