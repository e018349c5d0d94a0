"""What every number in a text is: the spans the non-figure rules claim first (dates, paragraph
numbers, legislation ...), then the figure rules' spans (money, percentages, rates, counts), and
`number_tokens()`, which says for every run of digits which span took it, so that nothing is
silently skipped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from croydon_kpi.core.normalise import parse_financial_year
from croydon_kpi.errors import ParseError
from croydon_kpi.readers import text_rules
from croydon_kpi.readers.plain_text import plain_text


@dataclass(frozen=True)
class Span:
    """A stretch of text a rule claimed: where it is and what the number there is (its category)."""

    start: int
    end: int
    category: str
    text: str


def _claim(text: str, rules, claimed: list[Span]) -> list[Span]:
    """Spans the rules find, in rule order, each kept only if it overlaps none claimed before it.
    The claimed spans never overlap, so one sorted list and a binary search answer each overlap
    question (a 5 MB paper holds a hundred thousand numbers)."""
    taken = sorted((s.start, s.end) for s in claimed)
    digits = [match.start() for match in _DIGIT.finditer(text)]
    found: list[Span] = []
    for category, pattern in rules:
        starts = [start for start, _ in taken]
        accepted = []  # a rule's own matches never overlap each other (finditer), only earlier rules' spans
        matches = (
            matches_at_digits(pattern, text, digits)
            if category in text_rules.DIGIT_FIRST
            else matches_in_windows(
                pattern, text, trigger_windows(text, pattern if pattern in text_rules.PATTERN_TRIGGERS else category)
            )
        )
        for match in matches:
            start, end = match.start(), match.end()
            if not (
                _DIGIT.search(match.group()) or category in text_rules.WORD_RULES and _NUMBER_WORD.search(match.group())
            ):
                continue  # a rule claims numbers only
            before = bisect.bisect_left(starts, end)  # taken[before - 1] is the last span starting before `end`
            if before and taken[before - 1][1] > start:
                continue
            accepted.append((start, end))
            found.append(Span(start, end, category, match.group()))
        if accepted:
            taken = sorted(taken + accepted)
    return found


_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(rf"\b(?:{text_rules.NUMBER_IN_WORDS}|half|thirds?|quarters?|fifths?)\b", re.IGNORECASE)


def matches_at_digits(pattern: re.Pattern, text: str, digits: list[int]):
    """pattern.finditer(text) for a pattern that can only start on a digit: tried at each digit
    not inside the previous match, which is where finditer would find its matches."""
    after = 0
    for position in digits:
        if position < after:
            continue
        match = pattern.match(text, position)
        if match and match.end() > position:
            yield match
            after = match.end()


def matches_in_windows(pattern: re.Pattern, text: str, windows: list[tuple[int, int]]):
    """pattern.finditer(text), looked for only in the windows where a match can be (text_rules.
    RULE_TRIGGERS): the windows hold every match whole, so the matches are the same."""
    for low, high in windows:
        yield from pattern.finditer(text, low, high)


@lru_cache(maxsize=128)
def trigger_windows(text: str, rule) -> list[tuple[int, int]]:
    """Merged [start, end) windows around every trigger of the rule (a pattern with triggers of
    its own, else a category) in the text."""
    triggers = (
        text_rules.PATTERN_TRIGGERS.get(rule) if isinstance(rule, re.Pattern) else text_rules.RULE_TRIGGERS.get(rule)
    )
    if triggers is None:
        return [(0, len(text))]
    around = []
    for trigger, reach in triggers.items():
        # A window ends a little past its reach, so that a lookahead at a match's end sees what a scan
        # would; windows are merged after that, so that no match is found in two of them.
        around += [(max(0, at - reach), at + len(trigger) + reach + 20) for at in _trigger_positions(text, trigger)]
    merged: list[tuple[int, int]] = []
    for low, high in sorted(around):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return [(low, min(len(text), high)) for low, high in merged]


@lru_cache(maxsize=256)
def _trigger_positions(text: str, trigger: str) -> list[int]:
    if trigger == "#digit":
        return [match.start() for match in re.finditer(r"\d+", text)]
    if trigger == "#word":  # a number word starting a word ("ten", not "often")
        return sorted(
            {
                at
                for word in text_rules.WORD_VALUES
                for at in _trigger_positions(text, word.split()[-1])
                if at == 0 or not text[at - 1].isalpha()
            }
        )
    lowered, found, at = _lowered(text), [], 0
    while (at := lowered.find(trigger, at)) >= 0:
        found.append(at)
        at += 1
    return found


@lru_cache(maxsize=4)
def _lowered(text: str) -> str:
    return text.lower()


def _line_of(plain: str, offset: int) -> int:
    """The line (from 1) an offset falls on, by binary search over the text's line breaks."""
    return bisect.bisect_left(_newlines(plain), offset) + 1


@lru_cache(maxsize=4)
def _newlines(plain: str) -> list[int]:
    return [match.start() for match in re.finditer("\n", plain)]


def spans_within(spans: list[Span], starts: list[int], low: int, high: int) -> list[Span]:
    """The spans (sorted by start) that start in [low, high)."""
    return spans[bisect.bisect_left(starts, low) : bisect.bisect_left(starts, high)]


def non_figure_spans(text: str, claimed: tuple[Span, ...] = ()) -> list[Span]:
    """The numbers that are not figures (text_rules.NON_FIGURE_RULES, in rule order), by offset;
    `claimed`, spans a reader found first (the page's furniture), are among them and claim first."""
    plain = plain_text(text)
    spans = list(claimed) + _claim(plain, text_rules.NON_FIGURE_RULES, list(claimed))
    spans = [s for s in spans if not _a_count_paired_with_a_year(plain, s)]
    # "2020-2024" has the shape of a financial year but is a span of years: named for what it is.
    spans = [
        Span(s.start, s.end, "year_range", s.text)
        if s.category == "financial_year"
        and re.search(r"\d{4}\D+\d{4}", s.text)
        and readable_financial_year(s.text) is None
        else s
        for s in spans
    ]
    return sorted(spans, key=lambda s: s.start)


def _a_count_paired_with_a_year(text: str, span: Span) -> bool:
    """ "rose from 1490 in 2017/18 to 1967": the year-shaped 1967 pairs with the count 1490, so is a count."""
    return span.category == "year" and bool(
        text_rules.YEAR_PAIRED_WITH_COUNT.search(text, max(0, span.start - 100), span.start)
    )


def readable_financial_year(text: str):
    """The financial year the text names, or None where it names none ("2020-2024", "23/24")."""
    try:
        return parse_financial_year(text)
    except ParseError:
        return None


def figure_spans(text: str, non_figures: list[Span]) -> list[Span]:
    """The figures (text_rules.FIGURE_RULES) among the numbers no non-figure claimed, by offset."""
    return sorted(_claim(plain_text(text), text_rules.FIGURE_RULES, list(non_figures)), key=lambda s: s.start)


def number_tokens(text: str) -> pd.DataFrame:
    """Every run of digits in the text and what it was taken for: a figure's unit or a non-figure category."""
    from croydon_kpi.readers.page_layout import number_spans_of, read_layout  # the layout reads spans

    plain = plain_text(text)
    spans, figures = number_spans_of(plain, read_layout(plain))
    spans += [Span(s.start, s.end, f"figure:{s.category}", s.text) for s in figures]
    rows = []
    for match in re.finditer(r"\d+", plain):
        owner = next((s for s in spans if s.start <= match.start() and match.end() <= s.end), None)
        rows.append(
            {
                "token": match.group(),
                "offset": match.start(),
                "line": _line_of(plain, match.start()),
                "category": owner.category if owner else None,
                "span": owner.text if owner else None,
            }
        )
    return pd.DataFrame(rows, columns=["token", "offset", "line", "category", "span"])
