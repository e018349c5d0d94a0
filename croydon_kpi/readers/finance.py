"""Read public finance statements (data/sources/finance/*.yaml) into figures, each with its source."""

from __future__ import annotations

from datetime import date

import pandas as pd

from croydon_kpi.catalogue.measures import MONEY_NATURES, Catalogue, Source
from croydon_kpi.core import schema
from croydon_kpi.core.areas import area_named
from croydon_kpi.core.files import entry_where, read_yaml, yaml_entry_lines
from croydon_kpi.core.normalise import parse_financial_year, parse_money
from croydon_kpi.core.periods import frequency_of
from croydon_kpi.errors import InputError, ParseError

REQUIRED = ("measure", "as_written", "statement", "source")


def read_finance_statements(source: Source, catalogue: Catalogue, so_far: pd.DataFrame) -> pd.DataFrame:
    """Each entry's area is its own `area:` or the file's."""
    loaded = read_yaml(source.path) or {}
    if not isinstance(loaded, dict) or not isinstance(loaded.get("figures") or [], list):
        raise InputError(source.path, "line 1", "expected `area:` and a `figures:` list")
    entries = loaded.get("figures") or []
    lines = yaml_entry_lines(source.path, "figures")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise InputError(
                source.path,
                entry_where(lines, "figures", index),
                "expected a mapping with measure, as_written, statement and source",
            )
    rows = [
        _row(
            entry,
            entry_where(lines, "figures", index),
            source,
            catalogue,
            area_named(
                so_far, entry.get("area", loaded.get("area")), source.path, entry_where(lines, "figures", index)
            ),
        )
        for index, entry in enumerate(entries)
    ]
    return schema.conform(pd.DataFrame(rows)) if rows else schema.empty_figures()


def _row(entry: dict, where: str, source: Source, catalogue: Catalogue, area) -> dict:
    missing = [key for key in REQUIRED if not entry.get(key)]
    if missing:
        raise InputError(source.path, where, f"missing {missing}")
    if entry["measure"] not in catalogue.measures:
        raise InputError(source.path, where, f"measure {entry['measure']!r} is not in the catalogue")
    try:
        pounds = parse_money(entry["as_written"]).pounds
        year = parse_financial_year(entry["financial_year"]) if entry.get("financial_year") else None
    except ParseError as error:
        raise InputError(source.path, where, str(error)) from None
    _check_amount(pounds, catalogue.measures[entry["measure"]], source, where)
    _check_year(year, source, where)
    notes = [entry.get("note") or (None if entry.get("address") else "no web address recorded")]
    known = _known_from(entry, source, where)
    if known is None:
        notes.append("the date it was first stated is not recorded, so no monthly pack shows it")
    return {
        **area.fields,
        "measure": entry["measure"],
        "label": entry["statement"],
        "period_start": year.start if year else None,
        "period_end": year.end if year else None,
        "period_label": year.label if year else None,
        "frequency": frequency_of(year.start, year.end) if year else "undated",
        "kind": "level",
        "value": float(pounds),
        "as_written": entry["as_written"],
        "unit": "gbp",
        "bound": "exact",
        "source_id": source.id,
        "locator": f"{where}: {entry['source']}" + (f" <{entry['address']}>" if entry.get("address") else ""),
        "quote": entry["statement"],
        "status": "reported",
        "note": "; ".join(n for n in notes if n) or None,
        "available_from": known if known is not None else schema.NEVER_KNOWN,
        "tags": _nature(entry, source, where),
    }


def _known_from(entry: dict, source: Source, where: str):
    """When the figure was first stated (`known_from:`, a date), or None where the source does not say."""
    value = entry.get("known_from")
    if value is None:
        return None
    if not isinstance(value, date):  # "2017" or "soon" would be read as some day no source gave
        raise InputError(source.path, where, f"known_from {str(value)[:40]!r} is not a date (YYYY-MM-DD)")
    if pd.Timestamp(value) > pd.Timestamp.now():
        raise InputError(source.path, where, f"known_from {value} is in the future; expected the day it was stated")
    return pd.Timestamp(value)


def _check_amount(pounds, measure, source: Source, where: str) -> None:
    """One-off money (funding granted, reserves drawn, money spent) is never below nothing; a
    recurring change (growth or a cut) and an outturn against budget may be."""
    if pounds < 0 and measure.money == "one_off":
        raise InputError(
            source.path,
            where,
            f"a negative amount ({pounds:,.0f}) for {measure.id}, one-off money; expected 0 or more",
        )


def _check_year(year, source: Source, where: str) -> None:
    """A financial year that has not begun cannot have had its money stated as spent or given."""
    if year is not None and year.start > date.today():
        raise InputError(
            source.path, where, f"financial year {year.label} has not begun; expected a year that has started"
        )


def _nature(entry: dict, source: Source, where: str) -> tuple[str, ...]:
    """Recurring or one-off as this source says (`nature:`); `nature: null` means it does not say,
    which overrides the catalogue's usual nature for the measure."""
    if "nature" not in entry:
        return ()
    nature = entry["nature"]
    if nature is not None and nature not in MONEY_NATURES:
        raise InputError(
            source.path, where, f"nature {nature!r} is not one of {list(MONEY_NATURES)} or null (not stated)"
        )
    return (f"money_nature={nature or 'not_stated'}",)


def read(source: Source, catalogue: Catalogue, so_far: pd.DataFrame):
    """The registry's entry point: (figures, no rejections)."""
    return read_finance_statements(source, catalogue, so_far), None
