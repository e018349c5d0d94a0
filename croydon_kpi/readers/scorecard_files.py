"""A scorecard file as its cells show: CSV, or an XLSX workbook's one sheet of values read as the
reader sees them (a cell formatted as a percentage that stores 0.8 is 80; an Excel date heading a
month column is that month), and month headers in the forms exports write them."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from croydon_kpi.core.files import csv_frame, read_text
from croydon_kpi.core.normalise import MONTHS
from croydon_kpi.errors import InputError

# A month column's header as exports write it: 2019-10, 2019-10-01 (an Excel date, any day of the
# month: how an XLSX cell formatted mmm-yy is stored), 10/2019, 01/10/2019 (day first, as English
# systems write it), Oct-19, Oct 2019, October 2019.
_MONTH_HEADERS = (
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?(?:[ T]00:00(?::00)?)?$"),
    re.compile(r"^(?:(?P<day>\d{1,2})/)?(?P<month>\d{1,2})/(?P<year>\d{4})$"),
    re.compile(r"^(?P<name>[A-Za-z]{3,9})\.?[\s\-/']+(?P<year>\d{4}|\d{2})$"),
)
MONTH_FORMS = "2019-10, Oct-19, October 2019, 10/2019 or an Excel date"


def month_from_header(text: str) -> tuple[int, int] | None:
    """(year, month) of a month column's header, or None if it is not a month from 2000 on."""
    cleaned = str(text).strip()
    for pattern in _MONTH_HEADERS:
        match = pattern.match(cleaned)
        if match:
            return _month_of(match)
    return None


def _month_of(match: re.Match) -> tuple[int, int] | None:
    found = match.groupdict()
    if found.get("name"):
        month = MONTHS.get(found["name"].lower())
    else:
        month = int(found["month"])
    year = int(found["year"]) + (2000 if len(found["year"]) == 2 else 0)
    day = int(found["day"]) if found.get("day") else 1
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31 or year < 2000:
        return None
    return year, month


def read_table(path: Path) -> pd.DataFrame:
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    return csv_frame(path, read_text(path))  # duplicated columns are refused in _candidates, for CSV and XLSX alike


MAX_CELL = 1000


def _read_xlsx(path: Path) -> pd.DataFrame:
    """A workbook's one sheet of values, each cell as the reader sees it: a cell formatted as a
    percentage that stores 0.8 shows 80% and is read as 80. A formula (array formulas too) or a
    second sheet with data is refused: nothing in a workbook is silently left unread."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=False, read_only=True)
    except Exception as error:  # openpyxl raises several types for a file that is not a workbook
        raise InputError(path, None, f"not a readable XLSX workbook ({type(error).__name__}: {error})") from None
    try:
        sheets = [
            (sheet, [[_shown_value(path, sheet, cell) for cell in row] for row in sheet.iter_rows()])
            for sheet in book.worksheets
        ]
    finally:
        book.close()
    with_data = [(sheet, rows) for sheet, rows in sheets if any(v != "" for row in rows for v in row)]
    if len(with_data) > 1:
        names = ", ".join(sheet.title for sheet, _ in with_data)
        raise InputError(
            path, f"sheets {names}", "more than one sheet holds data; expected one sheet (one scorecard per file)"
        )
    rows = with_data[0][1] if with_data else []
    if not rows:
        raise InputError(path, "row 1", "the workbook is empty; expected a header row")
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    header = [str(h).strip() for h in rows[0]]
    while header and header[-1] == "" and all(row[len(header) - 1] == "" for row in rows):
        header.pop()
        rows = [row[: len(header)] for row in rows]
    filled = [name for name in header if name]
    if len(header) >= TITLE_ROW_WIDTH and len(filled) * 2 <= len(header):  # exports often put a title above
        raise InputError(
            path,
            "row 1",
            f"only {len(filled)} of its {len(header)} cells are filled ({filled[0][:60]!r} ...): a title above the "
            "table? The header row (indicator, area, the months) must be the first row; delete the rows above it",
        )
    header = [name or f"(blank column {number})" for number, name in enumerate(header, start=1)]
    return pd.DataFrame(rows[1:], columns=header, dtype=str)


TITLE_ROW_WIDTH = 4  # a first row this wide, half of it blank, is a title, not a header


def exact_number(value: int | float, percent: bool = False) -> str:
    """A stored number as text, exactly: every digit the workbook holds, never cut to six
    significant figures and never in exponent form (123456.75 stays 123456.75). A cell formatted as
    a percentage is read as the reader sees it (0.845 is 84.5), without a float's tail."""
    if isinstance(value, int) and not percent:
        return str(value)
    number = float(value)
    if percent:
        number = float(Decimal(repr(number)) * 100)  # decimal arithmetic: 0.845 x 100 is 84.5, not 84.49999999999999
    return np.format_float_positional(number, trim="-")


def _shown_value(path: Path, sheet, cell) -> str:
    value = cell.value
    if (
        getattr(cell, "data_type", None) == "f"
        or (isinstance(value, str) and value.startswith("="))
        or type(value).__name__ == "ArrayFormula"
    ):
        raise InputError(
            path, f"sheet {sheet.title}, cell {cell.coordinate}", "holds a formula; expected a value (paste as values)"
        )
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return exact_number(value, percent="%" in str(getattr(cell, "number_format", "") or ""))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)
