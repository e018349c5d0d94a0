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
}
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
        kind = kinds.get(name)
        for row, value in enumerate(frame[name].tolist(), start=top + 1):
            _write_cell(sheet, row, column, value, kind, formats, wrap)
        sheet.set_column(column, column, _width(name, frame[name]))
    sheet.freeze_panes(top + 1, 0)
    if len(frame.columns):
        sheet.autofilter(top, 0, top + max(len(frame), 1), len(frame.columns) - 1)


def _write_cell(sheet, row: int, column: int, value, kind: str | None, formats, wrap) -> None:
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
    """The monthly pack's figures for analysis: KPIs, finance, workforce and sources, numbers as
    numbers, each row with its source's id (the page shows the sources' names)."""
    store = pack.store
    overview = pack.overview()
    kpis = pd.DataFrame(
        {
            "Measure": overview["title"] if len(overview) else [],
            "Value": overview["value"] if len(overview) else [],
            "Unit": overview["unit"] if len(overview) else [],
            "Reported group": overview["reported_group"] if len(overview) else [],
            "Computed check": overview["computed_group"] if len(overview) else [],
            "Target": overview["target"] if len(overview) else [],
            "Source ids": overview["sources"] if len(overview) else [],
            "Measure id": overview["measure"] if len(overview) else [],
        }
    )
    from croydon_kpi.analysis.finance import finance_table

    money = finance_table(store, pack.area.name)
    finance = pd.DataFrame(
        {
            "As written": money["as_written"],
            "Pounds": [float(p) for p in money["pounds"]],
            "Recurring or one-off": money["money"],
            "Year": money["period_label"],
            "Known from": money["available_from"],
            "Measure id": money["measure"],
            "Source id": money["source_id"],
            "Where in the source": money["locator"],
        }
    )
    workforce = pack.workforce_numbers()
    sources = pack.sources()
    used = sorted(set(store.figures.loc[store.figures["area_name"] == pack.area.name, "source_id"]) - {"derived"})
    sources.insert(0, "Source id", used)
    write_workbook(
        {"KPIs": kpis, "Finance": finance, "Workforce": workforce, "Sources": sources},
        path,
        kinds={
            "KPIs": {"Value": "number", "Target": "number"},
            "Finance": {"Pounds": "gbp", "Known from": "date"},
            "Workforce": {
                name: "number" for name in ("Value", "Statistical neighbours", "London", "England", "Rank", "Of")
            },
        },
        notes={
            "KPIs": f"{pack.title}. Values in each measure's unit (Unit column); groups as reported and as computed.",
            "Finance": f"Money figures about {pack.area.name} known by the end of {pack.month.label}.",
            "Workforce": "Published workforce statistics as shown in the pack.",
            "Sources": "Every source behind the figures; ids match the other sheets.",
        },
    )
