"""Read public finance statements (data/sources/finance/*.yaml) into figures, each with its source."""
from __future__ import annotations

import pandas as pd
import yaml

from . import schema
from .catalogue import Catalogue, Source
from .errors import InputError, read_yaml
from .extract import DEFAULT_AREA
from .normalise import ParseError, parse_financial_year, parse_money

REQUIRED = ("measure", "as_written", "statement", "source")


def read_finance_statements(source: Source, catalogue: Catalogue) -> pd.DataFrame:
    entries = (read_yaml(source.path) or {}).get("figures") or []
    rows = [_row(entry, index, source, catalogue) for index, entry in enumerate(entries)]
    return schema.conform(pd.DataFrame(rows)) if rows else schema.empty_figures()


def _row(entry: dict, index: int, source: Source, catalogue: Catalogue) -> dict:
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
        **DEFAULT_AREA, "measure": entry["measure"], "label": entry["statement"],
        "period_start": year.start if year else None, "period_end": year.end if year else None,
        "period_label": year.label if year else None, "kind": "level", "value": float(pounds),
        "as_written": entry["as_written"], "unit": "gbp", "bound": "exact",
        "source_id": source.id, "locator": f"{where}: {entry['source']}" + (f" <{entry['address']}>" if entry.get("address") else ""),
        "quote": entry["statement"], "status": "reported", "note": "; ".join(n for n in notes if n) or None,
    }
