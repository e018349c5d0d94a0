"""Local monthly scorecards: the file a performance team exports each month (CSV or XLSX).

Two forms, told apart by their columns:
- long: measure, area, month, value [, numerator, denominator, target] — `measure` a catalogue id;
- wide: indicator, area, then one column per month ("2019-10", "Oct-19", "October 2019") — the
  indicator as the council writes it, mapped through the catalogue's aliases.

Every row lands in the store or in the rejection report (file, row, column, value, reason).
An indicator no alias matches is kept as `unmapped` with its name, never dropped.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from croydon_kpi.core import project, schema
from croydon_kpi.core.areas import AreaLookup, area_table
from croydon_kpi.catalogue.measures import Catalogue, Source
from croydon_kpi.errors import InputError
from croydon_kpi.core.files import csv_frame, csv_records, read_text
from croydon_kpi.readers.extract import _alias_table, _aliases_in
from croydon_kpi.core.normalise import MONTHS

LONG_COLUMNS = ("measure", "area", "month", "value")
LONG_OPTIONAL = ("numerator", "denominator", "target")
WIDE_KEYS = ("indicator", "area")
REJECTION_COLUMNS = ["file", "row", "column", "value", "reason"]
_MONTH_HEADER = re.compile(r"^\s*(?:(?P<y1>\d{4})-(?P<m1>\d{2})|(?P<name>[A-Za-z]{3,9})[\s-]+(?P<y2>\d{2}|\d{4}))\s*$")


@dataclass
class ScorecardResult:
    figures: list[dict] = field(default_factory=list)
    rejections: list[dict] = field(default_factory=list)


def month_from_header(text: str) -> tuple[int, int] | None:
    match = _MONTH_HEADER.match(str(text))
    if not match:
        return None
    if match["y1"]:
        year, month = int(match["y1"]), int(match["m1"])
    else:
        number = MONTHS.get(match["name"].lower())
        if not number:
            return None
        year, month = int(match["y2"]) + (2000 if len(match["y2"]) == 2 else 0), number
    return (year, month) if 1 <= month <= 12 and 2000 <= year else None


def _read(path: Path) -> pd.DataFrame:
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    text = read_text(path)
    records = csv_records(path, text)
    header = records[0] if records else []
    duplicated = sorted({h.strip().lower() for h in header if [x.strip().lower() for x in header].count(h.strip().lower()) > 1})
    if duplicated:
        raise InputError(path, "row 1", f"duplicated columns {duplicated}")
    return csv_frame(path, text)


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
        sheets = [(sheet, [[_shown_value(path, sheet, cell) for cell in row] for row in sheet.iter_rows()]) for sheet in book.worksheets]
    finally:
        book.close()
    with_data = [(sheet, rows) for sheet, rows in sheets if any(v != "" for row in rows for v in row)]
    if len(with_data) > 1:
        names = ", ".join(sheet.title for sheet, _ in with_data)
        raise InputError(path, f"sheets {names}", "more than one sheet holds data; expected one sheet (one scorecard per file)")
    rows = with_data[0][1] if with_data else []
    if not rows:
        raise InputError(path, "row 1", "the workbook is empty; expected a header row")
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    header = [str(h).strip() for h in rows[0]]
    while header and header[-1] == "" and all(row[len(header) - 1] == "" for row in rows):
        header.pop()
        rows = [row[: len(header)] for row in rows]
    header = [name or f"(blank column {number})" for number, name in enumerate(header, start=1)]
    return pd.DataFrame(rows[1:], columns=header, dtype=str)


def _shown_value(path: Path, sheet, cell) -> str:
    value = cell.value
    if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")) or type(value).__name__ == "ArrayFormula":
        raise InputError(path, f"sheet {sheet.title}, cell {cell.coordinate}", "holds a formula; expected a value (paste as values)")
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if "%" in str(getattr(cell, "number_format", "") or ""):
            value = round(value * 100, 10)  # shown as a percentage: read what the reader sees
        return f"{value:g}" if isinstance(value, float) else str(value)
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def read_scorecard_folder(source: Source, catalogue: Catalogue, lookup: AreaLookup, known_areas: pd.DataFrame):
    """(figures, rejections) from every .csv and .xlsx in the folder."""
    folder = project.sources_dir() / source.file
    result = ScorecardResult()
    for path in sorted(folder.iterdir()):
        if path.name == "README.md":
            continue
        if path.is_dir() or path.suffix.lower() not in (".csv", ".xlsx"):
            # Nothing in the folder is silently passed over: read it or refuse it.
            kind = "a folder" if path.is_dir() else f"a {path.suffix or 'file without an extension'} file"
            raise InputError(path, None, f"{kind} in the scorecards folder; expected .csv or .xlsx files (save an .xls as .xlsx)")
        _read_one(path, source, catalogue, known_areas, result)
    figures = schema.conform(pd.DataFrame(result.figures)) if result.figures else schema.empty_figures()
    return figures, pd.DataFrame(result.rejections, columns=REJECTION_COLUMNS)


def _read_one(path: Path, source: Source, catalogue: Catalogue, known_areas: pd.DataFrame, result: ScorecardResult):
    table = _read(path)
    columns = [str(c).strip().lower() for c in table.columns]
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise InputError(path, "row 1", f"duplicated columns {duplicated}")
    table.columns = columns
    if set(LONG_COLUMNS) <= set(columns):
        rows = _long_rows(table)
    elif set(WIDE_KEYS) <= set(columns):
        rows = _wide_rows(table, path)
    else:
        raise InputError(path, "row 1", f"expected the long form columns {list(LONG_COLUMNS)} or the wide form "
                                        f"{list(WIDE_KEYS)} plus one column per month; found {columns}")
    reader = _RowReader(path, source, catalogue, known_areas)
    seen: dict[tuple, int] = {}
    for row in rows:
        figure, rejection = reader.figure(row)
        if rejection:
            result.rejections.append(rejection)
            continue
        key = (figure["measure"], figure["label"], figure["area_name"], figure["period_start"])
        if key in seen:
            result.rejections.append(reader.reject(row, "month", f"duplicates row {seen[key]} (same measure, area and month)"))
            continue
        seen[key] = row["row"]
        result.figures.append(figure)


def _long_rows(table: pd.DataFrame) -> list[dict]:
    return [{"row": index + 2, "name": r["measure"], "by_id": True, "area": r["area"], "month": r["month"],
             "month_column": "month", "value": r["value"], "value_column": "value",
             **{k: r.get(k, "") for k in LONG_OPTIONAL}} for index, r in table.iterrows()]


def _wide_rows(table: pd.DataFrame, path: Path) -> list[dict]:
    month_columns = [c for c in table.columns if c not in WIDE_KEYS]
    unreadable = [c for c in month_columns if month_from_header(c) is None]
    if unreadable:
        raise InputError(path, "row 1", f"columns {unreadable} are not months (write 2019-10, Oct-19 or October 2019)")
    rows = []
    for index, record in table.iterrows():
        filled = [c for c in month_columns if str(record[c]).strip()]
        if not filled:
            rows.append({"row": index + 2, "name": record["indicator"], "by_id": False, "area": record["area"],
                         "month": "", "month_column": "(every month column)", "value": "", "value_column": "(every month column)"})
        for column in filled:
            year, month = month_from_header(column)
            rows.append({"row": index + 2, "name": record["indicator"], "by_id": False, "area": record["area"],
                         "month": f"{year:04d}-{month:02d}", "month_column": column, "value": record[column],
                         "value_column": column})
    return rows


class _RowReader:
    def __init__(self, path, source, catalogue, known_areas):
        self.path, self.source, self.catalogue, self.areas = path, source, catalogue, known_areas
        self.aliases = _alias_table(catalogue)

    def reject(self, row: dict, column_key: str, reason: str) -> dict:
        column = row.get(f"{column_key}_column", column_key)
        return {"file": project.relative(self.path), "row": row["row"], "column": column,
                "value": str(row.get(column_key, ""))[:200], "reason": reason}

    def _measure(self, row: dict):
        name = str(row["name"]).strip()
        if row["by_id"]:
            return (name, None) if name in self.catalogue.measures else (None, f"measure {name!r} is not a catalogue id")
        if name.lower().replace(" ", "_") in self.catalogue.measures:
            return name.lower().replace(" ", "_"), None
        matched = _aliases_in(name.translate(str.maketrans("“”’", '""\'')), self.aliases)
        if not name:
            return None, "no indicator name"
        return (max(matched, key=lambda m: m[1] - m[0])[2] if matched else "unmapped"), None

    def figure(self, row: dict):
        long_cell = next((k for k in ("name", "area", "month", "value") if len(str(row.get(k, ""))) > MAX_CELL), None)
        if long_cell:
            return None, self.reject({**row, long_cell: str(row[long_cell])[:40] + "..."}, long_cell,
                                     f"a cell of {len(str(row[long_cell])):,} characters; expected at most {MAX_CELL:,}")
        measure, problem = self._measure(row)
        if problem:
            return None, self.reject(row, "name" if not row["by_id"] else "measure", problem)
        area = self.areas[self.areas["area_name"].str.casefold() == str(row["area"]).strip().casefold()]
        if area.empty:
            return None, self.reject(row, "area", f"unknown area {row['area']!r}: expected a local authority, region or England by name")
        if not row["month"]:
            return None, self.reject(row, "month", "no value in any month")
        month = re.fullmatch(r"(\d{4})-(\d{2})", str(row["month"]).strip())
        if not month or not 1 <= int(month.group(2)) <= 12 or int(month.group(1)) < 2000:
            return None, self.reject(row, "month", "expected a month written YYYY-MM from 2000 on")
        start = date(int(month.group(1)), int(month.group(2)), 1)
        if start > date.today():
            return None, self.reject(row, "month", "a month in the future")
        value, unit, problem = self._value(row, measure)
        if problem:
            return None, self.reject(row, "value", problem)
        for part in ("numerator", "denominator"):
            if str(row.get(part) or "").strip() and _number(row.get(part)) is None:
                return None, self.reject({**row, f"{part}_column": part}, part, f"{row[part]!r} is not a number")
        end = date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
        found = area.sort_values("area_code", na_position="last").iloc[0]
        target = str(row.get("target", "")).strip()
        return {
            "measure": measure, "label": str(row["name"]).strip(), "area_code": found["area_code"],
            "old_la_code": found["old_la_code"], "area_name": found["area_name"], "area_level": found["area_level"],
            "period_start": start, "period_end": end, "period_label": f"{calendar.month_name[start.month]} {start.year}",
            "kind": "level", "value": value, "as_written": str(row["value"]).strip(), "unit": unit, "bound": "exact",
            "numerator": _number(row.get("numerator")), "denominator": _number(row.get("denominator")),
            "source_id": self.source.id, "locator": f"{project.relative(self.path)}, row {row['row']}, column {row['value_column']}",
            "quote": f"{row['name']} {row['month']} = {row['value']}", "status": "reported",
            "flags": (f"target_stated={target}",) if target else (),
        }, None

    def _value(self, row: dict, measure: str):
        text = str(row["value"]).strip()
        number = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*(%)?", text.replace(",", ""))
        if not number:
            return None, None, f"{text!r} is not a number"
        value = float(number.group(1))
        unit = self.catalogue.measures[measure].unit if measure != "unmapped" else ("percent" if number.group(2) else "count")
        if unit == "percent" and not 0 <= value <= 100:
            return None, None, f"{text} is not a percentage between 0 and 100"
        if value < 0 and unit in ("count", "percent", "rate_per_10k", "fte", "days", "ratio"):
            return None, None, f"negative value {text} for a {unit}"
        return value, unit, None


def _number(text) -> float | None:
    try:
        return float(str(text).replace(",", "")) if str(text or "").strip() else None
    except ValueError:
        return None


def read(source: Source, catalogue: Catalogue, so_far: pd.DataFrame):
    """The registry's entry point: (figures, rejected rows). Areas are checked against those read so far."""
    return read_scorecard_folder(source, catalogue, AreaLookup.from_figures(so_far), area_table(so_far))
