"""The columns a case-management export carries beside its months, by the names exports give them
(case and spacing aside), and what their cells say: a polarity, a unit."""

from __future__ import annotations

import re

import pandas as pd

from croydon_kpi.catalogue.measures import Catalogue
from croydon_kpi.core import validation

# role -> the headers that mean it. A header that is none of these must be a month.
WIDE_ROLES = {
    "indicator": ("indicator", "indicator name", "indicator description", "kpi", "kpi name", "description"),
    "area": ("area", "local authority", "authority", "la", "council"),
    "ref": ("ref", "ref.", "reference", "id", "indicator id", "indicator ref", "kpi ref", "code", "no", "no."),
    "polarity": ("polarity", "direction", "good is", "better if", "good performance is"),
    "target": ("target", "target value", "annual target"),
    "tolerance": ("tolerance", "amber tolerance", "target tolerance"),
    "unit_stated": ("unit", "units", "unit of measure", "measure type", "format"),
    "note": ("notes", "note", "comments", "comment", "commentary", "narrative"),
}
REQUIRED_ROLES = ("indicator", "area")

# What a polarity cell says -> the catalogue's polarity ("" and the like: the file says nothing).
_POLARITY_WORDS = {
    "higher_is_better": (
        "higher is better",
        "high is good",
        "high is better",
        "higher",
        "high",
        "up",
        "increase",
        "bigger is better",
        "more is better",
        "+",
        "↑",
    ),
    "lower_is_better": (
        "lower is better",
        "low is good",
        "low is better",
        "lower",
        "low",
        "down",
        "decrease",
        "smaller is better",
        "less is better",
        "↓",
    ),
    "neutral": ("neutral", "none", "no polarity", "n/a", "na", "not applicable", "contextual", "context", "-", ""),
}
# What a unit cell says -> the catalogue's unit.
_UNIT_WORDS = {
    "percent": ("%", "percent", "percentage", "per cent", "pct", "proportion"),
    "count": ("number", "count", "no.", "no", "n", "#", "num", "volume"),
    "rate_per_10k": ("rate per 10,000", "rate per 10000", "per 10,000", "per 10k", "rate per 10k"),
    "rate_per_100k": ("rate per 100,000", "per 100,000", "per 100k"),
    "days": ("days", "day", "average days"),
    "gbp": ("£", "gbp", "pounds", "£m", "money"),
    "fte": ("fte", "full-time equivalent"),
    "ratio": ("ratio", "average", "mean"),
}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def wide_roles(columns: list[str], month_from_header) -> dict[str, str] | None:
    """role -> the file's column, if the columns are a wide scorecard (an indicator and an area
    column, any order); None if they are not. A header that is a month is never a role."""
    roles = {}
    for column in columns:
        if month_from_header(column) is not None:
            continue
        for role, names in WIDE_ROLES.items():
            if _key(column) in names and role not in roles:
                roles[role] = column
                break
    return roles if all(role in roles for role in REQUIRED_ROLES) else None


def polarity_of(text: str) -> str | None:
    """The polarity a cell states (higher_is_better, lower_is_better, neutral), or None if its
    words are not one the reader knows."""
    said = _key(text)
    for polarity, words in _POLARITY_WORDS.items():
        if said in words:
            return polarity
    return None


def unit_of(text: str) -> str | None:
    """The catalogue unit a unit cell states; "" for a blank cell; None for words not known."""
    said = _key(text)
    if not said:
        return ""
    for unit, words in _UNIT_WORDS.items():
        if said in words:
            return unit
    return None


def polarity_words() -> str:
    return ", ".join(words[0] for words in _POLARITY_WORDS.values())


def unit_words() -> str:
    return ", ".join(f"{words[0]} ({unit})" for unit, words in _UNIT_WORDS.items())


def check_stated_columns(rows: pd.DataFrame, catalogue: Catalogue, stated_unit: pd.Series, reject) -> None:
    """A file's polarity, unit, target and tolerance for a row: each must be readable, and a
    polarity or unit the measure contradicts is refused naming the row."""
    distinct = validation.by_unique
    measure_of = lambda column: distinct(  # noqa: E731 - one short lookup per distinct id
        rows["measure"],
        lambda u: u.map(lambda m: getattr(catalogue.measures[m], column) if m in catalogue.measures else None),
    )
    stated_polarity = distinct(rows["polarity"], lambda u: u.map(polarity_of))
    reject(
        stated_polarity.isna(),
        "polarity",
        lambda r: "polarity " + r["polarity"].map(repr) + f" is not one the reader knows; expected {polarity_words()}",
    )
    polarity = measure_of("polarity")
    opposite = {"higher_is_better": "lower_is_better", "lower_is_better": "higher_is_better"}
    contradicts = stated_polarity.map(opposite).eq(polarity) & polarity.notna()
    reject(
        contradicts,
        "polarity",
        lambda r: "polarity " + r["polarity"].map(repr) + " contradicts the measure's (" + polarity[r.index] + ")",
    )
    unit = measure_of("unit")
    mismatched = stated_unit.fillna("").ne("") & unit.notna() & stated_unit.ne(unit)
    reject(
        mismatched,
        "unit_stated",
        lambda r: "unit " + r["unit_stated"].map(repr) + " but the measure is in " + unit[r.index],
    )
    for part in ("target", "tolerance"):
        given = distinct(rows[part], lambda u: u.str.strip() != "")
        parsed = validation.parse_numbers(rows[part])
        reject(given & parsed["problem"].notna(), part, lambda r, part=part: r[part].map(repr) + " is not a number")
        rows[f"{part}_column"] = part
        if part == "target":  # checked as the value column is: 950 is no percentage's target
            out_of_range = validation.range_problems(parsed["value"], rows[part], parsed["percent"], unit)
            reject(given & out_of_range.notna(), part, lambda r, found=out_of_range: "target " + found[r.index])
