"""Derivations as data (data/catalogue/derivations.yaml): which figure is a stated total less
stated parts, for what period. Read and checked here; store/derived.py does the arithmetic."""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache

from croydon_kpi.catalogue.definitions import check_date, check_entry, definitions_path, read_definitions
from croydon_kpi.catalogue.measures import Catalogue, load_catalogue
from croydon_kpi.core import project
from croydon_kpi.errors import CatalogueError

FILE = "derivations"
NOTE_FIELDS = {"total", "less"}  # what a note may name: the amounts as written


@dataclass(frozen=True)
class Derivation:
    """measure for `period` = total (measure, period label) minus each of `less` (measure, period label)."""

    measure: str
    period: tuple[str, str, str]  # start, end (YYYY-MM-DD), label
    total: tuple[str, str]
    less: tuple[tuple[str, str], ...]
    note: str  # with {total} and {less} for the amounts as written


def load_derivations(catalogue: Catalogue | None = None) -> tuple[Derivation, ...]:
    """Every derivation, its measures checked against the catalogue; the file parsed once per content."""
    path = definitions_path(FILE)
    rules = _parsed(str(path), path.stat().st_mtime_ns if path.exists() else 0)
    measures = (catalogue or load_catalogue()).measures
    for number, rule in enumerate(rules, start=1):
        for measure in (rule.measure, rule.total[0], *(part[0] for part in rule.less)):
            if measure not in measures:
                raise CatalogueError(f"{project.relative(path)}, derivation {number}: no measure {measure!r}")
    return rules


@lru_cache(maxsize=4)
def _parsed(path: str, stamp: int) -> tuple[Derivation, ...]:
    shown, entries = read_definitions(FILE, "derivations")
    if not isinstance(entries, list):
        raise CatalogueError(f"{shown}: `derivations:` must be a list")
    return tuple(_derivation(entry, f"{shown}, derivation {number}") for number, entry in enumerate(entries, start=1))


def _derivation(entry: object, where: str) -> Derivation:
    check_entry(entry, where, {"measure", "period", "total", "less", "note"})
    period = check_entry(entry["period"], f"{where}, period", {"start", "end", "label"})
    start, end = (check_date(period[key], f"{where}, period {key}") for key in ("start", "end"))
    if not isinstance(entry["less"], list) or not entry["less"]:
        raise CatalogueError(f"{where}, less: expected a list of figures taken from the total")
    return Derivation(
        measure=str(entry["measure"]),
        period=(start.isoformat(), end.isoformat(), str(period["label"])),
        total=_stated(entry["total"], f"{where}, total"),
        less=tuple(_stated(part, f"{where}, less[{index}]") for index, part in enumerate(entry["less"])),
        note=_note(entry["note"], f"{where}, note"),
    )


def _stated(entry: object, where: str) -> tuple[str, str]:
    check_entry(entry, where, {"measure", "period"})
    return str(entry["measure"]), str(entry["period"])


def _note(note: object, where: str) -> str:
    if not isinstance(note, str):
        raise CatalogueError(f"{where}: expected text")
    try:
        named = {field for _, field, _, _ in string.Formatter().parse(note) if field is not None}
    except ValueError as error:  # an unmatched brace
        raise CatalogueError(f"{where}: {error}") from None
    if unknown := sorted(named - NOTE_FIELDS):
        raise CatalogueError(f"{where}: unknown placeholder(s) {unknown} (known: {sorted(NOTE_FIELDS)})")
    return note
