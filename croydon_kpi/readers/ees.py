"""Read DfE Explore Education Statistics CSV files into figures, as the catalogue's mappings say.

Every area row of a mapped measure becomes a figure: a suppression symbol is kept in `symbol`
with the value missing (never zero), and a cell that is neither a number nor a known symbol
stops the load with the file, line and column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from croydon_kpi.catalogue.ees_tables import AREA_KEYS, read_table
from croydon_kpi.catalogue.measures import Measure, Source
from croydon_kpi.core import schema, validation
from croydon_kpi.core.periods import parse_period, period_columns
from croydon_kpi.errors import InputError

AREA_LEVELS = {"National": "national", "Regional": "regional", "Local authority": "local_authority"}


def _areas(table: pd.DataFrame, source: Source) -> pd.DataFrame:
    levels = table["geographic_level"].map(AREA_LEVELS)
    unknown = table.loc[levels.isna()]
    if len(unknown):
        row = unknown.iloc[0]
        raise InputError(
            source.path,
            f"line {row['_line']}, column geographic_level",
            f"unknown level {row['geographic_level']!r}, expected one of {list(AREA_LEVELS)}",
        )
    la = levels == "local_authority"
    region = levels == "regional"
    code = np.where(la, table["new_la_code"], np.where(region, table["region_code"], table["country_code"]))
    name = np.where(la, table.get("la_name", ""), np.where(region, table.get("region_name", ""), table["country_name"]))
    return pd.DataFrame(
        {
            "area_code": pd.Series(code, index=table.index).replace("", pd.NA),
            "old_la_code": table["old_la_code"].where(la, "").replace("", pd.NA),
            "area_name": name,
            "area_level": levels,
        }
    )


def parse_cells(table: pd.DataFrame, column: str, source: Source) -> tuple[pd.Series, pd.Series]:
    """(numbers, symbols) for a column: a symbol gives a missing number; anything else unknown is an error."""
    if column not in table:
        raise InputError(source.path, "line 1", f"no column {column!r} (the catalogue maps a measure to it)")
    raw = table[column].str.strip()
    is_symbol = raw.isin(schema.SUPPRESSION_SYMBOLS)
    numbers = pd.to_numeric(raw.where(~is_symbol & (raw != "")), errors="coerce")
    numbers = numbers.where(np.isfinite(numbers))  # "inf" and "1e309" are not figures
    bad = numbers.isna() & ~is_symbol & (raw != "")
    if bad.any():
        row = table.loc[bad].iloc[0]
        raise InputError(
            source.path,
            f"line {row['_line']}, column {column}",
            f"{row[column]!r} is neither a number nor a DfE symbol {sorted(schema.SUPPRESSION_SYMBOLS)}",
        )
    return numbers, raw.where(is_symbol, None)


def check_range(rows: pd.DataFrame, values: pd.Series, column: str, unit: str, source: Source) -> None:
    """The first value its unit does not allow, as every reader refuses it (core/validation.py)."""
    found = validation.first_out_of_range(values, rows[column], unit)
    if found:
        first, reason = found
        raise InputError(source.path, f"line {rows.loc[first, '_line']}, column {column}", reason)


def _select(table: pd.DataFrame, conditions: dict, source: Source, where: str) -> pd.DataFrame:
    chosen = pd.Series(True, index=table.index)
    for column, wanted in (conditions or {}).items():
        if column not in table:
            raise InputError(source.path, "line 1", f"no column {column!r} ({where})")
        chosen &= table[column] == str(wanted)
    return table.loc[chosen]


def _check_unique(rows: pd.DataFrame, source: Source, measure: Measure) -> None:
    duplicated = rows.duplicated(AREA_KEYS, keep=False)
    if duplicated.any():
        lines = rows.loc[duplicated, "_line"].head(2).tolist()
        raise InputError(
            source.path,
            f"lines {lines[0]} and {lines[1]}",
            f"two rows for the same period and area (measure {measure.id})",
        )


def _denominator(table: pd.DataFrame, rows: pd.DataFrame, mapping: dict, source: Source) -> pd.Series:
    if mapping.get("denominator"):
        return parse_cells(rows, mapping["denominator"], source)[0]
    if mapping.get("denominator_sum"):
        parts = [parse_cells(rows, column, source)[0] for column in mapping["denominator_sum"]]
        return sum(parts[1:], parts[0])
    if mapping.get("denominator_row"):
        totals = _select(
            table, {**(mapping.get("filter") or {}), **mapping["denominator_row"]}, source, "denominator_row"
        )
        column = mapping["numerator"]
        values = parse_cells(totals, column, source)[0].rename("_denominator")
        keyed = totals[AREA_KEYS].join(values)
        merged = rows[AREA_KEYS].reset_index().merge(keyed, on=AREA_KEYS, how="left").set_index("index")
        return merged["_denominator"].reindex(rows.index)
    return pd.Series(np.nan, index=rows.index)


def _label(mapping: dict) -> str:
    if mapping.get("label"):
        return mapping["label"]
    condition = ", ".join(f"{value}" for value in (mapping.get("filter") or {}).values())
    return f"{mapping['value']} ({condition})" if condition else mapping["value"]


def figures_for(table: pd.DataFrame, measure: Measure, mapping: dict, source: Source) -> pd.DataFrame:
    rows = _select(table, mapping.get("filter"), source, f"filter of {measure.id}")
    if rows.empty:
        raise InputError(
            source.path, None, f"no rows match the catalogue's filter for {measure.id}: {mapping.get('filter')}"
        )
    _check_unique(rows, source, measure)
    values, symbols = parse_cells(rows, mapping["value"], source)
    check_range(rows, values, mapping["value"], measure.unit, source)
    numerator = parse_cells(rows, mapping["numerator"], source)[0] if mapping.get("numerator") else np.nan
    if mapping.get("numerator"):
        check_range(rows, numerator, mapping["numerator"], "count", source)
    periods = _periods(rows, mapping["period"], source)
    figures = _areas(rows, source).assign(
        measure=measure.id,
        label=_label(mapping),
        **period_columns(mapping["period"], periods),
        kind="level",
        value=values,
        as_written=rows[mapping["value"]],
        unit=measure.unit,
        bound="exact",
        numerator=numerator,
        denominator=_denominator(table, rows, mapping, source),
        symbol=symbols,
        source_id=source.id,
        locator="line " + rows["_line"].astype(str),
        quote=mapping["value"] + " = " + rows[mapping["value"]],
        status="published_statistic",
        tags=symbols.map(lambda s: (f"suppressed={s}",) if isinstance(s, str) else ()),
        note=symbols.map(lambda s: schema.SUPPRESSION_SYMBOLS.get(s) if isinstance(s, str) else None),
    )
    return figures


def _periods(rows: pd.DataFrame, period_type: str, source: Source) -> list:
    """Each row's period, worked out once per distinct year (an error names the first line with it)."""
    first_line = rows.groupby("time_period", sort=False)["_line"].first()
    parsed = {year: _period(period_type, year, line, source) for year, line in first_line.items()}
    return [parsed[year] for year in rows["time_period"]]


def _period(period_type: str, year: str, line: int, source: Source):
    from datetime import date

    from croydon_kpi.errors import ParseError

    try:
        found = parse_period(period_type, year)
    except ParseError as error:
        raise InputError(source.path, f"line {line}, column time_period", str(error)) from None
    if found.end > date.today() or found.start.year < 2000:
        raise InputError(source.path, f"line {line}, column time_period", f"{year!r} is outside 2000 to today")
    return found


def read_ees(source: Source, mappings: list[tuple[Measure, dict]]) -> pd.DataFrame:
    table = read_table(source)
    frames = [figures_for(table, measure, mapping, source) for measure, mapping in mappings]
    return schema.conform(pd.concat(frames, ignore_index=True)) if frames else schema.empty_figures()


def read(source: Source, catalogue, so_far: pd.DataFrame):
    """The registry's entry point: (figures, no rejections)."""
    return read_ees(source, catalogue.mappings(source.id)), None
