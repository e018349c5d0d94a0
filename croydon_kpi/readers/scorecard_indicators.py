"""Which measure a scorecard's indicator is, as the council words it: first the council's own map
(`indicators.yaml` in the scorecards folder: wording -> measure id), then a measure id typed in
the cell, then the catalogue's aliases, unit-aware: a wording that says %, per cent, percentage,
proportion or rate never maps to a count, nor a count wording to a percentage. Where no measure of
the right unit fits, the indicator is unmapped and named with its nearest candidates."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from croydon_kpi.catalogue.measures import Catalogue
from croydon_kpi.core import project
from croydon_kpi.core.files import read_text, read_yaml
from croydon_kpi.errors import InputError
from croydon_kpi.readers.measure_aliases import alias_table, aliases_in

MAP_FILE = "indicators.yaml"
UNMAPPED = "unmapped"
# What a wording's words say about its unit (checked in this order: "rate per 10,000" is a rate).
_UNIT_WORDS = (
    ("rate_per_10k", re.compile(r"per\s*10,?000|per\s*10k\b|rate\s+per\s+10", re.IGNORECASE)),
    ("rate_per_100k", re.compile(r"per\s*100,?000|per\s*100k\b", re.IGNORECASE)),
    ("percent", re.compile(r"%|\bper\s*cent\b|\bpercent(?:age)?\b|\bproportion\b|\bshare\b", re.IGNORECASE)),
    ("rate", re.compile(r"\brate\b", re.IGNORECASE)),  # a rate of some kind: never a count
    ("count", re.compile(r"^\s*(?:number|no\.?|count|total)\b|\bnumber of\b", re.IGNORECASE)),
)
# Which catalogue units a wording of each kind can be.
_UNITS_OF = {
    "rate_per_10k": {"rate_per_10k"},
    "rate_per_100k": {"rate_per_100k"},
    "percent": {"percent"},
    "rate": {"percent", "rate_per_10k", "rate_per_100k", "ratio"},
    "count": {"count", "fte", "days"},
}


def unit_of_wording(wording: str) -> str | None:
    """The unit an indicator's words state (a kind from _UNITS_OF), or None if they say none."""
    for unit, pattern in _UNIT_WORDS:
        if pattern.search(wording):
            return unit
    return None


def units_allowed(wording: str, stated_unit: str | None = None) -> set[str] | None:
    """The catalogue units the indicator can be: from the file's unit column if it has one, else
    from its words; None if nothing says."""
    if stated_unit:
        return {stated_unit}
    said = unit_of_wording(wording)
    return _UNITS_OF[said] if said else None


def _key(wording: str) -> str:
    """A wording compared with case, curly quotes and spacing aside."""
    plain = wording.translate(str.maketrans("“”‘’", "\"\"''"))
    return re.sub(r"\s+", " ", plain).strip().casefold()


@dataclass(frozen=True)
class IndicatorMap:
    """The council's wordings, each -> (measure id, where it is said: file and line)."""

    entries: dict[str, tuple[str, str]]

    def measure_of(self, wording: str) -> str | None:
        found = self.entries.get(_key(wording))
        return found[0] if found else None


def load_indicator_map(folder: Path, catalogue: Catalogue) -> IndicatorMap:
    """The folder's indicators.yaml (none: an empty map). An entry naming a measure not in the
    catalogue, or one whose unit its wording contradicts, is an error naming the line."""
    path = folder / MAP_FILE
    if not path.exists():
        return IndicatorMap({})
    loaded = read_yaml(path)
    if not isinstance(loaded, dict) or set(loaded) != {"indicators"} or not isinstance(loaded["indicators"], dict):
        raise InputError(path, "line 1", 'expected `indicators:` and under it lines `"wording as written": measure_id`')
    lines = read_text(path).splitlines()
    entries = {}
    for wording, measure_id in loaded["indicators"].items():
        where = _line_of(lines, str(wording))
        _check_entry(path, where, str(wording), measure_id, catalogue)
        if _key(str(wording)) in entries:
            raise InputError(path, where, f"{wording!r} is mapped twice (wordings are compared case and spacing aside)")
        entries[_key(str(wording))] = (str(measure_id), f"{project.relative(path)}, {where}")
    return IndicatorMap(entries)


def _line_of(lines: list[str], wording: str) -> str:
    for number, line in enumerate(lines, start=1):
        if wording in line:
            return f"line {number}"
    return "under indicators:"


def _check_entry(path: Path, where: str, wording: str, measure_id, catalogue: Catalogue) -> None:
    if not isinstance(measure_id, str) or measure_id not in catalogue.measures:
        near = ", ".join(difflib.get_close_matches(str(measure_id), list(catalogue.measures), n=3)) or "none close"
        raise InputError(
            path,
            where,
            f"{wording!r} maps to {measure_id!r}, which is not a measure in data/catalogue/measures.yaml or "
            f"local_measures.yaml (closest ids: {near})",
        )
    allowed = units_allowed(wording)
    unit = catalogue.measures[measure_id].unit
    if allowed is not None and unit not in allowed:
        raise InputError(
            path,
            where,
            f"{wording!r} says {unit_of_wording(wording)} but {measure_id} is measured in {unit}: "
            "map it to a measure of the unit its cells hold",
        )


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

    return pd.Series(
        [reason(w, u if isinstance(u, str) else "") for w, u in zip(rows["name"], stated_unit[rows.index])],
        index=rows.index,
    )
