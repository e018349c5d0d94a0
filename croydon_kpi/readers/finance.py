"""Read public finance statements (data/sources/finance/*.yaml) into figures, each with its source."""
from __future__ import annotations

import pandas as pd

from croydon_kpi.core import schema
from croydon_kpi.catalogue.measures import Catalogue, Source
from croydon_kpi.errors import InputError
from croydon_kpi.core.files import read_yaml
from croydon_kpi.core.areas import area_named
from croydon_kpi.core.normalise import parse_financial_year, parse_money
from croydon_kpi.errors import ParseError

REQUIRED = ("measure", "as_written", "statement", "source")


def read_finance_statements(source: Source, catalogue: Catalogue, so_far: pd.DataFrame) -> pd.DataFrame:
    """Each entry's area is its own `area:` or the file's."""
    loaded = read_yaml(source.path) or {}
    entries = loaded.get("figures") or []
    rows = [_row(entry, index, source, catalogue, area_named(so_far, entry.get("area", loaded.get("area")), source.path, f"figures[{index}]"))
            for index, entry in enumerate(entries)]
    return schema.conform(pd.DataFrame(rows)) if rows else schema.empty_figures()


def _row(entry: dict, index: int, source: Source, catalogue: Catalogue, area) -> dict:
    where = f"figures[{index}]"
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
    notes = [entry.get("note") or (None if entry.get("address") else "no web address recorded")]
    return {
        **area.fields, "measure": entry["measure"], "label": entry["statement"],
        "period_start": year.start if year else None, "period_end": year.end if year else None,
        "period_label": year.label if year else None, "kind": "level", "value": float(pounds),
        "as_written": entry["as_written"], "unit": "gbp", "bound": "exact",
        "source_id": source.id, "locator": f"{where}: {entry['source']}" + (f" <{entry['address']}>" if entry.get("address") else ""),
        "quote": entry["statement"], "status": "reported", "note": "; ".join(n for n in notes if n) or None,
    }


def read(source: Source, catalogue: Catalogue, so_far: pd.DataFrame):
    """The registry's entry point: (figures, no rejections)."""
    return read_finance_statements(source, catalogue, so_far), None
