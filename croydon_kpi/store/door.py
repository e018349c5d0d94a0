"""The store's door: every reader's figures are checked here, once, as they enter the store,
against the schema (core/schema.py), the catalogue's measures and money natures, and the range
each unit allows (core/validation.py). Whole columns at a time; a failure is one SchemaViolation
listing every problem (the shape of pandera's SchemaErrors, with its reason codes).
"""

from __future__ import annotations

import pandas as pd

from croydon_kpi.catalogue.measures import MONEY_NATURES, Catalogue
from croydon_kpi.core import project, schema, validation
from croydon_kpi.errors import SchemaProblem, SchemaViolation

# Reason codes, named as pandera's SchemaErrorReason names its own.
NOT_IN_VOCABULARY = "not_in_vocabulary"
NULL_REQUIRED = "null_required"
OUT_OF_RANGE = "out_of_range"
COLUMN_MISSING = "column_missing"

# Columns every reader fills for every figure: what it is, where and whence. Periods, codes and
# quotes may be missing (an undated figure, an area with no GSS code, a generated figure).
REQUIRED = (
    "measure",
    "label",
    "area_name",
    "area_level",
    "frequency",  # an undated figure says so ("undated"): a null would let a month meet a year unseen
    "kind",
    "unit",
    "bound",
    "source_id",
    "locator",
    "status",
)

# Closed vocabularies, column -> the values allowed (a null is the required check's business).
VOCABULARIES = {
    "kind": schema.KINDS,
    "frequency": schema.FREQUENCIES,
    "status": schema.STATUSES,
    "unit": schema.UNITS,
    "bound": schema.BOUNDS,
    "area_level": schema.AREA_LEVELS,
    "reported_rag": schema.REPORTED_RAGS,
    "symbol": tuple(schema.SUPPRESSION_SYMBOLS),
}
MONEY_NATURE_FLAG = "money_nature"  # the finance reader's flag: money_nature=recurring, ... or not_stated
MONEY_NATURE_VALUES = (*MONEY_NATURES, "not_stated")
UNRANGED_KINDS = ("change",)  # a change may fall: -5 percentage points is a change, not a percentage


def admitted(figures: pd.DataFrame, source, catalogue: Catalogue) -> pd.DataFrame:
    """The reader's figures in the store's columns and types, or SchemaViolation naming every problem."""
    if not len(figures):
        return schema.empty_figures()
    missing = [column for column in REQUIRED if column not in figures]
    conformed = schema.conform(figures)
    found = [
        _column_missing(missing),
        *(_nulls(conformed, column) for column in REQUIRED if column not in missing),
        *(_outside(conformed, column, allowed) for column, allowed in VOCABULARIES.items()),
        _unknown_measures(conformed, catalogue),
        _money_natures(conformed),
        _out_of_range(conformed),
    ]
    problems = [problem for rows in found for problem in _problems(rows, source)]
    if problems:
        raise SchemaViolation(source.path, problems)
    return conformed


# Each check answers with a frame of the rows it refuses: locator, column, found, expected, reason.
_FOUND = ["locator", "column", "found", "expected", "reason"]


def _refused(rows: pd.DataFrame, mask: pd.Series, column: str, found, expected: str, reason: str):
    """The refused rows' problems as a frame; None when no row is refused (the usual case, kept cheap)."""
    if not mask.any():
        return None
    found = found[mask] if isinstance(found, pd.Series) else found
    return pd.DataFrame(
        {"locator": rows.loc[mask, "locator"], "column": column, "found": found, "expected": expected}
    ).assign(reason=reason)


def _column_missing(missing: list[str]) -> pd.DataFrame | None:
    if not missing:
        return None
    return pd.DataFrame(
        {
            "locator": None,
            "column": missing,
            "found": "no such column",
            "expected": "a column",
            "reason": COLUMN_MISSING,
        }
    )


def _nulls(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    null = rows[column].isna()
    return _refused(rows, null, column, None, "a value in every row", NULL_REQUIRED)


def _outside(rows: pd.DataFrame, column: str, allowed: tuple) -> pd.DataFrame:
    outside = rows[column].notna() & ~rows[column].isin(allowed)
    return _refused(rows, outside, column, rows[column], f"one of {list(allowed)}", NOT_IN_VOCABULARY)


def _unknown_measures(rows: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    known = [*catalogue.measures, "unmapped"]
    outside = rows["measure"].notna() & ~rows["measure"].isin(known)
    expected = f"a measure id in {project.relative(project.catalogue_path())}, or 'unmapped'"
    return _refused(rows, outside, "measure", rows["measure"], expected, NOT_IN_VOCABULARY)


def _money_natures(rows: pd.DataFrame) -> pd.DataFrame:
    # Worked out once per distinct set of flags (a million rows hold a handful).
    natures = validation.by_unique(
        rows["tags"], lambda tags: tags.map(lambda held: schema.tag_value(held, MONEY_NATURE_FLAG))
    )
    outside = natures.notna() & ~natures.isin(MONEY_NATURE_VALUES)
    found = MONEY_NATURE_FLAG + "=" + natures.astype(str)
    return _refused(
        rows, outside, "tags", found, f"{MONEY_NATURE_FLAG}= one of {list(MONEY_NATURE_VALUES)}", NOT_IN_VOCABULARY
    )


def _out_of_range(rows: pd.DataFrame) -> pd.DataFrame:
    """Values their unit does not allow (validation.UNITS), for every kind that is a value of the unit."""
    ranged = rows["value"].notna() & ~rows["kind"].isin(UNRANGED_KINDS)
    refused = []
    for unit, rule in validation.UNITS.items():
        if rule.low is None and rule.high is None:  # money may be any amount, owed or held
            continue
        mine = ranged & (rows["unit"] == unit).fillna(False)
        too_low = rows["value"] < rule.low if rule.low is not None else False
        too_high = rows["value"] > rule.high if rule.high is not None else False
        outside = mine & (too_low | too_high)
        if outside.any():
            expected = f"{rule.what}: {_bounds(rule)}"
            refused.append(_refused(rows, outside, "value", rows["value"], expected, OUT_OF_RANGE))
    return pd.concat(refused) if refused else None


def _bounds(rule: validation.UnitRule) -> str:
    if rule.high is None:
        return f"at least {rule.low:,}"
    return f"between {rule.low:,} and {rule.high:,}"


def _problems(rows: pd.DataFrame, source) -> list[SchemaProblem]:
    """Problems for the refused rows only: valid figures cost no Python per row."""
    if rows is None or not len(rows):
        return []
    file = project.relative(source.path)
    return [
        SchemaProblem(source.id, file, _text(locator), column, _plain(found), expected, reason)
        for locator, column, found, expected, reason in rows[_FOUND].itertuples(index=False)
    ]


def _text(value) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _plain(value):
    """A value found, as plain Python (None for a null), so the error pickles and prints plainly."""
    if value is None or (not isinstance(value, (tuple, list)) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value
