"""Recorded changes to an area's services (data/changes.yaml): dated, sourced, the only places SPC
limits are re-based (Making Data Count: recalculate at a known change, never automatically)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from croydon_kpi.catalogue.definitions import check_date, check_entry
from croydon_kpi.core import project
from croydon_kpi.core.files import read_yaml
from croydon_kpi.errors import CatalogueError, InputError


@dataclass(frozen=True)
class RecordedChange:
    area: str
    date: date
    what: str
    source: str
    measures: tuple[str, ...] = ()  # none: every measure of the area

    def applies_to(self, area: str, measure: str) -> bool:
        return self.area.casefold() == area.casefold() and (not self.measures or measure in self.measures)


def recorded_changes() -> tuple[RecordedChange, ...]:
    path = project.data_dir() / "changes.yaml"
    return _changes(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=4)
def _changes(path: str, stamp: int) -> tuple[RecordedChange, ...]:
    if not stamp:
        return ()
    shown = project.relative(project.data_dir() / "changes.yaml")
    try:
        loaded = read_yaml(project.data_dir() / "changes.yaml") or {}
    except InputError as error:
        raise CatalogueError(str(error)) from None
    entries = loaded.get("changes") if isinstance(loaded, dict) else None
    if not isinstance(entries, list) or set(loaded) - {"changes"}:
        raise CatalogueError(f"{shown}: expected `changes:` and under it a list of dated, sourced changes")
    found = []
    for number, entry in enumerate(entries, start=1):
        where = f"{shown}, change {number}"
        check_entry(entry, where, {"area", "date", "what", "source"}, {"measures"})
        measures = entry.get("measures") or []
        if not isinstance(measures, list):
            raise CatalogueError(f"{where}, measures: expected a list of measure ids")
        found.append(
            RecordedChange(
                str(entry["area"]), check_date(entry["date"], f"{where}, date"), str(entry["what"]),
                str(entry["source"]), tuple(str(m) for m in measures),
            )
        )  # fmt: skip
    return tuple(sorted(found, key=lambda change: change.date))


def check_changes(catalogue, area_of) -> None:
    """Every change names a known area (`area_of` raises for one that is not) and known measures."""
    for number, change in enumerate(recorded_changes(), start=1):
        area_of(change.area)
        unknown = [m for m in change.measures if m not in catalogue.measures]
        if unknown:
            raise CatalogueError(f"data/changes.yaml, change {number}: unknown measure(s) {', '.join(unknown)}")


def changes_for(area: str, measure: str, up_to=None) -> tuple[RecordedChange, ...]:
    """The recorded changes of an area that apply to a measure, by date (up to a day, if given)."""
    return tuple(c for c in recorded_changes() if c.applies_to(area, measure) and (up_to is None or c.date <= up_to))
