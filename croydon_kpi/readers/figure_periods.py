"""When a figure is for: the month or financial year its sentence names, a span of years
("over two years"), and the periods a row derives from another (a year before, a change's window).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from croydon_kpi.core.normalise import MONTHS, parse_financial_year
from croydon_kpi.readers import context_rules
from croydon_kpi.readers.found_figure import Found
from croydon_kpi.readers.number_spans import Span, readable_financial_year
from croydon_kpi.readers.sentences import Sentence


def date_by_months(found_list: list[Found], sentence: Sentence, non_figures: list[Span]) -> None:
    """A month named with the figure dates it: "146 in February 2018", "In January 2021 there were 617"."""
    months = [
        s
        for s in non_figures
        if s.category == "date"
        and context_rules.MONTH_YEAR.match(s.text.strip())
        and sentence.start <= s.start < sentence.end
    ]
    if not months:
        return
    text = sentence.text
    for position, found in enumerate(found_list):
        if found.period is not None or found.kind not in ("level", "forecast", "target", "comparator"):
            continue
        next_start = found_list[position + 1].span.start if position + 1 < len(found_list) else len(text)
        right_after = next(
            (
                m
                for m in months
                if found.span.end <= m.start - sentence.start < next_start
                and context_rules.DATE_RIGHT_AFTER.match(text[found.span.end : m.start - sentence.start])
            ),
            None,
        )
        opening = next(
            (
                m
                for m in months
                if m.start - sentence.start < found.span.start
                and position == 0
                and context_rules.DATE_OPENS.match(text[: m.start - sentence.start])
            ),
            None,
        )
        chosen = right_after or opening
        if chosen:
            found.period = _month_period(chosen.text)


def _month_period(text: str) -> tuple[date, date, str]:
    words = re.split(r"[\s-]+", text.strip().rstrip("."))
    month, year = MONTHS[words[0].lower().rstrip(".")], int(words[-1])
    start = date(year, month, 1)
    end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return start, end, start.strftime("%B %Y")


def date_by_financial_years(found_list: list[Found], sentence: Sentence, non_figures: list[Span]) -> None:
    """Financial years named in the sentence belong to the nearest money figure."""
    years = [s for s in non_figures if s.category == "financial_year" and sentence.start <= s.start < sentence.end]
    money = [f for f in found_list if f.unit == "gbp"]
    if not years or not money:
        return
    claimed: dict[int, list] = {}
    for year in years:
        offset = year.start - sentence.start
        nearest = min(money, key=lambda f: (abs(f.span.start - offset), f.span.start > offset))
        readable = readable_financial_year(year.text)
        if readable:  # "23/24" or a span of years is named but dates nothing
            claimed.setdefault(id(nearest), []).append(readable)
    over = re.search(r"over\s+(two|three|four|2|3|4)\s+years", sentence.text, re.IGNORECASE)
    for found in money:
        fys = claimed.get(id(found))
        if not fys and over and found.span.start < over.start() + 60:
            _span_years(found, min(years, key=lambda y: y.start).text, over.group(1))
            continue
        if fys:
            start, end = min(fy.start for fy in fys), max(fy.end for fy in fys)
            label = " and ".join(fy.label for fy in sorted(fys, key=lambda fy: fy.start))
            found.period = (start, end, label + (" together" if len(fys) > 1 else ""))
            if len(fys) > 1:
                found.notes.append("covers " + label + " together; the split between the years is not stated")


def date_levels_from_to(found_list: list[Found], sentence: Sentence, non_figures: list[Span]) -> None:
    """ "rose from 1490 in 2017/18 to 1967": a financial year written just after a level of a change's
    pair dates that level (money is dated by date_by_financial_years)."""
    years = [s for s in non_figures if s.category == "financial_year" and sentence.start <= s.start < sentence.end]
    for found in found_list:
        if found.period is not None or not any(flag.startswith("from_to=") for flag in found.flags):
            continue
        after = next((y for y in years if y.start - sentence.start >= found.span.end), None)
        if after is None or not FY_RIGHT_AFTER.fullmatch(sentence.text[found.span.end : after.start - sentence.start]):
            continue
        readable = readable_financial_year(after.text)
        if readable:
            found.period = (readable.start, readable.end, readable.label)


FY_RIGHT_AFTER = re.compile(r"\s*(?:in|for|during)\s+", re.IGNORECASE)

_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4}


def _span_years(found: Found, first_year: str, count: str) -> None:
    """ "£10.2m over two years (of which £4.2m was spent in 2018/19)": two years from the first named."""
    years = _WORD_NUMBERS.get(count.lower()) or int(count)
    first = parse_financial_year(first_year)
    last_start = first.start.year + years - 1
    label = f"{first.label} to {last_start}-{(last_start + 1) % 100:02d}"
    found.period = (first.start, date(last_start + 1, 3, 31), label)
    found.flags.append("period_inferred")
    found.notes.append(f"over {count} years, taken to start in {first.label}, the year the sentence names")


def year_before(day: date) -> date:
    """The same day a year earlier (29 February becomes the 28th)."""
    return day.replace(year=day.year - 1, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year - 1)


def months_before(end: date, window: str) -> date:
    """The first day of a change's window: '3 months' before a period ending 31 October 2019 -> 1 August 2019."""
    number, unit = window.split()
    months = int(number) * {"month": 1, "months": 1, "quarter": 3, "quarters": 3, "year": 12, "years": 12}.get(unit, 0)
    if not months:
        return end
    total = end.year * 12 + end.month - 1 - months + 1
    return date(total // 12, total % 12 + 1, 1)
