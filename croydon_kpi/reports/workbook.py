"""Workbooks for analysis: numbers as numbers with number formats, a frozen header row, filters,
sensible widths, one sheet per section, text that can never run as a formula, and the same bytes
every time from the same inputs.

XlsxWriter writes the file (its output is deterministic once the document's dates are fixed);
openpyxl stays for reading.
"""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import xlsxwriter

# Column kind -> Excel number format.
NUMBER_FORMATS = {
    "count": "#,##0",
    "percent": "0.0",
    "rate_per_10k": "0.0",
    "rate_per_100k": "0.0",
    "ratio": "0.0",
    "fte": "#,##0.0",
    "days": "0",
    "gbp": "£#,##0",
    "gbp_pence": "£#,##0.00",
    "number": "General",
    "date": "d mmmm yyyy",
    "percent_fraction": "0.0%",  # a percentage written as Excel's fraction (84.5% is 0.845)
    "points": '0.0" pts"',  # a change between two percentages, in percentage points (never "2.4%")
}
# A column of kind "by_unit:<column>" takes each cell's kind from that row's unit: percentages
# are written as fractions in a percent format, so Excel shows 84.5% and sums what it should.
BY_UNIT = "by_unit:"
UNIT_KINDS = {"percent": "percent_fraction"}
# A change ("change_by_unit:<column>"): a percentage's change is in percentage points, not a percent.
CHANGE_BY_UNIT = "change_by_unit:"
UNIT_CHANGE_KINDS = {"percent": "points"}
FORMULA_START = ("=", "+", "-", "@", "{")
MAX_WIDTH, MIN_WIDTH = 60, 8
# The document's creation date is fixed so two builds from the same inputs give the same bytes.
FIXED_CREATED = datetime(2000, 1, 1)


def safe_text(value: str) -> str:
    """Text that cannot start a formula, even if the sheet is later saved as CSV and reopened."""
    return "'" + value if value.startswith(FORMULA_START) else value


def write_workbook(
    sheets: dict[str, pd.DataFrame],
    path,
    kinds: dict[str, dict[str, str]] | None = None,
    notes: dict[str, str] | None = None,
) -> None:
    """One sheet per frame. `kinds[sheet][column]` names a numeric column's kind (count, percent,
    gbp, date ...); other columns are text. `notes[sheet]` is a line written above the table."""
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_urls": False, "nan_inf_to_errors": False}
    )
    book.set_properties({"created": FIXED_CREATED})
    header = book.add_format({"bold": True, "bg_color": "#E8EDEE", "bottom": 1, "text_wrap": True, "valign": "top"})
    formats = {kind: book.add_format({"num_format": code}) for kind, code in NUMBER_FORMATS.items()}
    wrap = book.add_format({"valign": "top"})
    for name, frame in sheets.items():
        _write_sheet(
            book.add_worksheet(name[:31]),
            frame,
            (kinds or {}).get(name, {}),
            (notes or {}).get(name),
            header,
            formats,
            wrap,
        )
    book.close()


def _write_sheet(sheet, frame: pd.DataFrame, kinds: dict[str, str], note: str | None, header, formats, wrap) -> None:
    top = 0
    if note:
        sheet.write_string(0, 0, safe_text(note))
        top = 2
    for column, name in enumerate(frame.columns):
        sheet.write_string(top, column, str(name), header)
        for row, (value, kind) in enumerate(zip(frame[name].tolist(), _kinds(frame, kinds.get(name))), start=top + 1):
            _write_cell(sheet, row, column, value, kind, formats, wrap)
        sheet.set_column(column, column, _width(name, frame[name]))
    sheet.freeze_panes(top + 1, 0)
    if len(frame.columns):
        sheet.autofilter(top, 0, top + max(len(frame), 1), len(frame.columns) - 1)


def _kinds(frame: pd.DataFrame, kind: str | None) -> list:
    """Each cell's kind: the column's, or (by_unit) the kind of the row's unit."""
    for prefix, by_unit in ((BY_UNIT, UNIT_KINDS), (CHANGE_BY_UNIT, UNIT_CHANGE_KINDS)):
        if kind and kind.startswith(prefix):
            units = frame[kind[len(prefix) :]].tolist()
            return [by_unit.get(unit, NUMBER_FORMATS.get(unit) and unit or "number") for unit in units]
    return [kind] * len(frame)


def _write_cell(sheet, row: int, column: int, value, kind: str | None, formats, wrap) -> None:
    if kind == "percent_fraction" and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = round(value / 100, 12)  # 83.4 is 0.834, not 0.8340000000000001
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        sheet.write_blank(row, column, None)
    elif kind == "date" and isinstance(value, (date, datetime, pd.Timestamp)):
        sheet.write_datetime(row, column, pd.Timestamp(value).to_pydatetime(), formats["date"])
    elif kind and isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, column, float(value), formats.get(kind, formats["number"]))
    else:
        sheet.write_string(row, column, safe_text(str(value)), wrap)


def _width(name, values: pd.Series) -> int:
    longest = max([len(str(name))] + [len(str(v)) for v in values.tolist()[:500]])
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def pack_workbook(pack, path) -> None:
    """The monthly pack for analysis (reports/pack/workbook_sheets.py builds the sheets): KPIs with
    the last 13 months, a Trend sheet, finance, workforce, data quality and sources, numbers as
    numbers, percentages in a percent format, each row with its source's id."""
    from croydon_kpi.reports.pack.workbook_sheets import pack_sheets

    sheets, kinds, notes = pack_sheets(pack)
    write_workbook(sheets, path, kinds=kinds, notes=notes)
