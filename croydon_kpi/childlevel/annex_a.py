"""Ofsted Annex A child-level lists: schemas from data/catalogue/annex_a.yaml, reading from CSV or
XLSX, and validation that names the file, row and column of every problem (nothing is dropped).

Child-level data is personal data: identifiers, names and dates of birth are read to compute
aggregates and never reach a report, a log or an error message (errors quote other cells only).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from croydon_kpi.core import project
from croydon_kpi.errors import InputError
from croydon_kpi.core.files import csv_frame, read_text, read_yaml


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool
    aliases: tuple[str, ...]
    codes: tuple[str, ...]
    personal: bool
    extension: bool


class AnnexAError(InputError):
    """Every problem in a list: `.problems` holds (row, column, what was expected)."""

    def __init__(self, path, problems: list[tuple[int, str, str]]):
        self.problems = problems
        first_row, first_column, first_problem = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(path, f"row {first_row}, column {first_column}", first_problem + more)


@lru_cache(maxsize=1)
def schemas() -> dict[str, list[Column]]:
    path = project.data_dir() / "catalogue" / "annex_a.yaml"
    spec = read_yaml(path)
    categories = spec["categories"]
    lists = {}
    for list_name, definition in spec["lists"].items():
        flat = []
        for item in definition["columns"]:
            flat.extend(item if isinstance(item, list) else [item])
        lists[list_name] = [Column(c["name"], c["type"], bool(c.get("required")), tuple(c.get("aliases") or ()),
                                   tuple(categories.get(c.get("codes"), ())), bool(c.get("personal")), bool(c.get("extension")))
                            for c in flat]
    return lists


def personal_columns() -> set[str]:
    return {c.name for columns in schemas().values() for c in columns if c.personal or c.type == "id"}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text).lower()).strip()


def _canonical_headers(headers: list[str], columns: list[Column], path: Path) -> dict[str, str]:
    lookup = {}
    for column in columns:
        for name in (column.name, *column.aliases):
            lookup[_key(name)] = column.name
    renamed, seen = {}, {}
    for header in headers:
        canonical = lookup.get(_key(header))
        if canonical:
            if canonical in seen:
                raise InputError(path, "row 1", f"columns {seen[canonical]!r} and {header!r} are both {canonical!r}")
            seen[canonical] = header
            renamed[header] = canonical
    missing = [c.name for c in columns if c.required and c.name not in seen]
    if missing:
        # The headers are never quoted: a list without its header row has a child's data there.
        raise InputError(path, "row 1", f"missing columns {missing} ({len(headers)} columns found, {len(seen)} of them recognised; "
                                        "is the header row missing?)")
    return renamed


def _category(value: str, codes: tuple[str, ...]) -> str | None:
    text = re.sub(r"^[a-z]{1,2}\)\s*", "", value.strip(), flags=re.IGNORECASE).strip().lower()
    for code in codes:
        if text == code.lower() or (len(text) == 1 and code.lower().startswith(text) and code in ("Yes", "No", "Male", "Female")):
            return code
    return None


def _date(value: str):
    text = value.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return pd.to_datetime(text, format=pattern)
        except ValueError:
            continue
    return None


def validate(table: pd.DataFrame, list_name: str, path: Path) -> pd.DataFrame:
    """Typed columns with the template's names; every bad cell is an AnnexAError problem."""
    columns = schemas()[list_name]
    table = table.rename(columns=_canonical_headers([str(h) for h in table.columns], columns, path))
    problems, out = [], pd.DataFrame(index=table.index)
    for column in columns:
        if column.name not in table:
            continue
        raw = table[column.name].fillna("").astype(str).str.strip()
        values = []
        for row_number, value in zip(table.index + 2, raw):
            if not value:
                if column.required:
                    problems.append((row_number, column.name, "a value is required"))
                values.append(None)
                continue
            parsed, expected = _parse(value, column)
            if parsed is None:
                # Never the cell's value: in a shifted row any column can hold a child's identifier or birth date.
                problems.append((row_number, column.name, f"the value is not {expected}"))
            values.append(parsed)
        out[column.name] = pd.Series(values, index=table.index, dtype="datetime64[ns]" if column.type == "date" else object)
    if problems:
        raise AnnexAError(path, problems)
    return out.reset_index(drop=True)


def _parse(value: str, column: Column):
    if column.type == "date":
        return _date(value), "a date (DD/MM/YYYY)"
    if column.type == "integer":
        return (int(value) if re.fullmatch(r"-?\d+", value) else None), "a whole number"
    if column.type == "category":
        return _category(value, column.codes), f"one of {list(column.codes)}"
    return value, "text"


def read_list(path: Path, list_name: str) -> pd.DataFrame:
    if list_name not in schemas():
        raise InputError(path, None, f"unknown Annex A list {list_name!r}: expected one of {sorted(schemas())}")
    if not path.is_file():
        raise InputError(path, None, "file not found")
    if path.suffix.lower() == ".xlsx":
        try:
            table = pd.read_excel(path, dtype=str, keep_default_na=False)
        except Exception as error:  # openpyxl raises several types for a file that is not a workbook
            raise InputError(path, None, f"not a readable XLSX workbook ({type(error).__name__})") from None
    else:
        table = csv_frame(path, read_text(path))
    return validate(table, list_name, path)
