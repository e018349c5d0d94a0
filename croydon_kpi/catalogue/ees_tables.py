"""The Explore Education Statistics CSV layout: a DfE file read as text columns and checked for the
columns every EES file has. readers/ees.py turns such a table into figures; catalogue/regions.py
reads reference data from one."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.catalogue.measures import Source
from croydon_kpi.core.files import csv_frame, csv_records, read_text
from croydon_kpi.errors import InputError

AREA_KEYS = ["time_period", "geographic_level", "country_code", "region_code", "old_la_code", "new_la_code"]
REQUIRED_COLUMNS = ["time_period", "geographic_level", "country_code", "country_name"]


def read_table(source: Source) -> pd.DataFrame:
    """The file as text columns, plus `_line` (its line number in the file, header = line 1)."""
    text = read_text(source.path)
    records = csv_records(source.path, text)
    header = records[0] if records else []
    for number, record in enumerate(records[1:], start=2):
        if record and len(record) != len(header):
            raise InputError(
                source.path,
                f"line {number}",
                f"{len(record)} fields, expected {len(header)} as in the header (a truncated or misaligned row)",
            )
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise InputError(source.path, "line 1", f"duplicated columns {duplicated}")
    table = csv_frame(source.path, text, records)
    missing = [column for column in REQUIRED_COLUMNS if column not in table]
    if missing:
        raise InputError(source.path, "line 1", f"missing EES columns {missing}")
    for key in AREA_KEYS:
        if key not in table:
            table[key] = ""
    table["_line"] = table.index + 2  # blank lines are counted (core.files.csv_frame)
    return table
