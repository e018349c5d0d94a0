"""What a figure's value may be, declared once for every reader: how a number is written, the
range each unit allows, and how a value agrees with its numerator and denominator.

Every check works on whole columns (a 100,000-row scorecard is checked in well under a second)
and answers with a reason per row (None where the row is good), in words a user can act on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class UnitRule:
    low: float | None  # the smallest value the unit allows
    high: float | None  # the largest
    percent_sign: bool  # may the value be written with a % sign?
    what: str  # the unit in words, for messages


UNITS = {
    "percent": UnitRule(0, 100, True, "a percentage"),
    "count": UnitRule(0, None, False, "a count"),
    "rate_per_10k": UnitRule(0, 10_000, False, "a rate per 10,000 children"),
    "rate_per_100k": UnitRule(0, 100_000, False, "a rate per 100,000"),
    "fte": UnitRule(0, None, False, "a number of full-time equivalent posts"),
    "days": UnitRule(0, None, False, "a number of days"),
    "ratio": UnitRule(0, None, False, "a ratio"),
    "gbp": UnitRule(None, None, False, "an amount of money"),
}

# Digits with an optional decimal part; thousands may be grouped by commas only in threes
# (1,234 and 12,345.6, never 16,6: a decimal comma would silently read ten times too big).
NUMBER = r"(?P<number>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
WRITTEN = rf"^\s*{NUMBER}\s*(?P<percent>%)?\s*$"
MAX_MAGNITUDE = 1e15  # larger than any figure a council publishes; 1e309 is not a figure


def by_unique(series: pd.Series, work) -> pd.Series | pd.DataFrame:
    """`work` done once per distinct value and spread back over the rows: a scorecard's million
    cells hold a few thousand distinct texts, so checks cost what the distinct texts cost."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    done = _text_typed(work(pd.Series(uniques, dtype=object)))
    return done.iloc[codes].set_axis(series.index)  # a take: no per-row Python


def _text_typed(done: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """Text results typed as text on the distinct values, so that spreading them over a million
    rows is an Arrow take rather than a million Python strings."""
    if isinstance(done, pd.DataFrame):
        return done.apply(_text_typed) if len(done.columns) else done
    if done.dtype == object and len(done) and pd.api.types.infer_dtype(done, skipna=True) == "string":
        return done.astype("str")
    return done


def parse_numbers(text: pd.Series) -> pd.DataFrame:
    """Columns value (float, NaN where unreadable), percent (bool: written with %), problem."""
    return by_unique(text.fillna("").astype(str), _parse_numbers)


def _parse_numbers(text: pd.Series) -> pd.DataFrame:
    parts = text.str.extract(WRITTEN)
    values = pd.to_numeric(parts["number"].str.replace(",", "", regex=False), errors="coerce")
    problem = pd.Series(None, index=text.index, dtype=object)
    decimal_comma = parts["number"].isna() & text.str.fullmatch(r"\s*-?\d+,\d{1,2}\s*%?\s*")
    problem[parts["number"].isna()] = "'" + text.str.strip().str.slice(0, 40) + "' is not a number"
    problem[decimal_comma] = (
        "'" + text.str.strip() + "' is not a number: a comma may only group thousands (write 16.6, not 16,6)"
    )
    too_big = values.abs() > MAX_MAGNITUDE
    problem[too_big] = "'" + text.str.strip().str.slice(0, 40) + "' is too large to be a figure"
    values[problem.notna()] = np.nan
    return pd.DataFrame({"value": values, "percent": parts["percent"].notna(), "problem": problem})


def range_problems(values: pd.Series, written: pd.Series, percent_sign: pd.Series, units: pd.Series) -> pd.Series:
    """Why each value is not one its unit allows (None if it is). Messages are written for the
    refused rows only."""
    problem = pd.Series(None, index=values.index, dtype=object)
    shown = lambda mask: written[mask].astype(str).str.strip()
    for unit in units.dropna().unique():
        rule = UNITS.get(unit)
        if rule is None:
            continue
        mine = units == unit
        if not rule.percent_sign:
            signed = mine & percent_sign & problem.isna()
            problem[signed] = shown(signed) + f" has a % sign, but the measure is {rule.what}"
        if unit == "percent":
            outside = mine & ((values < 0) | (values > 100)) & problem.isna()
            problem[outside] = shown(outside) + " is not a percentage between 0 and 100"
            continue
        if rule.low is not None:
            low = mine & (values < rule.low) & problem.isna()
            problem[low] = "negative value " + shown(low) + f" for a {unit}"
        if rule.high is not None:
            high = mine & (values > rule.high) & problem.isna()
            problem[high] = shown(high) + f" is more than {rule.high:,} for {rule.what}"
    return problem


def first_out_of_range(values: pd.Series, written: pd.Series, unit: str):
    """(row label, reason) of the first value one unit does not allow, or None: for readers of
    published files, which refuse the whole file at its first bad cell."""
    index = values.index
    problems = range_problems(values, written.astype(str), pd.Series(False, index=index), pd.Series(unit, index=index))
    if not problems.notna().any():
        return None
    first = problems.notna().idxmax()
    return first, problems[first]


def ratio_problems(values: pd.Series, numerators: pd.Series, denominators: pd.Series, units: pd.Series) -> pd.Series:
    """Numerator and denominator that cannot stand beside the value: negative, a numerator over
    its denominator for a percentage, or a percentage more than one point from numerator /
    denominator (rounding allowed)."""
    problem = pd.Series(None, index=values.index, dtype=object)
    if numerators.isna().all() and denominators.isna().all():  # none given (a wide scorecard): nothing to compare
        return problem
    for name, part in (("numerator", numerators), ("denominator", denominators)):
        problem[(part < 0) & problem.isna()] = f"negative {name}"
    both = numerators.notna() & denominators.notna()
    percent = (units == "percent") & both & problem.isna()
    problem[percent & (numerators > denominators)] = "the numerator is larger than the denominator of a percentage"
    problem[percent & (denominators == 0) & (numerators > 0) & problem.isna()] = "a denominator of 0 under a numerator"
    computed = 100 * numerators / denominators.where(denominators != 0)
    disagree = percent & problem.isna() & computed.notna() & ((values - computed).abs() > 1)
    if disagree.any():
        problem[disagree] = (
            "the value "
            + values[disagree].map("{:g}".format)
            + " is not numerator / denominator ("
            + computed[disagree].map("{:.1f}".format)
            + "%)"
        )
    return problem


def name_key(names: pd.Series) -> pd.Series:
    """Names as compared for uniqueness: case, spacing and a trailing space never make two rows."""
    return by_unique(
        names.fillna("").astype(str), lambda u: u.str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()
    )
