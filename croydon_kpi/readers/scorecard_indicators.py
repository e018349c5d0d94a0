"""Which measure a scorecard's indicator is, as the council words it: first the council's own map
(`indicators.yaml` in the scorecards folder, catalogue/indicator_map.py), then a measure id typed
in the cell, then the catalogue's aliases, unit-aware: a wording that says %, per cent,
percentage, proportion or rate never maps to a count, nor a count wording to a percentage. Where no
measure of the right unit fits, the indicator is unmapped and named with its nearest candidates."""

from __future__ import annotations

import difflib

import pandas as pd

from croydon_kpi.catalogue.indicator_map import MAP_FILE, IndicatorMap, load_indicator_map, units_allowed
from croydon_kpi.catalogue.measures import Catalogue
from croydon_kpi.readers.measure_aliases import alias_table, aliases_in

__all__ = ["MAP_FILE", "UNMAPPED", "IndicatorMap", "IndicatorMatcher", "load_indicator_map", "unmapped_reasons"]

UNMAPPED = "unmapped"


class IndicatorMatcher:
    """Each distinct wording's measure, worked out once: the map, a typed id, then unit-aware aliases."""

    def __init__(self, catalogue: Catalogue, indicator_map: IndicatorMap):
        self.catalogue = catalogue
        self.map = indicator_map
        self.aliases = alias_table(catalogue)

    def measure_of(self, wording: str, stated_unit: str | None = None) -> str:
        wording = wording.strip()
        mapped = self.map.measure_of(wording)
        if mapped:
            return mapped
        typed = wording.lower().replace(" ", "_")
        if typed in self.catalogue.measures:
            return typed
        return self._by_alias(wording, units_allowed(wording, stated_unit))

    def _by_alias(self, wording: str, allowed: set[str] | None) -> str:
        found = aliases_in(wording.translate(str.maketrans("“”’", '""\'')), self.aliases)
        fitting = [f for f in found if allowed is None or self.catalogue.measures[f[2]].unit in allowed]
        return max(fitting, key=lambda m: m[1] - m[0])[2] if fitting else UNMAPPED

    def nearest(self, wording: str, stated_unit: str | None = None, count: int = 3) -> list[str]:
        """The measure ids closest to the wording (by title and alias), of a unit it can be."""
        allowed = units_allowed(wording, stated_unit)
        names = {}
        for measure in self.catalogue.measures.values():
            if allowed is None or measure.unit in allowed:
                for name in (measure.title, *measure.aliases):
                    names.setdefault(name.casefold(), measure.id)
        close = difflib.get_close_matches(wording.casefold(), list(names), n=count * 3, cutoff=0.3)
        return list(dict.fromkeys(names[name] for name in close))[:count]


def unmapped_reasons(rows: pd.DataFrame, matcher, stated_unit: pd.Series) -> pd.Series:
    """Why an indicator maps to no measure, with the measures nearest it (of a unit it can be)."""

    def reason(wording: str, unit: str) -> str:
        near = matcher.nearest(wording, unit or None)
        closest = f"nearest measures: {', '.join(near)}" if near else "no measure of its unit is near"
        return (
            f"no catalogue measure matches {wording.strip()!r} ({closest}); map it in "
            f"data/sources/scorecards/{MAP_FILE} or add it to data/catalogue/local_measures.yaml"
        )

    said: dict[tuple[str, str], str] = {}  # once per distinct wording: a wide export repeats it on every row
    pairs = [(w, u if isinstance(u, str) else "") for w, u in zip(rows["name"], stated_unit[rows.index])]
    for pair in dict.fromkeys(pairs):
        said[pair] = reason(*pair)
    return pd.Series([said[pair] for pair in pairs], index=rows.index)
