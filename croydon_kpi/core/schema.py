"""The figure store's schema: one row per figure, and the vocabularies its columns take.

Definitions live here as data so that readers, tests and docs share one list.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Column -> pandas dtype. Order is the order of the store's columns.
FIGURE_COLUMNS: dict[str, str] = {
    "measure": "string",  # catalogue id, or "unmapped"
    "label": "string",  # the measure as the source names it
    "area_code": "string",  # GSS code (E09000008), or null where the source has none
    "old_la_code": "string",  # DfE's three-digit LA number (306), regions/England: LAIT's 9xx number
    "area_name": "string",
    "area_level": "string",  # national, regional, local_authority
    "period_start": "datetime64[ns]",
    "period_end": "datetime64[ns]",
    "period_label": "string",
    "frequency": "string",  # the period's type, one of FREQUENCIES: a month is never set against a year
    "available_from": "datetime64[ns]",  # when the figure could first be known (see periods.PUBLICATION_LAG_MONTHS)
    "kind": "string",  # level or change
    "value": "float64",  # missing where the source suppressed or did not give it
    "as_written": "string",  # the figure exactly as the source writes it: "£22.2m", "(79%)", "58", "c"
    "unit": "string",
    "bound": "string",
    "numerator": "float64",
    "denominator": "float64",
    "symbol": "string",  # the suppression symbol as published (c, k, low, u, x, z, -), else null
    "source_id": "string",
    "locator": "string",  # where in the source: "line 12" of a CSV, "row 88939" of a Parquet file
    "quote": "string",  # the text as read: a sentence, or "column = cell" for a statistics file
    "status": "string",
    # machine tokens as text, joined by TAG_SEPARATOR ("suppressed=c;qualifier=below_target"), "" for none:
    # a plain text column survives CSV and Parquet, and is not pandas' own DataFrame.flags
    "tags": "str",
    "note": "string",  # words for a reader
    "reported_rag": "string",  # the source's own category, where it states one
}

# A figure whose first statement is undated is not "known" at any month: no pack may show it. The
# latest day pandas can hold, so every "known by" comparison keeps it out without a special case.
NEVER_KNOWN = pd.Timestamp("2262-04-11")

# A row of a local file that could not be read as a figure: which file, where, what it held, why.
REJECTION_COLUMNS = ["file", "row", "column", "value", "reason"]

UNITS = ("count", "percent", "rate_per_10k", "rate_per_100k", "gbp", "fte", "ratio", "days")
KINDS = ("level", "change", "target", "comparator", "range", "forecast")  # papers state all six; series use levels
BOUNDS = ("exact", "at_least", "at_most", "approx")
STATUSES = ("reported", "published_statistic", "derived", "computed", "synthetic")
AREA_LEVELS = ("national", "regional", "local_authority")
# What kind of period a figure is for: every reader says (core/periods.py classifies dates; a
# reader overrides where it knows better, as a 31 March snapshot and a year to 31 March cannot be
# told apart by dates alone). Figures of different frequencies are never compared as a conflict,
# and store.series(frequency=...) keeps one kind: monthly figures are not interleaved with annual.
FREQUENCY_MEANINGS = {
    "month": "a calendar month: a scorecard row, a computed monthly figure, a paper's 'in October 2019'",
    "quarter": "three calendar months ending in March, June, September or December",
    "financial_year": "1 April to 31 March as a financial year: money (S251 outturn, a budget), a paper's '2018-19'",
    "year_to_31_march": "DfE's count or rate over the year to 31 March (children starting to be looked after)",
    "snapshot": "a count at one date: DfE's 31 March or 30 September, a paper's 'at 2 October'",
    "mid_year": "ONS's mid-year population estimate (at 30 June)",
    "other": "an irregular span a paper states: three months to October, two financial years together",
    "undated": "no period stated (such a figure stays in the store, never in a series)",
}
FREQUENCIES = tuple(FREQUENCY_MEANINGS)
POLARITIES = ("higher_is_better", "lower_is_better", "neutral")
DOMAIN_LABELS = {
    "front_door": "Front door",
    "early_help": "Early help",
    "cin": "Children in need",
    "cp": "Child protection",
    "cla": "Children looked after",
    "care_leavers": "Care leavers",
    "adoption": "Adoption",
    "disabled_children": "Disabled children",
    "private_fostering": "Private fostering",
    "exploitation": "Exploitation",
    "workforce": "Workforce",
    "health": "Health",
    "finance": "Finance",
    "population": "Population",
}
DOMAINS = tuple(DOMAIN_LABELS)
REPORTED_RAGS = ("going_well", "ones_to_watch", "do_better")

# DfE's symbols for a value that is not a number (methods.md §2); LAIT writes "-" for none.
SUPPRESSION_SYMBOLS = {
    "c": "confidential: a small count suppressed",
    "k": "rounds to 0 but is not 0",
    "low": "rounds to 0 but is not 0",
    "u": "low reliability",
    "x": "not available",
    "z": "not applicable",
    ":": "not available (legacy symbol)",
    "~": "rounds to 0 but is not 0 (legacy symbol)",
    "-": "no figure in the source",
}


def empty_figures() -> pd.DataFrame:
    """A store table with no rows and every column typed."""
    return conform(pd.DataFrame(columns=list(FIGURE_COLUMNS)))


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Put a frame into the store's column order and types; missing columns become null."""
    out = pd.DataFrame(index=frame.index)
    for column, dtype in FIGURE_COLUMNS.items():
        if column not in frame and column != "tags":  # typed nulls made directly: converting a million Nones costs
            out[column] = pd.Series(pd.NaT if dtype.startswith("datetime") else None, index=frame.index, dtype=dtype)
            continue
        values = frame[column] if column in frame else pd.Series(None, index=frame.index, dtype=object)
        if column == "tags":
            out[column] = pd.Series(_all_tags(values), index=frame.index, dtype="str")
        else:
            out[column] = (
                values.astype(dtype) if dtype != "datetime64[ns]" else pd.to_datetime(values).astype("datetime64[ns]")
            )
    # A reported figure is known once the period it describes has ended.
    out["available_from"] = out["available_from"].fillna(out["period_end"])
    return out.reset_index(drop=True)


def joined_text(*parts) -> pd.Series:
    """Texts joined row by row, as a locator or quote is built ("file" + ", row " + row ...):
    one Arrow pass over a million rows where `+` makes a new column per part. Each part is a
    column (converted to text) or a plain string; a null part makes the row null, as with `+`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    index = next(part.index for part in parts if isinstance(part, pd.Series))
    arrays = [
        pa.scalar(part, pa.large_string())
        if isinstance(part, str)
        else pa.array(part.astype("str").array).cast(pa.large_string())
        for part in parts
    ]
    joined = pc.binary_join_element_wise(*arrays, pa.scalar("", pa.large_string()))
    return pd.Series(pd.array(joined, dtype="str"), index=index)


def _all_tags(values) -> np.ndarray:
    """tags_text for a column, once per distinct value (a million rows hold a handful). Tuples,
    texts and nulls are grouped by pandas in C; lists or arrays (as read back from Parquet) by
    each value's tuple."""
    values = pd.Series(values, dtype=object) if not isinstance(values, pd.Series) else values.astype(object)
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
    except TypeError:  # lists or arrays: not hashable
        values = values.map(lambda v: tuple(v) if v is not None and not isinstance(v, (tuple, str, float)) else v)
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
    done = np.empty(len(uniques), dtype=object)
    for number, value in enumerate(uniques):  # element by element: numpy would unpack the tuples
        done[number] = tags_text(value)
    return done[codes]  # a take: no per-row Python


TAG_SEPARATOR = ";"


def tags_text(value) -> str:
    """A figure's tags as the store keeps them: tokens joined by TAG_SEPARATOR ("" for none),
    whatever form they came in (a tuple from a reader, text, a list read back, nothing). A token
    never holds the separator (a stated target "90;95" is kept as "90,95")."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    return TAG_SEPARATOR.join(str(token).replace(TAG_SEPARATOR, ",") for token in value if str(token))


def tags_of(text) -> tuple[str, ...]:
    """One figure's tags as a tuple of tokens."""
    text = tags_text(text)
    return tuple(text.split(TAG_SEPARATOR)) if text else ()


def has_tag(tags: pd.Series, *tokens: str) -> pd.Series:
    """Rows whose tags hold any of the tokens, matched whole (never as a substring)."""
    wanted = set(tokens)
    codes, uniques = pd.factorize(tags.fillna("").astype(str))
    found = np.array([bool(wanted.intersection(tags_of(text))) for text in uniques], dtype=bool)
    return pd.Series(found[codes] if len(codes) else np.zeros(0, dtype=bool), index=tags.index)


def tag_value(tags, name: str) -> str | None:
    """The value of a `name=value` token in one figure's tags ("suppressed" -> "c"), or None."""
    prefix = name + "="
    return next((token[len(prefix) :] for token in tags_of(tags) if token.startswith(prefix)), None)
