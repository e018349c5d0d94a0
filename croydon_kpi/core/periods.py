"""What a published year means: DfE's "2019" is a snapshot at 31 March 2019 for one measure, the
year to 31 March 2019 for another, and 30 September 2019 for the workforce census.

Each catalogue mapping names its period type; this module turns (type, year text) into dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from croydon_kpi.core.normalise import parse_financial_year
from croydon_kpi.errors import ParseError


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str


def _year(text: str) -> int:
    match = re.fullmatch(r"\s*((?:19|20)\d{2})\s*(?:\((?:Rev|Final|prov)\))?\s*", str(text))
    if not match:
        raise ParseError("a year", text, "a four-digit year such as 2019")
    return int(match.group(1))


def snapshot_31_march(text: str) -> Period:
    year = _year(text)
    day = date(year, 3, 31)
    return Period(day, day, f"31 Mar {year}")


def year_to_31_march(text: str) -> Period:
    year = _year(text)
    return Period(date(year - 1, 4, 1), date(year, 3, 31), f"year to 31 Mar {year}")


def snapshot_30_september(text: str) -> Period:
    year = _year(text)
    day = date(year, 9, 30)
    return Period(day, day, f"30 Sep {year}")


def mid_year(text: str) -> Period:
    year = _year(text)
    day = date(year, 6, 30)
    return Period(day, day, f"mid-{year}")


def financial_year(text: str) -> Period:
    # LAIT marks S251 outturn years "2018-19 (OT)".
    found = parse_financial_year(re.sub(r"\s*\(OT\)\s*$", "", str(text)))
    return Period(found.start, found.end, found.label)


# When a published statistic can first be known: the months after its period ends by which DfE
# (and ONS) usually publish it. An ASSUMPTION, stated in every pack: no bundled file gives the
# release dates. Children in need statistics come out around November, children looked after in
# December, the workforce census in February, ONS mid-year estimates the following June, S251
# outturn around December.
PUBLICATION_LAG_MONTHS = {
    "snapshot_31_march": 9,
    "year_to_31_march": 9,
    "snapshot_30_september": 5,
    "mid_year": 12,
    "financial_year": 9,
}


def available_from(period_type: str, period_end: date) -> date:
    """The last day of the month by which a published figure is assumed known."""
    months = period_end.year * 12 + period_end.month - 1 + PUBLICATION_LAG_MONTHS[period_type]
    year, month = divmod(months, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


PERIOD_PARSERS = {
    "snapshot_31_march": snapshot_31_march,
    "year_to_31_march": year_to_31_march,
    "snapshot_30_september": snapshot_30_september,
    "mid_year": mid_year,
    "financial_year": financial_year,
}


# Each published period type's frequency (core/schema.py FREQUENCIES): the catalogue mapping says
# which, as dates alone cannot tell a 31 March snapshot's year from a year to 31 March.
PERIOD_FREQUENCIES = {
    "snapshot_31_march": "snapshot",
    "year_to_31_march": "year_to_31_march",
    "snapshot_30_september": "snapshot",
    "mid_year": "mid_year",
    "financial_year": "financial_year",
}
QUARTER_END_MONTHS = (3, 6, 9, 12)


def frequency_of(start, end) -> str:
    """A period's frequency from its dates alone: a day is a snapshot, a whole calendar month a
    month, three ending a calendar quarter a quarter, April to March a financial year, anything
    else "other"; no dates, "undated". A reader that knows better says so (PERIOD_FREQUENCIES)."""
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return "undated"
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if start == end:
        return "snapshot"
    if start.day != 1 or end != end + pd.offsets.MonthEnd(0):
        return "other"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 1:
        return "month"
    if months == 3 and end.month in QUARTER_END_MONTHS:
        return "quarter"
    if months == 12 and start.month == 4:
        return "financial_year"
    return "other"


def parse_period(period_type: str, text: str) -> Period:
    return PERIOD_PARSERS[period_type](text)


def period_columns(period_type: str, periods: list[Period]) -> dict[str, list]:
    """The store's period columns for published figures: start, end, label, frequency, and when
    each was first known (the period's end plus the usual release lag)."""
    return {
        "frequency": PERIOD_FREQUENCIES[period_type],
        "period_start": [p.start for p in periods],
        "period_end": [p.end for p in periods],
        "period_label": [p.label for p in periods],
        "available_from": [available_from(period_type, p.end) for p in periods],
    }


# A date a measure's title names: "Children looked after at 31 March", "... on 30 September".
_TITLE_DATE = re.compile(r"\s+(?:at|on)\s+(\d{1,2})\s+(" + "|".join(calendar.month_name[1:]) + r")\b")
# Periods within a year: a figure for one is never "at 31 March" (a board's October count).
WITHIN_A_YEAR = ("month", "quarter", "other", "undated")


def title_for(title: str, frequency: str, period_end=None) -> str:
    """A measure's title as a figure of this frequency may carry it: the date the title names is
    dropped for a month, a quarter or a span ("Children looked after at 31 March" -> "Children
    looked after" for October 2019), and for a snapshot on another day; kept for the date's own
    snapshot and for DfE's and ONS's years, which end on it."""
    found = _TITLE_DATE.search(title)
    if not found:
        return title
    if frequency == "snapshot" and period_end is not None and not pd.isna(period_end):
        day = pd.Timestamp(period_end)
        named = pd.Timestamp(f"{found.group(1)} {found.group(2)} {day.year}")
        keep = (day.month, day.day) == (named.month, named.day)
    else:
        keep = frequency not in WITHIN_A_YEAR
    return title if keep else title[: found.start()] + title[found.end() :]
