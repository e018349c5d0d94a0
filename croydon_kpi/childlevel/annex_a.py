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
from croydon_kpi.core.files import csv_frame, read_text, read_yaml
from croydon_kpi.errors import InputError


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
        lists[list_name] = [
            Column(
                c["name"],
                c["type"],
                bool(c.get("required")),
                tuple(c.get("aliases") or ()),
                tuple(categories.get(c.get("codes"), ())),
                bool(c.get("personal")),
                bool(c.get("extension")),
            )
            for c in flat
        ]
    return lists


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
        raise InputError(
            path,
            "row 1",
            f"missing columns {missing} ({len(headers)} columns found, {len(seen)} of them recognised; "
            "is the header row missing?)",
        )
    return renamed


def _categories(raw: pd.Series, codes: tuple[str, ...]) -> pd.Series:
    """Each cell as its code, or None: the code itself in any case, with an "a) " prefix allowed,
    or the first letter of Yes, No, Male or Female."""
    text = raw.str.replace(r"^[a-z]{1,2}\)\s*", "", case=False, regex=True).str.strip().str.lower()
    known = {code.lower(): code for code in reversed(codes)}
    for code in reversed(codes):
        if code in ("Yes", "No", "Male", "Female"):
            known.setdefault(code[0].lower(), code)
    return text.map(known)


DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S")


def _dates(raw: pd.Series) -> pd.Series:
    parsed = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    for pattern in DATE_FORMATS:
        missing = parsed.isna() & (raw != "")
        if not missing.any():
            break
        parsed[missing] = pd.to_datetime(raw[missing], format=pattern, errors="coerce")
    return parsed


def _parsed(raw: pd.Series, column: Column) -> tuple[pd.Series, pd.Series, str]:
    """(values, which filled cells could not be read, what was expected)."""
    filled = raw != ""
    if column.type == "date":
        values = _dates(raw)
        return values, filled & values.isna(), "a date (DD/MM/YYYY)"
    if column.type == "integer":  # counts and ages: never negative
        whole = raw.str.fullmatch(r"\d{1,15}")
        values = pd.Series(None, index=raw.index, dtype=object)
        values[whole] = raw[whole].astype("int64").astype(object)
        return values, filled & ~whole, "a whole number of 0 or more"
    if column.type == "category":
        values = _categories(raw, column.codes)
        return values.astype(object).where(values.notna(), None), filled & values.isna(), f"one of {list(column.codes)}"
    return raw.astype(object).where(filled, None), pd.Series(False, index=raw.index), "text"


# An unborn child's record may carry its expected date of birth, up to 40 weeks after a
# referral or plan; a birth later than that, or any event after today, cannot be true.
MAX_BEFORE_BIRTH = pd.Timedelta(weeks=40)
BIRTH = "Date of Birth"


def validate(table: pd.DataFrame, list_name: str, path: Path) -> pd.DataFrame:
    """Typed columns with the template's names; every bad cell is an AnnexAError problem
    (row and column, never the cell's value: in a shifted row any column can hold a child's
    identifier or birth date). Whole columns at a time: a million rows in seconds."""
    columns = schemas()[list_name]
    table = table.rename(columns=_canonical_headers([str(h) for h in table.columns], columns, path))
    problems, out = [], pd.DataFrame(index=table.index)
    rows = pd.Series(table.index + 2, index=table.index)
    for column in columns:
        if column.name not in table:
            continue
        raw = table[column.name].fillna("").astype(str).str.strip()
        if column.required:
            problems += [(r, column.name, "a value is required") for r in rows[raw == ""]]
        values, unreadable, expected = _parsed(raw, column)
        problems += [(r, column.name, f"the value is not {expected}") for r in rows[unreadable]]
        out[column.name] = values
    problems += _impossible_dates(out, columns, rows)
    if problems:
        order = {c.name: n for n, c in enumerate(columns)}
        raise AnnexAError(path, sorted(problems, key=lambda p: (order[p[1]], p[0])))
    return out.reset_index(drop=True)


# Dates case-management systems write when the real one is not known (1 January 1900, the
# spreadsheet epoch, a database's minimum): never a child's date. Any date before 1901 is one.
PLACEHOLDER_BEFORE = pd.Timestamp("1901-01-02")


def _impossible_dates(out: pd.DataFrame, columns: list[Column], rows: pd.Series) -> list[tuple[int, str, str]]:
    today = pd.Timestamp.today().normalize()
    problems = []
    for name in [c.name for c in columns if c.type == "date" and c.name in out]:
        problems += [
            (r, name, "a placeholder date, not a real one; expected the real date, or the cell left blank")
            for r in rows[out[name] < PLACEHOLDER_BEFORE]
        ]
        if name == BIRTH:
            ahead = out[name] > today + MAX_BEFORE_BIRTH
            problems += [
                (r, name, "more than 40 weeks ahead; expected a real or expected date of birth") for r in rows[ahead]
            ]
            continue
        problems += [
            (r, name, "a date in the future; expected a date on or before the list's extract")
            for r in rows[out[name] > today]
        ]
        if BIRTH in out:
            born_after = out[BIRTH] > out[name] + MAX_BEFORE_BIRTH
            problems += [
                (r, BIRTH, f"more than 40 weeks after the {name}; expected a birth before it (or due by then)")
                for r in rows[born_after]
            ]
    return problems


def _list_sheet(path: Path, list_name: str) -> pd.DataFrame:
    """The workbook's sheet for the list: its only sheet, or the one named for it ("List 7",
    "list_7_child_protection"); a workbook of several lists with none named for it is refused,
    naming its sheets (a list is never judged on whichever sheet happens to be first)."""
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
    except Exception as error:  # openpyxl raises several types for a file that is not a workbook
        raise InputError(path, None, f"not a readable XLSX workbook ({type(error).__name__})") from None
    with_data = {name: frame for name, frame in sheets.items() if len(frame.columns) or len(frame)}
    if len(with_data) <= 1:
        return next(iter(with_data.values()), pd.DataFrame())
    number = re.match(r"list_(\d+)_", list_name).group(1)
    named = [name for name in with_data if re.search(rf"\blist[\s_-]*{number}(?!\d)", name, re.IGNORECASE)]
    if len(named) == 1:
        return with_data[named[0]]
    raise InputError(
        path,
        f"sheets {', '.join(with_data)}",
        f"several sheets hold data and {'several' if named else 'none'} is named for {list_name} "
        f"(expected one sheet, or one named like 'List {number}')",
    )


def read_list(path: Path, list_name: str) -> pd.DataFrame:
    if list_name not in schemas():
        raise InputError(path, None, f"unknown Annex A list {list_name!r}: expected one of {sorted(schemas())}")
    if not path.is_file():
        raise InputError(path, None, "file not found")
    if path.suffix.lower() == ".xlsx":
        table = _list_sheet(path, list_name)
    else:
        table = csv_frame(path, read_text(path))
    return validate(table, list_name, path)
