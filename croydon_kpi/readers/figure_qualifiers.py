"""One figure's attributes from the words around it: its value and unit, whether it is a change
(and which way), a target, a forecast, a bound, an underspend, a comparator's area, the window
of a change, and the words that qualify or caveat it.
"""

from __future__ import annotations

import re

from croydon_kpi.core.normalise import parse_money, parse_percent
from croydon_kpi.readers import context_rules, text_rules
from croydon_kpi.readers.found_figure import ENGLAND, NO_AREA, Found
from croydon_kpi.readers.number_spans import Span
from croydon_kpi.readers.sentences import Sentence, clause_after, clause_before

# What each figure rule's matches are stored as: words and fractions are counts and percentages;
# percentage points are a change in a percentage.
UNIT_OF_RULE = {"count_word": "count", "fraction": "percent", "percentage_points": "percent"}


def figure_value(span: Span, unit: str) -> float:
    """The number a figure rule's span states, read by the rule's category ("(£0.4m)" -> -400000)."""
    text = span.text
    if unit == "gbp":
        bracketed = "(" in text  # "(£0.4m)" and "£(0.4)m": accounts' negatives
        text = re.sub(r"(?i)millions\b", "million", text)  # "£9.9 millions", as some papers write it
        pounds = float(parse_money(re.sub(r",\s+(?=\d{3})", ",", text.replace("(", "").replace(")", ""))).pounds)
        return -abs(pounds) if bracketed else pounds
    if unit == "count_word":
        words = re.sub(r"[\s-]+", " ", text.lower())
        return float(text_rules.WORD_VALUES.get(words) or _compound_word(words))
    if unit == "fraction":
        return round(text_rules.FRACTION_VALUES[re.sub(r"[\s-]+", " ", text.lower())], 1)
    if unit == "percent":
        return float(parse_percent(text.strip("()")).value)
    number = re.search(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text).group()
    return float(number.replace(",", ""))


def _compound_word(text: str) -> int:
    """'twenty-five' -> 25."""
    words = re.split(r"[\s-]+", text.lower())
    return sum(text_rules.WORD_VALUES[word] for word in words)


def rate_unit(span: Span, earlier: list[Span], rate_bases: list[Span]) -> str | None:
    """A bare number after "the rate ... per 10,000" (with no other figure between) is that rate."""
    if span.category != "count":
        return None
    base = next((b for b in reversed(rate_bases) if b.end <= span.start), None)
    if base is None or any(base.end <= f.start and f.category not in ("count",) for f in earlier):
        return None
    return (
        "rate_per_100k"
        if re.search(r"100,?000|100k", base.text, re.IGNORECASE)
        else "rate_per_10k"
        if re.search(r"10,?000|10k", base.text, re.IGNORECASE)
        else None
    )


def mark_change(found: Found, before: str, after: str = "") -> None:
    match = context_rules.CHANGE_BEFORE.search(before)
    if not match:
        return
    word = (match.group("verb") or match.group("noun")).lower()
    found.kind = "change"
    if word in context_rules.FALLING_WORDS:
        found.value = -found.value
        found.notes.append("direction: down")
    else:
        found.notes.append("direction: up" if word != "improved" else "direction: improved")
    _percent_change_is_ambiguous(found)


def mark_change_after(found: Found, before: str, after: str) -> None:
    """ "a 27% reduction", "24% down on", "12 fewer than", "down 12%": a change, with its direction."""
    if found.kind != "level":
        return
    match = context_rules.CHANGE_AFTER.match(after)
    word_before = context_rules.CHANGE_WORD_BEFORE.search(before)
    if not (match or word_before):
        return
    word = (match.group("word") if match else word_before.group("word")).lower()
    if word in ("more", "less", "fewer", "higher", "lower") and not re.match(r"^\s*\w+\s+(?:than|on|compared)", after):
        if word in ("more", "less") or not match:
            return  # "5 more children": a change only when compared ("more than last year")
    found.kind = "change"
    if word in context_rules.FALLING_AFTER:
        found.value = -abs(found.value)
        found.notes.append("direction: down")
    else:
        found.notes.append("direction: up")
    _percent_change_is_ambiguous(found)


def _percent_change_is_ambiguous(found: Found) -> None:
    if found.unit == "percent" and found.span.category != "percentage_points":
        found.flags.append("ambiguous_pp_or_relative")
        found.notes.append("'%' may mean percentage points or a relative change; the source does not say")


def mark_percentage_points(found: Found, before: str, after: str) -> None:
    if found.span.category == "percentage_points":
        found.kind = "change"
        found.flags.append("percentage_points")
        found.notes.append("a change in percentage points")


def mark_target(found: Found, before: str, after: str) -> None:
    if found.kind == "level" and context_rules.TARGET_BEFORE.search(before):
        found.kind = "target"


def mark_forecast(found: Found, before: str, after: str) -> None:
    """Forecast where the sentence says so: a forecasting word before the figure, or just after it."""
    if found.kind == "level" and (
        context_rules.FORECAST_BEFORE.search(clause_before(before)) or context_rules.FORECAST_AFTER.match(after)
    ):
        found.kind = "forecast"


def sign_money(found: Found, before: str, after: str) -> None:
    """An underspend is negative, an overspend positive; "-£5m" is negative unless the dash joins a range."""
    if found.unit != "gbp":
        return
    if found.span.text.startswith("(") and found.value < 0 and context_rules.BRACKETED_ASIDE.search(before):
        found.value = abs(found.value)
        found.notes.append("a sum in brackets after the item it prices, read as that item's amount")
    if context_rules.UNDERSPEND_BEFORE.search(before[-60:]) or context_rules.UNDERSPEND_AFTER.match(after):
        found.value = -abs(found.value)
        found.flags.append("variance=underspend")
    elif re.search(r"(?:^|[\s(:])-\s?$", before) and not re.search(r"\w\s+-\s+$", before) and found.value > 0:
        # "Teams - £125,000": a dash between words and a sum is a list's separator, no minus sign
        found.value = -found.value
    elif found.value > 0 and context_rules.OVERSPEND_NEAR.search(
        clause_before(before)[-60:] + " " + clause_after(after)[:30]
    ):
        found.flags.append("variance=overspend")


def place_comparator(found: Found, before: str, after: str) -> None:
    """A figure for England, a region or statistical neighbours: its own area, or marked as a comparator."""
    for whose, pattern in context_rules.COMPARATOR_BEFORE:
        match = pattern.search(before[-120:])
        if not match:
            continue
        if whose == "national":
            found.area = dict(ENGLAND)
        elif whose == "regional":
            name = next((v for k, v in context_rules.region_names().items() if k in match.group().lower()), None)
            found.area = {**NO_AREA, "area_name": name, "area_level": "regional"} if name else dict(NO_AREA)
        else:
            found.area = dict(NO_AREA)
            found.kind = "comparator"
            found.notes.append("the statistical neighbours' figure")
        found.flags.append(f"comparator={whose}")
        return
    if (
        context_rules.ENGLAND_CUES.match(after)
        or re.search(r"compared\s+with\s*$", before)
        and "country as a whole" in after
    ):
        found.area = dict(ENGLAND)
        found.flags.append("comparator=national")
        return
    region = context_rules.region_after().match(after)
    if region:
        name = context_rules.region_names().get(re.sub(r"\s+", " ", region.group("region").lower()))
        found.area = {**NO_AREA, "area_name": name, "area_level": "regional"}
        found.flags.append("comparator=regional")


def mark_bound(found: Found, before: str) -> None:
    for bound, pattern in context_rules.BOUNDS_BEFORE:
        if pattern.search(before):
            found.bound = bound
            return


def mark_window(found: Found, sentence: Sentence, spans: list[Span], after: str) -> None:
    if found.kind != "change":
        return
    if context_rules.ON_LAST_MONTH.match(after):
        found.flags.append("window=1 month")
        return
    for span in spans:
        if span.category == "time_window" and sentence.start <= span.start < sentence.end:
            number = context_rules.WINDOW_NUMBER.search(span.text)
            if number:
                found.flags.append(f"window={number.group(1)} {number.group(3).lower()}s")
                return


def mark_qualifiers(found: Found, clause: str) -> None:
    seen = set()
    for name, pattern in context_rules.QUALIFIERS:
        if pattern.search(clause) and not any(name in other for other in seen):
            seen.add(name)
            found.flags.append(f"qualifier={name}")
    caveat = context_rules.CAVEAT.search(clause)
    if caveat:
        found.flags.append("caveat")
        found.notes.append("caveat: " + caveat.group("caveat").strip())


def mark_a_year_before(found: Found, after: str) -> None:
    if context_rules.A_YEAR_AGO.match(after):
        found.flags.append("period=a year before")
        found.notes.append("the figure for a year earlier")
