"""A region's authorities side by side: which authorities a region holds (as DfE's files name
regions, or the nation for every authority), and for a measure the latest published period known
by a day, each authority's figure with its rank and quartile among all English authorities, and
the region's and the nation's figures for the same period from the same source."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from croydon_kpi.analysis.benchmarks import national_area, quartile_band, rank_areas
from croydon_kpi.catalogue.regions import english_region_of, region_of, region_words
from croydon_kpi.core.areas import Area
from croydon_kpi.core.params import shown
from croydon_kpi.errors import ParameterError


def region_named(store, wanted) -> str:
    """A region as DfE's files name it (any case; "Yorkshire" is Yorkshire and The Humber), or the
    nation ("England": every authority); a clear error naming the regions otherwise."""
    text = _plain(wanted)
    nation = national_area(store)
    if nation and text == _plain(nation):
        return nation
    found = {_plain(words): name for words, name in region_words().items()}.get(text)
    if found:
        return found
    names = sorted(set(region_words().values()))
    raise ParameterError(f"region {shown(wanted)} is not a region: expected {nation} or one of {', '.join(names)}")


def _plain(text) -> str:
    """A region's name as typed, compared without case, spacing, hyphens or '&' (north-east,
    "Yorkshire & The Humber", "North  East")."""
    words = re.sub(r"[\s\-_]+", " ", str(text or "").replace("&", " and ")).strip()
    return words.casefold()


def authorities_in(store, region: str) -> list[Area]:
    """Every local authority the store knows in the region (a part of a region, such as Inner
    London, holds its own authorities; the nation holds them all), by name."""
    areas = store.areas()
    las = areas[(areas["area_level"] == "local_authority") & areas["old_la_code"].notna()]
    nation = national_area(store)
    found = []
    for code in sorted(set(las["old_la_code"])):
        if region == nation or region in (region_of(code), english_region_of(code)):
            found.append(store.area(code))
    return sorted({area.name: area for area in found}.values(), key=lambda area: area.name)


@dataclass(frozen=True)
class RegionalFigures:
    """One measure across a region's authorities, for one published period."""

    measure: str
    period_label: str | None
    source_id: str | None
    table: pd.DataFrame  # area_name, value, symbol, rank, quartile (rank among every English authority)
    ranked: int  # authorities of England with a figure for the period
    region_value: float | None
    nation_value: float | None


def regional_figures(store, measure_id: str, authorities: list[Area], region: str) -> RegionalFigures:
    """The latest published period of the measure in the store (as the caller's store knows it),
    from the measure's preferred source that gives it for the region's authorities."""
    definition = store.catalogue.measure(measure_id)
    names = [area.name for area in authorities]
    rows = store.measure_figures(measure_id)
    rows = rows[(rows["status"] == "published_statistic") & (rows["kind"] == "level")]
    own = rows[rows["area_name"].isin(names) & rows["value"].notna()]
    if own.empty:
        return RegionalFigures(measure_id, None, None, _empty_table(names), 0, None, None)
    source = min(own["source_id"].unique(), key=definition.source_rank)
    rows = rows[rows["source_id"] == source]
    latest = rows.loc[rows["area_name"].isin(names) & rows["value"].notna(), "period_end"].max()
    period = rows[rows["period_end"] == latest]
    las = period[period["area_level"] == "local_authority"].drop_duplicates("area_name")
    valued = las[las["value"].notna()]
    ranks = rank_areas(valued["value"], definition.polarity) if len(valued) else pd.Series(dtype=int)
    ranked = valued.assign(rank=ranks.astype("Int64"))
    if definition.polarity == "neutral":  # no better direction: no rank, no quartile
        ranked["rank"] = pd.NA
    table = pd.DataFrame({"area_name": names}).merge(ranked[["area_name", "value", "rank"]], on="area_name", how="left")
    table = table.merge(las[["area_name", "symbol"]], on="area_name", how="left")
    table["quartile"] = [quartile_band(int(r), len(valued)) if pd.notna(r) else None for r in table["rank"]]
    label = str(period["period_label"].iloc[0]) if len(period) else None
    return RegionalFigures(
        measure_id,
        label,
        source,
        table,
        len(valued),
        _value_of(period, region),
        _value_of(period, national_area(store)),
    )


def _value_of(period: pd.DataFrame, area_name: str | None) -> float | None:
    found = period.loc[(period["area_name"] == area_name) & period["value"].notna(), "value"]
    return float(found.iloc[0]) if len(found) else None


def _empty_table(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"area_name": names, "value": None, "rank": pd.NA, "symbol": None, "quartile": None})
