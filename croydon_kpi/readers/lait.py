"""Read the DfE Local Authority Interactive Tool (LAIT) long file into figures.

LAIT holds the latest revision of ~430 series for every authority, region and England. Its
`Values` column is text: "-" where there is no figure (kept as a symbol), and numbers written
as binary floats ("56.400000000000006"), which are rounded to 6 places to undo the float noise
without touching any published digit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from croydon_kpi.catalogue.measures import Measure, Source
from croydon_kpi.catalogue.regions import region_words
from croydon_kpi.core import schema, validation
from croydon_kpi.core.areas import AreaLookup
from croydon_kpi.core.periods import parse_period, period_columns
from croydon_kpi.errors import InputError, ParseError

REQUIRED_COLUMNS = ["Short Desc", "Years", "LA and Regions", "Values", "LA Number"]
ENGLAND_NUMBER = 970  # LAIT numbers regions above 970; authorities run from 201 to 943


def read_table(source: Source, short_descs: set[str]) -> pd.DataFrame:
    try:
        table = pd.read_parquet(source.path, columns=REQUIRED_COLUMNS)
    except FileNotFoundError:
        raise InputError(source.path, None, "file not found") from None
    except Exception as error:  # pyarrow raises several types for a file that is not Parquet
        raise InputError(
            source.path, None, f"not a readable Parquet file with columns {REQUIRED_COLUMNS} ({error})"
        ) from None
    table["_row"] = np.arange(len(table))
    return table.loc[table["Short Desc"].isin(short_descs)]


def _areas(rows: pd.DataFrame, lookup: AreaLookup, source: Source) -> pd.DataFrame:
    number = pd.to_numeric(rows["LA Number"], errors="coerce")
    bad = number.isna() | (number != number.round())
    if bad.any():
        row = rows.loc[bad].iloc[0]
        raise InputError(
            source.path,
            f"row {row['_row']}, column LA Number",
            f"{str(row['LA Number'])[:20]!r} is not an LA number (a whole number)",
        )
    number = number.astype("Int64")
    level = np.where(
        number == ENGLAND_NUMBER, "national", np.where(number > ENGLAND_NUMBER, "regional", "local_authority")
    )
    # a region as DfE's EES files name it (data/catalogue/regions.yaml: "London (Inner)" is Inner London)
    words = region_words()
    lait_names = [
        words.get(str(n).lower(), n) if area_level == "regional" else n
        for n, area_level in zip(rows["LA and Regions"], level)
    ]
    old_codes = number.astype("string").where(level == "local_authority")
    codes, names = [], []
    for old_code, area_level, lait_name in zip(old_codes.fillna(""), level, lait_names):
        if area_level == "local_authority":
            # DfE's EES code and spelling where the old code is known there; LAIT's name otherwise.
            code, name = lookup.by_old_code.get(old_code, (None, lait_name))
        else:
            code, name = lookup.by_region_name.get(lait_name), lait_name
        codes.append(code)
        names.append(name)
    return pd.DataFrame(
        {"area_code": codes, "old_la_code": old_codes, "area_name": names, "area_level": level}, index=rows.index
    )


def _values(rows: pd.DataFrame, source: Source) -> tuple[pd.Series, pd.Series]:
    raw = rows["Values"].fillna("-").astype(str).str.strip()
    is_symbol = raw.isin(schema.SUPPRESSION_SYMBOLS)
    numbers = pd.to_numeric(raw.where(~is_symbol), errors="coerce")
    numbers = numbers.where(np.isfinite(numbers))  # "inf" and "1e309" are not figures
    bad = numbers.isna() & ~is_symbol
    if bad.any():
        row = rows.loc[bad].iloc[0]
        raise InputError(
            source.path,
            f"row {row['_row']}, column Values",
            f"{row['Values']!r} is neither a number nor a symbol {sorted(schema.SUPPRESSION_SYMBOLS)}",
        )
    return numbers.round(6), raw.where(is_symbol, None)


def figures_for(
    table: pd.DataFrame, measure: Measure, mapping: dict, source: Source, lookup: AreaLookup
) -> pd.DataFrame:
    rows = table.loc[table["Short Desc"] == mapping["short_desc"]]
    if rows.empty:
        raise InputError(
            source.path, None, f"no rows with Short Desc {mapping['short_desc']!r} (catalogue measure {measure.id})"
        )
    periods = []
    for row_number, year in zip(rows["_row"], rows["Years"]):
        try:
            periods.append(parse_period(mapping["period"], year))
        except ParseError as error:
            raise InputError(source.path, f"row {row_number}, column Years", str(error)) from None
    values, symbols = _values(rows, source)
    found = validation.first_out_of_range(values, rows["Values"], measure.unit)  # refused as every reader refuses it
    if found:
        first, reason = found
        raise InputError(source.path, f"row {rows.loc[first, '_row']}, column Values", reason)
    figures = _areas(rows, lookup, source).assign(
        measure=measure.id,
        label=mapping.get("label") or mapping["short_desc"],
        **period_columns(mapping["period"], periods),
        kind="level",
        value=values,
        as_written=rows["Values"],
        unit=measure.unit,
        bound="exact",
        symbol=symbols,
        source_id=source.id,
        locator="row " + rows["_row"].astype(str),
        quote=mapping["short_desc"] + " " + rows["Years"] + " = " + rows["Values"].fillna(""),
        status="published_statistic",
        tags=symbols.map(lambda s: (f"suppressed={s}",) if isinstance(s, str) else ()),
        note=symbols.map(lambda s: schema.SUPPRESSION_SYMBOLS.get(s) if isinstance(s, str) else None),
    )
    duplicated = figures.duplicated(["old_la_code", "area_name", "period_start", "period_end"], keep=False)
    if duplicated.any():
        rows_named = figures.loc[duplicated, "locator"].head(2).tolist()
        raise InputError(
            source.path, " and ".join(rows_named), f"two values for the same area and year ({mapping['short_desc']})"
        )
    return figures


def read_lait(source: Source, mappings: list[tuple[Measure, dict]], lookup: AreaLookup) -> pd.DataFrame:
    table = read_table(source, {mapping["short_desc"] for _, mapping in mappings})
    frames = [figures_for(table, measure, mapping, source, lookup) for measure, mapping in mappings]
    return schema.conform(pd.concat(frames, ignore_index=True)) if frames else schema.empty_figures()


def read(source: Source, catalogue, so_far: pd.DataFrame):
    """The registry's entry point. LAIT lacks GSS codes: they are borrowed from the figures read so far."""
    return read_lait(source, catalogue.mappings(source.id), AreaLookup.from_figures(so_far)), None
