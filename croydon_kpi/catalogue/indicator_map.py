"""The council's own wordings of its indicators (`indicators.yaml` beside its scorecards: wording as
written -> measure id), checked against the catalogue when read, and what a wording's words say
about its unit (a %, per cent, percentage, proportion or rate is never a count)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from croydon_kpi.catalogue.measures import Catalogue
from croydon_kpi.core import project
from croydon_kpi.core.files import read_text, read_yaml
from croydon_kpi.errors import InputError

MAP_FILE = "indicators.yaml"
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
    wordings: dict[str, list[str]] = None  # measure id -> the wordings as written, for docs/measures.md

    def measure_of(self, wording: str) -> str | None:
        found = self.entries.get(_key(wording))
        return found[0] if found else None

    def wordings_of(self, measure_id: str) -> list[str]:
        return list((self.wordings or {}).get(measure_id, []))


def load_indicator_map(folder: Path, catalogue: Catalogue) -> IndicatorMap:
    """The folder's indicators.yaml (none: an empty map). An entry naming a measure not in the
    catalogue, or one whose unit its wording contradicts, is an error naming the line."""
    path = folder / MAP_FILE
    if not path.exists():
        return IndicatorMap({}, {})
    loaded = read_yaml(path)
    if not isinstance(loaded, dict) or set(loaded) != {"indicators"} or not isinstance(loaded["indicators"], dict):
        raise InputError(path, "line 1", 'expected `indicators:` and under it lines `"wording as written": measure_id`')
    lines = read_text(path).splitlines()
    entries, written = {}, {}
    for wording, measure_id in loaded["indicators"].items():
        where = _line_of(lines, str(wording))
        _check_entry(path, where, str(wording), measure_id, catalogue)
        if _key(str(wording)) in entries:
            raise InputError(path, where, f"{wording!r} is mapped twice (wordings are compared case and spacing aside)")
        entries[_key(str(wording))] = (str(measure_id), f"{project.relative(path)}, {where}")
        written.setdefault(str(measure_id), []).append(str(wording))
    return IndicatorMap(entries, written)


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
