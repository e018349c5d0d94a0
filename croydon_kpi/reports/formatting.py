"""How a figure is written for a reader: its unit, its published decimal places, and what a
missing value means (suppressed is not the same as not published)."""

from __future__ import annotations

import math
import re

import pandas as pd

from croydon_kpi.core import schema
from croydon_kpi.core.rounding import round_half_up

# Units that can be set beside a region's or England's figure: a count or money is a total that
# grows with an authority's size, so it is never compared with London's or England's total.
COMPARABLE_UNITS = ("percent", "rate_per_10k", "rate_per_100k", "ratio", "days")
# How a money figure's nature is written for a reader (not_stated: its source does not say).
MONEY_NATURE_WORDS = {
    "recurring": "recurring",
    "one_off": "one-off",
    "outturn": "spend (outturn)",
    "not_stated": "not stated by the source",
}


def format_value(value: float | None, unit: str, decimals: int = 0, symbol: str | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        if symbol:
            return f"{symbol}: {schema.SUPPRESSION_SYMBOLS.get(symbol, 'not a number')}"
        return "no figure"
    number = round_half_up(value, decimals)
    text = f"{number:,.{decimals}f}"
    if unit == "percent":
        return f"{text}%"
    if unit == "gbp":
        return f"£{text}"
    if unit == "rate_per_10k":
        return f"{text} per 10,000"
    if unit == "rate_per_100k":
        return f"{text} per 100,000"
    if unit == "fte":
        return f"{text} FTE"
    return text


def figure_text(value, unit: str, decimals: int = 0, symbol: str | None = None, written: str | None = None) -> str:
    """The one way every report writes a figure: the unit's sign, to the precision its source gave
    (`written`, the figure as the source wrote it: 84.5% stays 84.5%), else the measure's published
    decimal places (half up), a whole number as councils write it (96%, not 96.0%); a missing
    figure says why (suppressed, or no figure)."""
    if value is None or pd.isna(value):
        return format_value(None, unit, symbol=symbol)
    given = written_decimals(written)
    places = given if given is not None else (0 if float(value).is_integer() else decimals)
    return format_value(float(value), unit, places)


_WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def written_decimals(written) -> int | None:
    """How many decimal places a figure was written with ("84.5%" -> 1, "587" -> 0), or None."""
    if not isinstance(written, str):
        return None
    found = _WRITTEN_NUMBER.search(written)
    return None if not found else len(found.group(1) or "")


def change_decimals(rows: pd.DataFrame, decimals: int) -> int:
    """The places a change between a series' last two figures is written to: the measure's, or
    more where the source wrote the figures with more (75.4 after 75.9 is down 0.5, not down 1)."""
    written = [written_decimals(w) for w in rows["as_written"].tail(2)] if "as_written" in rows else []
    return max([decimals, *(w for w in written if w is not None)])


def change_text(before, after, unit: str, decimals: int = 0) -> str:
    """A change between two figures of one unit: "up 1.2 percentage points", "down 3", or "no
    change" where the change rounds to nothing at the measure's decimals (never "up 0")."""
    difference = round_half_up(float(after) - float(before), decimals)
    if difference == 0:
        return "no change"
    size = figure_text(float(abs(difference)), unit, decimals).rstrip("%")
    points = (" percentage point" if size == "1" else " percentage points") if unit == "percent" else ""
    return f"{'up' if difference > 0 else 'down'} {size}{points}"


def format_money(pounds, approximate: bool = False) -> str:
    """Money as a reader writes it: £22.2m, £700k, £532.62, £49,212,905 (to the pound where exact);
    `approximate` (a worked-out figure such as real terms): £64.69m, £552k."""
    if pounds is None or (isinstance(pounds, float) and math.isnan(pounds)):
        return "no figure"
    amount = float(pounds)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if approximate and amount >= 1_000_000:
        return f"{sign}£{amount / 1_000_000:,.2f}m"
    if approximate and amount >= 1_000:
        return f"{sign}£{amount / 1_000:,.0f}k"
    if approximate:  # a worked-out figure under £1,000: to the pound, never "£133.23"
        return f"{sign}£{amount:,.0f}"
    if amount >= 1_000_000 and round(amount / 100_000) * 100_000 == round(amount):
        return f"{sign}£{amount / 1_000_000:,.1f}m".replace(".0m", "m")
    if amount >= 1_000_000 and amount != round(amount):  # worked out (real terms): to the nearest £10k
        return f"{sign}£{amount / 1_000_000:,.2f}m"
    if amount >= 1_000 and amount < 1_000_000 and round(amount) % 1_000 == 0:
        return f"{sign}£{amount / 1_000:,.0f}k"
    if amount != round(amount):
        return f"{sign}£{amount:,.2f}"
    return f"{sign}£{amount:,.0f}"


def format_period_day(day) -> str:
    """A day as a reader writes it: 18 November 2019."""
    day = pd.Timestamp(day)
    return f"{day.day} {day:%B %Y}"


def source_label(
    catalogue, source_id: str, locator: str | None = None, papers: dict | None = None, short: bool = False
) -> str:
    """A source as a reader names it: a paper's title, body and date, and where in it; a
    published file's title; never a raw id (the workbook keeps the ids). `short`: the paper's
    kind, body and date only ("Report, Cabinet, 18 November 2019"), for a table column."""
    if source_id == "derived":
        return "worked out from the figures it names"
    paper = (papers or {}).get(source_id)
    if paper:
        day = (
            format_period_day(paper["meeting_date"])
            if paper.get("meeting_date")
            else paper.get("figures_refer_to", {}).get("label", "")
        )
        if short:
            return f"{str(paper.get('document_type', 'paper')).capitalize()}, {paper.get('body', '')}, {day}"
        name = f"{paper['title'].split(': ', 1)[-1]} ({paper.get('body', '')}, {day})"
    elif isinstance(locator, str) and _STATEMENT_ENTRY.match(locator):
        return _STATEMENT_ENTRY.sub("", locator)  # a finance statement's entry names its own source (and address)
    elif source_id in catalogue.sources:
        name = catalogue.sources[source_id].title
    else:
        name = source_id
    where = _readable_locator(locator)
    return f"{name}, {where}" if where else name


def also_stated(others, label) -> str:
    """The other sources of one allocation, each with the figure as it wrote it:
    "also stated as £700k by <source>"; `label(source_id, locator)` names a source."""
    return "; ".join(f"also stated as {written} by {label(source, where)}" for written, source, where in others)


# A finance statement's entry as its locator gives it: "line 16 (figures[1]): <the source it names>".
_STATEMENT_ENTRY = re.compile(r"^(?:line \d+ \()?figures\[\d+\]\)?: ")


def _readable_locator(locator: str | None) -> str | None:
    if not isinstance(locator, str) or not locator:
        return None
    paragraph = re.match(r"paragraph ([\d.]+), line \d+", locator)
    if paragraph:
        return f"paragraph {paragraph.group(1)}"
    return locator
