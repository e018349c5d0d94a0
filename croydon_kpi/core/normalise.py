"""Parse the forms in which councils write figures: money, percentages, financial years, dates.

Each parser takes the text as written and returns a small typed value that remembers that text.
Anything it does not recognise raises `ParseError`, which quotes the text. Nothing is guessed:
"£22.2m" is exactly 22,200,000 pounds (Decimal arithmetic, never floats).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from croydon_kpi.errors import ParseError

# --- shared pieces -------------------------------------------------------------------------

# Dashes and spaces as they come out of Word and PDFs.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_SPACES = "\u00a0\u2009\u202f"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"


def _clean(kind: str, text: object, expected: str) -> str:
    if not isinstance(text, str):
        raise ParseError(kind, text, expected)
    cleaned = text
    for dash in _DASHES:
        cleaned = cleaned.replace(dash, "-")
    for space in _SPACES:
        cleaned = cleaned.replace(space, " ")
    cleaned = cleaned.strip()
    if not cleaned:
        raise ParseError(kind, text, expected)
    return cleaned


def _decimal(digits: str) -> Decimal:
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regexes only pass digits
        raise ValueError(digits) from None


def _tidy(value: Decimal) -> Decimal:
    """Write whole numbers without a fractional part (22200000, not 22200000.0)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


# --- money -------------------------------------------------------------------------------

_MONEY_MULTIPLIERS = {
    "": Decimal(1),
    "k": Decimal(1_000),
    "thousand": Decimal(1_000),
    "m": Decimal(1_000_000),
    "mn": Decimal(1_000_000),
    "million": Decimal(1_000_000),
    "bn": Decimal(1_000_000_000),
    "billion": Decimal(1_000_000_000),
}
_MONEY_EXPECTED = "an amount in pounds such as £22.2m, £700k, £4.2 million, £1.5bn, £10,200,000, -£0.5m or £(3.1)m"
_MONEY = re.compile(
    rf"""^(?P<sign1>-)?\s*£\s*
        (?:(?P<sign2>-)\s*(?P<n1>{_NUMBER})|\(\s*(?P<n2>{_NUMBER})\s*\)|(?P<n3>{_NUMBER}))
        \s*(?P<unit>k|thousand|mn|m|million|bn|billion)?$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Money:
    pounds: Decimal
    text: str

    def __str__(self) -> str:
        return f"£{self.pounds:,}"


def parse_money(text: str) -> Money:
    """'£22.2m' -> Money(pounds=Decimal('22200000')). Negatives: -£0.5m, £-0.5m, £(3.1)m."""
    cleaned = _clean("money", text, _MONEY_EXPECTED)
    match = _MONEY.match(cleaned)
    if not match:
        raise ParseError("money", text, _MONEY_EXPECTED)
    digits = match["n1"] or match["n2"] or match["n3"]
    signs = [match["sign1"], match["sign2"], match["n2"]]
    if sum(1 for sign in signs if sign) > 1:
        raise ParseError("money", text, _MONEY_EXPECTED + " (one minus sign at most)")
    negative = any(signs)
    amount = _decimal(digits) * _MONEY_MULTIPLIERS[(match["unit"] or "").lower()]
    return Money(pounds=_tidy(-amount if negative else amount), text=text)


# --- percentages ---------------------------------------------------------------------------

_PERCENT_EXPECTED = "a percentage such as 96%, (79%), 92.5 per cent, 85.8 percent or 17 %"
_PERCENT = re.compile(
    rf"^(?P<open>\()?\s*(?P<sign>[-+])?\s*(?P<n>{_NUMBER})\s*(?:%|per\s*cent|percent|pc)\s*(?P<close>\))?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Percent:
    value: Decimal  # in percent units: 96% -> 96
    text: str


def parse_percent(text: str) -> Percent:
    """'(79%)' -> Percent(value=Decimal('79')). Brackets are the way papers quote a figure, not a sign."""
    cleaned = _clean("a percentage", text, _PERCENT_EXPECTED)
    match = _PERCENT.match(cleaned)
    if not match or bool(match["open"]) != bool(match["close"]):
        raise ParseError("a percentage", text, _PERCENT_EXPECTED)
    value = _decimal(match["n"])
    if match["sign"] == "-":
        value = -value
    return Percent(value=_tidy(value), text=text)


# --- financial years -----------------------------------------------------------------------

_FY_EXPECTED = "a financial year such as 2018/19, 2018-19, 2018/2019, 201819 or FY2018-19"
_FY = re.compile(r"^(?:FY\s*)?(?P<start>(?:19|20)\d{2})\s*(?:[/-]\s*)?(?P<end>\d{4}|\d{2})$", re.IGNORECASE)


@dataclass(frozen=True)
class FinancialYear:
    start: date  # 1 April
    end: date  # 31 March
    label: str  # "2018-19"
    text: str = ""

    @property
    def start_year(self) -> int:
        return self.start.year


def financial_year_starting(start_year: int) -> FinancialYear:
    label = f"{start_year}-{(start_year + 1) % 100:02d}"
    return FinancialYear(date(start_year, 4, 1), date(start_year + 1, 3, 31), label, label)


def parse_financial_year(text: str) -> FinancialYear:
    """'2018/19' -> 1 April 2018 to 31 March 2019, labelled '2018-19'."""
    cleaned = _clean("a financial year", text, _FY_EXPECTED)
    match = _FY.match(cleaned)
    if not match:
        raise ParseError("a financial year", text, _FY_EXPECTED)
    start_year = int(match["start"])
    end = match["end"]
    end_year = int(end) if len(end) == 4 else (start_year // 100) * 100 + int(end)
    if len(end) == 2 and end_year <= start_year:  # 1999/00 crosses a century
        end_year += 100
    if end_year != start_year + 1:
        raise ParseError("a financial year", text, _FY_EXPECTED + " (the second year must follow the first)")
    year = financial_year_starting(start_year)
    return FinancialYear(year.start, year.end, year.label, text)


# --- dates and date ranges -----------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_RANGE_SEP = r"\s*(?:-|&|and|to|until)\s*"
_DATE_EXPECTED = (
    "a date or range such as 12th November 2019, 10-11 July 2018, 19 and 20 February 2019, "
    "16th & 17th of October 2019, 3 to 14 February 2020 or 20 June - 13 July 2017"
)
_DATE_RANGE = re.compile(
    rf"""^(?:(?P<d1>{_DAY})(?:\s+(?:of\s+)?(?P<m1>{_MONTH})(?:\s+(?P<y1>{_YEAR}))?)?{_RANGE_SEP})?
        (?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date
    text: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day_number(day: str) -> int:
    return int(re.match(r"\d+", day).group())


def _make_date(text: str, year: str, month: str, day: str) -> date:
    try:
        return date(int(year), _month_number(month), _day_number(day))
    except ValueError:
        raise ParseError("a date", text, f"a real calendar date (day {day} of {month} {year} does not exist)") from None


def parse_date_range(text: str) -> DateRange:
    """'16th & 17th of October 2019' -> 16 to 17 October 2019; a single day gives start == end."""
    cleaned = _clean("a date", text, _DATE_EXPECTED)
    match = _DATE_RANGE.match(cleaned)
    if not match:
        raise ParseError("a date", text, _DATE_EXPECTED)
    end = _make_date(text, match["y2"], match["m2"], match["d2"])
    if not match["d1"]:
        return DateRange(end, end, text)
    if match["y1"] and not match["m1"]:  # pragma: no cover - the regex nests year inside month
        raise ParseError("a date", text, _DATE_EXPECTED)
    start = _make_date(text, match["y1"] or match["y2"], match["m1"] or match["m2"], match["d1"])
    if start > end and match["m1"] and not match["y1"] and start.replace(year=start.year - 1) <= end:
        start = start.replace(year=start.year - 1)  # "20 December - 3 January 2020"
    if start > end:
        raise ParseError("a date", text, "a range whose first day is not after its last")
    return DateRange(start, end, text)


def parse_date(text: str) -> date:
    """A single day such as '12th November 2019'."""
    found = parse_date_range(text)
    if found.start != found.end:
        raise ParseError("a date", text, "a single day, not a range")
    return found.start
