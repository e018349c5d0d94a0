"""Local monthly scorecards: the file a performance team exports each month (CSV or XLSX).

Two forms, told apart by their columns:
- long: measure, area, month, value [, numerator, denominator, target] — `measure` a catalogue id;
- wide, as case-management systems export it: indicator, area and, in any order, ref, polarity,
  target, tolerance, unit and notes, then one column per month (2019-10, Oct-19, October 2019,
  10/2019, or an Excel date) — the indicator as the council writes it, mapped through its own
  map (indicators.yaml) or, unit-aware, the catalogue's aliases (scorecard_indicators.py).

Every row lands in the store or in the rejection report (file, row, column, value, reason): an
indicator that maps to no measure is rejected, with its nearest candidates, never dropped.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from croydon_kpi.catalogue.measures import Catalogue, Source
from croydon_kpi.core import project, schema, validation
from croydon_kpi.core.areas import AreaLookup, area_table
from croydon_kpi.errors import InputError
from croydon_kpi.readers.scorecard_columns import check_stated_columns, unit_of, unit_words, wide_roles
from croydon_kpi.readers.scorecard_files import MAX_CELL, MONTH_FORMS, month_from_header, read_table
from croydon_kpi.readers.scorecard_indicators import (
    MAP_FILE,
    UNMAPPED,
    IndicatorMatcher,
    load_indicator_map,
    unmapped_reasons,
)

LONG_COLUMNS = ("measure", "area", "month", "value")
LONG_OPTIONAL = ("numerator", "denominator", "target")


def read_scorecard_folder(source: Source, catalogue: Catalogue, lookup: AreaLookup, known_areas: pd.DataFrame):
    """(figures, rejections) from every .csv and .xlsx in the folder, checked as one table: a
    row repeated in a second file for the same month is a duplicate like one in the same file."""
    folder = project.sources_dir() / source.file
    candidates = []
    matcher = IndicatorMatcher(catalogue, load_indicator_map(folder, catalogue))
    for path in sorted(folder.iterdir()):
        if path.name in ("README.md", MAP_FILE):
            continue
        if path.is_dir() or path.suffix.lower() not in (".csv", ".xlsx"):
            # Nothing in the folder is silently passed over: read it or refuse it.
            kind = "a folder" if path.is_dir() else f"a {path.suffix or 'file without an extension'} file"
            raise InputError(
                path, None, f"{kind} in the scorecards folder; expected .csv or .xlsx files (save an .xls as .xlsx)"
            )
        candidates.append(_candidates(path))
    rows = pd.concat(candidates, ignore_index=True) if candidates else pd.DataFrame(columns=CANDIDATE_COLUMNS)
    return figures_and_rejections(rows, source, catalogue, known_areas, matcher)


def read_file(path: Path, source: Source, catalogue: Catalogue, known_areas: pd.DataFrame):
    """(figures, rejections) from one scorecard file, checked on its own (with its folder's map)."""
    matcher = IndicatorMatcher(catalogue, load_indicator_map(path.parent, catalogue))
    return figures_and_rejections(_candidates(path), source, catalogue, known_areas, matcher)


def figures_and_rejections(
    rows: pd.DataFrame, source: Source, catalogue: Catalogue, known_areas: pd.DataFrame, matcher=None
):
    if rows.empty:  # an empty folder, or files of headers only: nothing to read, nothing rejected
        return schema.empty_figures(), pd.DataFrame(columns=schema.REJECTION_COLUMNS)
    matcher = matcher or IndicatorMatcher(catalogue, load_indicator_map(Path("."), catalogue))
    checked = _check(rows.astype({c: str for c in TEXT_CELLS}), catalogue, known_areas, matcher)
    good = checked[checked["reason"].isna()]
    rejected = checked[checked["reason"].notna()]
    rejections = pd.DataFrame(
        {
            "file": rejected["file"],
            "row": rejected["row"].astype("int64"),
            "column": rejected["column"],
            "value": rejected["shown"],
            "reason": rejected["reason"],
        },
        columns=schema.REJECTION_COLUMNS,
    )
    figures = _figures(good, source) if len(good) else schema.empty_figures()
    # A wide row refused for its name or area is refused once, not once per month it fills.
    rejections = rejections.drop_duplicates()
    return figures, rejections.sort_values(["file", "row"], kind="stable").reset_index(drop=True)


# One row per figure a file offers: the cells as written, where they are, and how to read them.
CANDIDATE_COLUMNS = [
    "file",
    "row",
    "name",
    "by_id",
    "area",
    "month",
    "month_column",
    "value",
    "value_column",
    "numerator",
    "denominator",
    "target",
    "tolerance",
    "polarity",
    "unit_stated",
    "ref",
    "note",
]
# What a wide row may state beside its months (scorecard_columns.WIDE_ROLES), kept with each figure.
STATED_COLUMNS = ("target", "tolerance", "polarity", "unit_stated", "ref", "note")
# The cells as written: every candidate column but where a cell stands and how it was read.
TEXT_CELLS = [c for c in CANDIDATE_COLUMNS if c not in ("file", "row", "by_id", "month_column", "value_column")]


def _candidates(path: Path) -> pd.DataFrame:
    table = read_table(path)
    columns = [str(c).strip().lower() for c in table.columns]
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise InputError(path, "row 1", f"duplicated columns {duplicated}")
    table.columns = columns
    if set(LONG_COLUMNS) <= set(columns):
        unread = [c for c in columns if c not in (*LONG_COLUMNS, *LONG_OPTIONAL)]
        if unread:  # nothing in a file is silently passed over
            raise InputError(
                path,
                "row 1",
                f"columns {unread} are not read by the long form; expected only "
                f"{[*LONG_COLUMNS, *LONG_OPTIONAL]} (remove the others)",
            )
        rows = _long_rows(table)
    elif (roles := wide_roles(columns, month_from_header)) is not None:
        rows = _wide_rows(table, path, roles)
    else:
        raise InputError(
            path,
            "row 1",
            f"expected the long form columns {list(LONG_COLUMNS)} or the wide form: an indicator and an "
            f"area column plus one column per month; found {columns}",
        )
    rows["file"] = project.relative(path)
    return rows[CANDIDATE_COLUMNS]


def _long_rows(table: pd.DataFrame) -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "row": table.index + 2,
            "name": table["measure"],
            "by_id": True,
            "area": table["area"],
            "month": table["month"],
            "month_column": "month",
            "value": table["value"],
            "value_column": "value",
        }
    )
    for optional in LONG_OPTIONAL:
        rows[optional] = table[optional] if optional in table else ""
    return rows.assign(**{role: "" for role in STATED_COLUMNS if role not in LONG_OPTIONAL})


def _wide_rows(table: pd.DataFrame, path: Path, roles: dict) -> pd.DataFrame:
    """One candidate per filled month cell; the row's other columns (ref, polarity, target,
    tolerance, unit, notes) go with each of its months."""
    named = set(roles.values())
    month_columns = [c for c in table.columns if c not in named]
    unreadable = [c for c in month_columns if month_from_header(c) is None]
    if unreadable:
        raise InputError(
            path,
            "row 1",
            f"columns {unreadable} are neither months ({MONTH_FORMS}) nor columns the wide form reads "
            f"(indicator, area, ref, polarity, target, tolerance, unit, notes)",
        )
    months = ["{:04d}-{:02d}".format(*month_from_header(c)) for c in month_columns]
    repeated = sorted({m for m in months if months.count(m) > 1})
    if repeated:
        raise InputError(path, "row 1", f"two columns are the same month ({', '.join(repeated)})")
    # Row by row, month by month (row-major): one figure candidate per filled cell, built with numpy.
    if not month_columns:  # no month at all: every row is one with no value in any month
        table = table.assign(**{"(every month column)": ""})
        month_columns, months = ["(every month column)"], [""]
    values = table[month_columns].fillna("").astype(str)
    cells = values.to_numpy(dtype=object).ravel()
    filled = values.apply(lambda column: column.str.strip().ne("")).to_numpy(dtype=bool).ravel()
    width, rows_in_file = len(month_columns), len(table)
    row_of = np.repeat(np.arange(rows_in_file), width)
    column_of = np.tile(np.arange(width), rows_in_file)
    # A row with no value in any month is kept once, to be rejected, never dropped.
    empty_rows = ~filled.reshape(rows_in_file, width).any(axis=1)
    keep = filled | (np.repeat(empty_rows, width) & (column_of == 0))
    row_of, column_of, blank = row_of[keep], column_of[keep], ~filled[keep]
    # Each column is a take from a small typed array (the file's rows, its month headers): no
    # per-cell conversion of a million Python strings.
    header_or_none = np.where(blank, width, column_of)
    headers = pd.array([*month_columns, "(every month column)"], dtype="str").take(header_or_none)
    value_cells = pd.Series(np.where(blank, "", cells[keep]), dtype=object)
    codes, distinct_cells = pd.factorize(value_cells)
    candidate = pd.DataFrame(
        {
            "row": (table.index.to_numpy() + 2)[row_of],
            "name": table[roles["indicator"]].astype(str).array.take(row_of),
            "area": table[roles["area"]].astype(str).array.take(row_of),
            "month": pd.array([*months, ""], dtype="str").take(header_or_none),
            "month_column": headers,
            "value": pd.array(distinct_cells, dtype="str").take(codes),
            "value_column": headers,
        }
    )
    for role in STATED_COLUMNS:
        column = roles.get(role)
        candidate[role] = table[column].fillna("").astype(str).array.take(row_of) if column else ""
    return candidate.assign(by_id=False, numerator="", denominator="")


def _check(rows: pd.DataFrame, catalogue: Catalogue, known_areas: pd.DataFrame, matcher) -> pd.DataFrame:
    """Every candidate with its first problem (reason, column, the cell shown) or none: the
    checks run in the order a user fixes a row (measure, area, month, value, parts, duplicates).
    Work on a cell's text is done once per distinct text (validation.by_unique)."""
    rows = rows.reset_index(drop=True).copy()
    rows["reason"] = pd.Series(None, index=rows.index, dtype=object)
    rows["column"] = pd.Series(None, index=rows.index, dtype=object)
    rows["shown"] = ""
    distinct = validation.by_unique

    def reject(mask, column_key: str, reason) -> None:
        """Refuse the rows of `mask` not yet refused; `reason` a text, or made from those rows."""
        mask = mask & rows["reason"].isna()
        if not mask.any():
            return
        chosen = rows[mask]
        rows.loc[mask, "reason"] = reason(chosen) if callable(reason) else reason
        if column_key == "name":
            rows.loc[mask, "column"] = chosen["by_id"].map({True: "measure", False: "indicator"})
        elif f"{column_key}_column" in rows:
            rows.loc[mask, "column"] = chosen[f"{column_key}_column"]
        else:
            rows.loc[mask, "column"] = column_key
        rows.loc[mask, "shown"] = chosen[column_key].astype(str).str.slice(0, 200)

    for key in ("name", "area", "month", "value"):
        long = rows[key].str.len() > MAX_CELL
        if long.any():
            reject(
                long,
                key,
                lambda r, key=key: (
                    "a cell of " + r[key].str.len().map("{:,}".format) + f" characters; expected at most {MAX_CELL:,}"
                ),
            )
            rows.loc[long, "shown"] = rows.loc[long, key].str.slice(0, 40) + "..."

    stated_unit = distinct(rows["unit_stated"], lambda u: u.map(unit_of))
    reject(
        stated_unit.isna(),
        "unit_stated",
        lambda r: (
            "unit " + r["unit_stated"].map(repr) + f" is not one the reader knows; expected one of {unit_words()}"
        ),
    )
    rows["measure"] = _measures(rows, catalogue, matcher, stated_unit)
    name = distinct(rows["name"], lambda u: u.str.strip())
    reject(
        rows["by_id"] & rows["measure"].isna(),
        "name",
        lambda r: "measure '" + r["name"].str.strip() + "' is not a catalogue id",
    )
    reject(~rows["by_id"] & (name == ""), "name", "no indicator name")
    reject(rows["measure"] == UNMAPPED, "name", lambda r: unmapped_reasons(r, matcher, stated_unit))
    check_stated_columns(rows, catalogue, stated_unit, reject)

    rows = rows.join(_areas(rows["area"], known_areas))
    reject(
        rows["area_name"].isna(),
        "area",
        lambda r: "unknown area " + r["area"].map(repr) + ": expected a local authority, region or England by name",
    )

    month = distinct(rows["month"], _month_start)
    reject(month["blank"], "month", "no value in any month")
    reject(month["start"].isna(), "month", "expected a month written YYYY-MM from 2000 on")
    rows["period_start"] = month["start"]
    reject(rows["period_start"] > pd.Timestamp(date.today()), "month", "a month in the future")

    numbers = validation.parse_numbers(rows["value"])
    reject(numbers["problem"].notna(), "value", lambda r: numbers.loc[r.index, "problem"])
    units = distinct(
        rows["measure"], lambda u: u.map(lambda m: catalogue.measures[m].unit if m in catalogue.measures else None)
    )
    rows["unit"] = units.where(units.notna(), numbers["percent"].map({True: "percent", False: "count"}))
    rows["number"] = numbers["value"]
    out_of_range = validation.range_problems(numbers["value"], rows["value"], numbers["percent"], rows["unit"])
    reject(out_of_range.notna(), "value", lambda r: out_of_range[r.index])
    fractions = _fractions_as_percentages(rows, numbers["percent"])
    reject(fractions.notna(), "value", lambda r: fractions[r.index])

    for part in ("numerator", "denominator"):
        given = distinct(rows[part], lambda u: u.str.strip() != "")
        rows[f"{part}_column"] = part
        rows[f"{part}_number"] = np.nan
        if given.any():  # a wide form has none
            parsed = validation.parse_numbers(rows[part])
            reject(given & parsed["problem"].notna(), part, lambda r, part=part: r[part].map(repr) + " is not a number")
            rows[f"{part}_number"] = parsed["value"].where(given)
    ratio = validation.ratio_problems(
        rows["number"], rows["numerator_number"], rows["denominator_number"], rows["unit"]
    )
    reject(ratio.notna(), "numerator", lambda r: ratio[r.index])
    _reject_duplicates(rows, reject)
    return rows


FRACTION_MONTHS = 3  # a percentage's series this long, every value between 0 and 1, is fractions


def _fractions_as_percentages(rows: pd.DataFrame, written_percent: pd.Series) -> pd.Series:
    """Why a percentage's figures are refused where a file gives them as fractions (0.842 for
    84.2%: a General-format cell, a CSV of proportions): every month of its series in the file
    between 0 and 1, none written with a % sign. Read as they are, they would be published as
    0.8% and meet any target of 0.85%. None where the figures are percentages."""
    candidate = (rows["unit"] == "percent") & ~written_percent.fillna(False).astype(bool) & rows["number"].notna()
    reasons = pd.Series(None, index=rows.index, dtype=object)
    if not candidate.any():
        return reasons
    chosen = rows[candidate]
    for _, series in chosen.groupby([chosen["file"], chosen["measure"], chosen["area"]], sort=False):
        values = series["number"]
        if len(values) >= FRACTION_MONTHS and values.between(0, 1).all() and (values > 0).any():
            reasons[series.index] = (
                f"every month of this percentage is between 0 and 1 ({values.min():g} to {values.max():g}): fractions, "
                "not percentages; write 84.2 for 84.2%, or format the cells as a percentage"
            )
    return reasons


def _month_start(texts: pd.Series) -> pd.DataFrame:
    """Each month cell's first day (NaT unless YYYY-MM from 2000 on), and whether it is blank."""
    stripped = texts.str.strip()
    parts = stripped.str.extract(r"^(\d{4})-(\d{2})$").astype(float)
    good = parts[0].notna() & parts[1].between(1, 12) & (parts[0] >= 2000)
    start = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[ns]")
    start[good] = pd.to_datetime(stripped[good] + "-01", format="%Y-%m-%d")
    return pd.DataFrame({"start": start, "blank": stripped == ""})


def _reject_duplicates(rows: pd.DataFrame, reject) -> None:
    """The same measure, indicator (case and spacing aside), area and month twice, in one file
    or two: the later row is rejected, naming the first."""
    good = rows["reason"].isna()
    key = _row_key([rows["measure"], validation.name_key(rows["name"]), rows["area_name"], rows["period_start"]])[good]
    repeated = key.duplicated(keep="first")
    if not repeated.any():
        return
    first = key.index.to_series().groupby(key.to_numpy()).transform("first")
    first_file, first_row = rows.loc[first, "file"].to_numpy(), rows.loc[first, "row"].to_numpy()
    same_file = rows.loc[key.index, "file"].to_numpy() == first_file
    reason = pd.Series(
        [
            f"duplicates row {r} (same measure, area and month)"
            if same
            else f"duplicates {f} row {r} (same measure, area and month)"
            for f, r, same in zip(
                first_file[repeated.to_numpy()], first_row[repeated.to_numpy()], same_file[repeated.to_numpy()]
            )
        ],
        index=key.index[repeated.to_numpy()],
    )
    reject(
        pd.Series(False, index=rows.index).mask(repeated.reindex(rows.index, fill_value=False), True),
        "month",
        lambda r: reason[r.index],
    )


def _row_key(columns: list[pd.Series]) -> pd.Series:
    """One integer per distinct combination of the columns' values (nulls equal to each other),
    from each column's codes: comparing a million rows by four text columns costs a hash each."""
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        if (int(key.max(initial=0)) + 1) * (len(uniques) + 1) >= 2**62:
            key, _ = pd.factorize(key)  # renumbered below the row count, so the product never overflows
        key = key * (len(uniques) + 1) + codes
    return pd.Series(key, index=columns[0].index)


def _measures(rows: pd.DataFrame, catalogue: Catalogue, matcher, stated_unit: pd.Series) -> pd.Series:
    """The catalogue id of each row (None for an unknown id in the long form; a wide-form wording
    nothing matches is UNMAPPED), worked out once per distinct wording and stated unit."""
    by_id = rows["by_id"].astype(bool)
    units = stated_unit.where(stated_unit.notna() & stated_unit.ne(""), "")
    keys = rows["name"].str.strip() + "\x00" + units + "\x00" + by_id.map({True: "id", False: "name"})

    def measure_of(key: str):
        wording, unit, form = key.split("\x00")
        if form == "id":
            return wording if wording in catalogue.measures else None
        return matcher.measure_of(wording, unit or None)

    return validation.by_unique(keys, lambda u: u.map(measure_of)).astype("str")


def _areas(written: pd.Series, known_areas: pd.DataFrame) -> pd.DataFrame:
    """Each row's area by name (case aside); the one with a GSS code where a name has several."""
    table = known_areas.sort_values("area_code", na_position="last")
    table = table.assign(_key=table["area_name"].str.casefold()).drop_duplicates("_key")
    lookup = table.set_index("_key")[["area_code", "old_la_code", "area_name", "area_level"]]
    return validation.by_unique(written, lambda u: lookup.reindex(u.str.strip().str.casefold()).reset_index(drop=True))


def _figures(rows: pd.DataFrame, source: Source) -> pd.DataFrame:
    distinct = validation.by_unique
    period = distinct(
        rows["month"],
        lambda u: pd.DataFrame(
            {
                "start": (start := pd.to_datetime(u.str.strip() + "-01", format="%Y-%m-%d")),
                "end": start + pd.offsets.MonthEnd(0),
                "label": start.dt.strftime("%B %Y"),
            }
        ),
    )
    figures = pd.DataFrame(
        {
            "measure": rows["measure"],
            "label": distinct(rows["name"], lambda u: u.str.strip()),
            "area_code": rows["area_code"],
            "old_la_code": rows["old_la_code"],
            "area_name": rows["area_name"],
            "area_level": rows["area_level"],
            "period_start": period["start"],
            "period_end": period["end"],
            "period_label": period["label"],
            "frequency": "month",  # a scorecard row is a calendar month
            "kind": "level",
            "value": rows["number"],
            "as_written": distinct(rows["value"], lambda u: u.str.strip()),
            "unit": rows["unit"],
            "bound": "exact",
            "numerator": rows["numerator_number"],
            "denominator": rows["denominator_number"],
            "source_id": source.id,
            "locator": schema.joined_text(
                rows["file"], ", row ", rows["row"], _ref_words(rows["ref"]), ", column ", rows["value_column"]
            ),
            "quote": schema.joined_text(rows["name"], " ", rows["month"], " = ", rows["value"]),
            "status": "reported",
            "tags": distinct(rows["target"] + "\x00" + rows["tolerance"], lambda u: u.map(_target_flags)),
            "note": distinct(rows["note"], lambda u: u.str.strip().where(u.str.strip() != "")),
        }
    )
    return schema.conform(figures.reset_index(drop=True))


def _ref_words(refs: pd.Series) -> pd.Series:
    """ " (ref CP01)" where the file gives the indicator a reference, else nothing."""
    stripped = refs.str.strip()
    return stripped.where(stripped == "", " (ref " + stripped + ")")


def _target_flags(cells: str) -> tuple[str, ...]:
    """The target (and its tolerance) the file states for the row: kept with each figure, and read
    as a target of that measure and area by analysis/targets.py (source: the file and cell)."""
    target, tolerance = (part.strip().rstrip("%").strip() for part in cells.split("\x00"))
    if not target:
        return ()
    return (f"target_stated={target}", *([f"target_tolerance={tolerance}"] if tolerance else ()))


def read(source: Source, catalogue: Catalogue, so_far: pd.DataFrame):
    """The registry's entry point: (figures, rejected rows). Areas are checked against those read so far."""
    return read_scorecard_folder(source, catalogue, AreaLookup.from_figures(so_far), area_table(so_far))
