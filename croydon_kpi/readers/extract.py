"""Figures from prose: `extract_figures(text)` finds every figure a committee paper states, keeps
the sentence it came from and where it stands, and maps it to a catalogue measure by alias.

A number is either a figure (money, percentage, rate, FTE, days, count) or one of the
non-figures in text_rules.NON_FIGURE_RULES; `number_tokens()` shows which for every digit run,
so nothing is silently skipped. A figure that maps to no measure is kept as `unmapped`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date

import pandas as pd

from croydon_kpi.core import schema

from croydon_kpi.readers import text_rules
from croydon_kpi.catalogue.measures import Catalogue, load_catalogue
from croydon_kpi.core.normalise import parse_financial_year, parse_money, parse_percent
from croydon_kpi.errors import ParseError

# A paper's figures are about the paper's area (the paper catalogue says which); with none given
# the area stays unknown rather than guessed.
NO_AREA = {"area_code": None, "old_la_code": None, "area_name": None, "area_level": None}
ENGLAND = {"area_code": "E92000001", "old_la_code": None, "area_name": "England", "area_level": "national"}
# Single characters swapped for their plain forms, so offsets into the text stay the same.
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                        "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " "})


@lru_cache(maxsize=8)
def _plain(text: str) -> str:
    """Curly quotes, dashes and odd spaces as plain ASCII (worked out once per text: the
    extractor asks for a paper's plain text several times)."""
    if text.isascii():
        return text
    for code, plain in _PLAIN.items():  # a replace per character present: far faster than translate on a long text
        if chr(code) in text:
            text = text.replace(chr(code), plain)
    return text


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"'(£\d-])|\n[ \t]*\n(?![ \t\n]*[a-z])|\n(?=[ \t]*(?:[-•*]\s|\d+(?:\.\d+)+\s|\d+\.\s|[A-Z][A-Z ,'&/-]{6,}$))", re.MULTILINE)
_NUMBERED_PARAGRAPH = re.compile(r"^[ \t]*(?:[-•*][ \t]*)?(\d+(?:\.\d+)+)\.?[ \t]+[A-Z(\"']")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    category: str
    text: str


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: str | None
    reported_rag: str | None


@dataclass
class Found:
    """A figure found in a sentence, before it becomes a row."""
    span: Span
    unit: str
    value: float | None
    kind: str = "level"
    bound: str = "exact"
    measure: str = "unmapped"
    label: str = ""
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    area: dict = field(default_factory=lambda: dict(NO_AREA))
    period: tuple[date, date, str] | None = None


# --- spans: what every number is -------------------------------------------------------------

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
        matches = _at_digits(pattern, text, digits) if category in text_rules.DIGIT_FIRST else pattern.finditer(text)
        for match in matches:
            start, end = match.start(), match.end()
            if not _DIGIT.search(match.group()):
                continue
            before = bisect.bisect_left(starts, end)  # taken[before - 1] is the last span starting before `end`
            if before and taken[before - 1][1] > start:
                continue
            accepted.append((start, end))
            found.append(Span(start, end, category, match.group()))
        if accepted:
            taken = sorted(taken + accepted)
    return found


_DIGIT = re.compile(r"\d")


def _at_digits(pattern: re.Pattern, text: str, digits: list[int]):
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


def _line_of(plain: str, offset: int) -> int:
    """The line (from 1) an offset falls on, by binary search over the text's line breaks."""
    return bisect.bisect_left(_newlines(plain), offset) + 1


@lru_cache(maxsize=4)
def _newlines(plain: str) -> list[int]:
    return [match.start() for match in re.finditer("\n", plain)]


def _spans_within(spans: list[Span], starts: list[int], low: int, high: int) -> list[Span]:
    """The spans (sorted by start) that start in [low, high)."""
    return spans[bisect.bisect_left(starts, low):bisect.bisect_left(starts, high)]


def non_figure_spans(text: str) -> list[Span]:
    return sorted(_claim(_plain(text), text_rules.NON_FIGURE_RULES, []), key=lambda s: s.start)


def figure_spans(text: str, non_figures: list[Span]) -> list[Span]:
    return sorted(_claim(_plain(text), text_rules.FIGURE_RULES, list(non_figures)), key=lambda s: s.start)


def number_tokens(text: str) -> pd.DataFrame:
    """Every run of digits in the text and what it was taken for: a figure's unit or a non-figure category."""
    plain = _plain(text)
    spans = non_figure_spans(plain)
    spans += [Span(s.start, s.end, f"figure:{s.category}", s.text) for s in figure_spans(plain, spans)]
    rows = []
    for match in re.finditer(r"\d+", plain):
        owner = next((s for s in spans if s.start <= match.start() and match.end() <= s.end), None)
        rows.append({"token": match.group(), "offset": match.start(), "line": _line_of(plain, match.start()),
                     "category": owner.category if owner else None, "span": owner.text if owner else None})
    return pd.DataFrame(rows, columns=["token", "offset", "line", "category", "span"])


# --- sentences ------------------------------------------------------------------------------

def sentences(text: str) -> list[Sentence]:
    """Sentences with the council's paragraph number (3.16) and any RAG heading they sit under."""
    plain = _plain(text)
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(plain)] + [len(plain)]
    found, paragraph, rag = [], None, None
    for start, end in zip(bounds, bounds[1:]):
        chunk = plain[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        numbered = _NUMBERED_PARAGRAPH.match(chunk)
        if numbered:
            paragraph, rag = numbered.group(1), None
        heading = text_rules.REPORTED_RAG_HEADINGS.get(stripped.lower().strip(" :"))
        if heading:
            rag = heading
            continue
        if stripped.isupper() and len(stripped) > 6:
            rag = None  # another heading ends the RAG section
        offset = start + (len(chunk) - len(chunk.lstrip()))
        found.append(Sentence(offset, offset + len(stripped), stripped, paragraph, rag))
    return found


# --- measures by alias ----------------------------------------------------------------------

def _alias_table(catalogue: Catalogue) -> list[tuple[re.Pattern, str, str, str]]:
    """(pattern, measure id, alias, its first word lower-cased: a cheap test before the pattern)."""
    table = []
    for measure in catalogue.measures.values():
        for alias in measure.aliases:
            plain = _plain(alias)
            words = r"\s+".join(re.escape(word) for word in plain.split())
            table.append((re.compile(rf"(?<![\w]){words}(?![\w])", re.IGNORECASE), measure.id, plain, plain.split()[0].lower()))
    return sorted(table, key=lambda entry: -len(entry[2]))  # the longest alias wins


def _aliases_in(text: str, aliases) -> list[tuple[int, int, str]]:
    claimed: list[tuple[int, int, str]] = []
    lowered = text.lower()
    present: dict[str, bool] = {}  # each distinct first word tested once per text
    for pattern, measure_id, _, first_word in aliases:
        if first_word not in present:
            present[first_word] = first_word in lowered
        if not present[first_word]:
            continue  # its first word is not in the text: the pattern cannot match (a fast test first)
        for match in pattern.finditer(text):
            if not any(match.start() < e and s < match.end() for s, e, _ in claimed):
                claimed.append((match.start(), match.end(), measure_id))
    return sorted(claimed)


# Which measure units a figure written in a given unit can belong to.
COMPATIBLE_UNITS = {
    "percent": {"percent"}, "gbp": {"gbp"}, "rate_per_10k": {"rate_per_10k"}, "fte": {"fte"},
    "days": {"days"}, "count": {"count", "ratio", "fte", "days"},
}


def _best_alias(found: Found, text: str, aliases, units: dict) -> str | None:
    """The longest alias in the text whose measure can be written in the figure's unit."""
    fitting = [(end - start, measure) for start, end, measure in _aliases_in(text, aliases)
               if units[measure] in COMPATIBLE_UNITS[found.unit]]
    return max(fitting)[1] if fitting else None


def _measure_for(found: Found, sentence: str, previous_end: int, next_start: int, aliases, units, first_label):
    """The best alias before the figure (since the previous figure), else after it (to the next)."""
    local_start, local_end = found.span.start, found.span.end
    before_text, after_text = sentence[previous_end:local_start], sentence[local_end:next_start]
    measure = _best_alias(found, before_text, aliases, units)
    if measure:
        return measure, before_text
    measure = _best_alias(found, after_text, aliases, units)
    if measure:
        return measure, after_text
    # "Foster Carer visits (85%) and reviews (77%)": borrow the first label's words for the head noun.
    between = re.sub(r"^[\s)(,]*(?:and|or|with)?\s*|[\s(]*$", "", sentence[previous_end:local_start])
    if first_label and re.fullmatch(r"[A-Za-z]+", between or ""):
        borrowed = re.sub(r"\w+\s*$", between, first_label.rstrip(" (")).strip()
        measure = _best_alias(found, borrowed, aliases, units)
        if measure:
            return measure, borrowed
    return None, sentence[previous_end:local_start].strip(" (-,") or sentence[local_end:next_start].strip(" )-,")


# --- one figure's attributes ---------------------------------------------------------------

def _value(span: Span, unit: str) -> float:
    text = span.text
    if unit == "gbp":
        return float(parse_money(text).pounds)
    if unit == "percent":
        return float(parse_percent(text.strip("()")).value)
    number = re.search(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text).group()
    return float(number.replace(",", ""))


def _change(found: Found, before: str) -> None:
    match = text_rules.CHANGE_BEFORE.search(before)
    if not match:
        return
    word = (match.group("verb") or match.group("noun")).lower()
    found.kind = "change"
    if word in text_rules.FALLING_WORDS:
        found.value = -found.value
        found.notes.append("direction: down")
    else:
        found.notes.append("direction: up" if word != "improved" else "direction: improved")
    if found.unit == "percent":
        found.flags.append("ambiguous_pp_or_relative")
        found.notes.append("'%' may mean percentage points or a relative change; the source does not say")


def _bound(found: Found, before: str) -> None:
    for bound, pattern in text_rules.BOUNDS_BEFORE:
        if pattern.search(before):
            found.bound = bound
            return


def _window(found: Found, sentence: Sentence, spans: list[Span], after: str) -> None:
    if found.kind != "change":
        return
    if text_rules.ON_LAST_MONTH.match(after):
        found.flags.append("window=1 month")
        return
    for span in spans:
        if span.category == "time_window" and sentence.start <= span.start < sentence.end:
            number = text_rules.WINDOW_NUMBER.search(span.text)
            if number:
                found.flags.append(f"window={number.group(1)} {number.group(3).lower()}s")
                return


def _qualifiers(found: Found, clause: str) -> None:
    seen = set()
    for name, pattern in text_rules.QUALIFIERS:
        if pattern.search(clause) and not any(name in other for other in seen):
            seen.add(name)
            found.flags.append(f"qualifier={name}")
    caveat = text_rules.CAVEAT.search(clause)
    if caveat:
        found.flags.append("caveat")
        found.notes.append("caveat: " + caveat.group("caveat").strip())


# --- the public function ------------------------------------------------------------------

def extract_figures(text: str, source_id: str | None = None, period: tuple[date, date, str] | None = None,
                    catalogue: Catalogue | None = None, area: dict | None = None,
                    sections: dict[str, tuple[date, date, str]] | None = None) -> pd.DataFrame:
    """Every figure stated in `text`, one row each, in the store's schema.

    `period` is (start, end, label) for figures whose sentence names no period of its own.
    `area` is the paper's own area (area_code, old_la_code, area_name, area_level); without it
    the area of a figure the sentence does not place is left unknown. `sections` gives some
    numbered paragraphs ("3.16") a period of their own (a performance overview reported earlier).
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_figures needs text, got {type(text).__name__}")
    catalogue = catalogue or load_catalogue()
    plain = _plain(text)
    aliases = _alias_table(catalogue)
    non_figures = non_figure_spans(plain)
    figures = figure_spans(plain, non_figures)
    figure_starts, non_figure_starts = [f.start for f in figures], [n.start for n in non_figures]
    units = {measure.id: measure.unit for measure in catalogue.measures.values()}
    rows = []
    for sentence in sentences(plain):
        own_period = (sections or {}).get(sentence.paragraph, period)
        rows += _sentence_rows(plain, sentence, _spans_within(non_figures, non_figure_starts, sentence.start, sentence.end),
                               _spans_within(figures, figure_starts, sentence.start, sentence.end), aliases, source_id,
                               own_period, catalogue, {**NO_AREA, **(area or {})}, units)
    frame = pd.DataFrame(rows)
    return schema.conform(frame) if len(frame) else schema.empty_figures()


def _tidy_label(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" -•*(),.;:\"'")
    return re.sub(r"^(?:and|or|of|with|the|\d+(?:\.\d+)+)\s+", "", text, flags=re.IGNORECASE).strip()


def _sentence_rows(plain, sentence, non_figures, figures, aliases, source_id, period, catalogue, area, units=None) -> list[dict]:
    units = units or {measure.id: measure.unit for measure in catalogue.measures.values()}
    inside = [f for f in figures if sentence.start <= f.start < sentence.end]
    local = lambda offset: offset - sentence.start
    text = sentence.text
    found_list: list[Found] = []
    first_label = None
    for index, span in enumerate(inside):
        previous_end = local(inside[index - 1].end) if index else 0
        next_start = local(inside[index + 1].start) if index + 1 < len(inside) else len(text)
        try:
            value = _value(span, span.category)
        except (ParseError, AttributeError, ValueError):
            continue  # the figure patterns only pass parseable text; nothing else reaches here
        found = Found(Span(local(span.start), local(span.end), span.category, span.text), span.category, value, area=dict(area))
        before, after = text[:found.span.start], text[found.span.end:]
        _change(found, before)
        _bound(found, before)
        _window(found, sentence, non_figures, after)
        measure, label = _measure_for(found, text, previous_end, next_start, aliases, units, first_label)
        found.label = _tidy_label(label) or _tidy_label(text)
        if measure:
            found.measure = measure
            first_label = first_label or label
        _area_and_time(found, before, after, sentence.text)
        found_list.append(found)
    _inherit_change_measures(found_list, text)
    _inherit_from_to(found_list, text)
    _attach_financial_years(found_list, sentence, non_figures)
    rows = []
    for found in found_list:
        clause_end = next((f.span.start for f in found_list if f.span.start > found.span.end), len(text))
        _qualifiers(found, text if found.kind == "level" else text[found.span.start:clause_end])
        rows.append(_row(found, plain, sentence, source_id, period))
    if not found_list and sentence.reported_rag:
        rows += _statement_rows(plain, sentence, aliases, source_id, period, catalogue, area)
    return rows


def _area_and_time(found: Found, before: str, after: str, sentence: str) -> None:
    if text_rules.ENGLAND_CUES.match(after) or text_rules.ENGLAND_CUES_BEFORE.search(before) \
            or re.search(r"compared\s+with\s*$", before) and "country as a whole" in after:
        found.area = dict(ENGLAND)
    if text_rules.A_YEAR_AGO.match(after):
        found.flags.append("period=a year before")
        found.notes.append("the figure for a year earlier")


def _inherit_change_measures(found_list: list[Found], text: str) -> list[Found]:
    """A change with no alias of its own is about the level(s) before it ("... (587) and CIN (579)
    have fallen by over 100 cases each")."""
    for position, found in enumerate(list(found_list)):
        if found.kind != "change" or found.measure != "unmapped":
            continue
        levels = [f for f in found_list[:position] if f.kind == "level" and f.measure != "unmapped"]
        if not levels:
            continue
        after = text[found.span.end:]
        targets = levels if text_rules.EACH_AFTER.match(after) else levels[-1:]
        found.measure, found.label = targets[0].measure, f"change in {targets[0].label}"
        for extra in targets[1:]:
            copy = Found(found.span, found.unit, found.value, found.kind, found.bound, extra.measure,
                         f"change in {extra.label}", list(found.flags), list(found.notes), dict(found.area))
            found_list.insert(found_list.index(found) + 1, copy)
    return found_list


def _inherit_from_to(found_list: list[Found], text: str) -> None:
    """"reduced from 600 a year ago to 100": the second figure is the same measure as the first."""
    for earlier, later in zip(found_list, found_list[1:]):
        between = text[earlier.span.end:later.span.start]
        if later.measure == "unmapped" and earlier.measure != "unmapped" and later.unit == earlier.unit \
                and re.fullmatch(r"[\w\s]*\bto\s*", between) and re.search(r"\bfrom\s*$", text[:earlier.span.start]):
            later.measure, later.label = earlier.measure, earlier.label


def _attach_financial_years(found_list: list[Found], sentence: Sentence, non_figures: list[Span]) -> None:
    """Financial years named in the sentence belong to the nearest money figure."""
    years = [s for s in non_figures if s.category == "financial_year" and sentence.start <= s.start < sentence.end]
    money = [f for f in found_list if f.unit == "gbp"]
    if not years or not money:
        return
    claimed: dict[int, list] = {}
    for year in years:
        offset = year.start - sentence.start
        nearest = min(money, key=lambda f: (abs(f.span.start - offset), f.span.start > offset))
        claimed.setdefault(id(nearest), []).append(parse_financial_year(year.text))
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


_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4}


def _span_years(found: Found, first_year: str, count: str) -> None:
    """"£10.2m over two years (of which £4.2m was spent in 2018/19)": two years from the first named."""
    years = _WORD_NUMBERS.get(count.lower()) or int(count)
    first = parse_financial_year(first_year)
    last_start = first.start.year + years - 1
    label = f"{first.label} to {last_start}-{(last_start + 1) % 100:02d}"
    found.period = (first.start, date(last_start + 1, 3, 31), label)
    found.flags.append("period_inferred")
    found.notes.append(f"over {count} years, taken to start in {first.label}, the year the sentence names")


def _year_before(day: date) -> date:
    return day.replace(year=day.year - 1, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year - 1)


def _months_before(end: date, window: str) -> date:
    """The first day of a change's window: '3 months' before a period ending 31 October 2019 -> 1 August 2019."""
    number, unit = window.split()
    months = int(number) * {"month": 1, "months": 1, "quarter": 3, "quarters": 3, "year": 12, "years": 12}.get(unit, 0)
    if not months:
        return end
    total = end.year * 12 + end.month - 1 - months + 1
    return date(total // 12, total % 12 + 1, 1)


def _row(found: Found, plain: str, sentence: Sentence, source_id, period) -> dict:
    start, end, label = found.period or period or (None, None, None)
    if found.period is None and period is not None:
        found.flags.append("period_from_document")  # the sentence names no period of its own
    if "period=a year before" in found.flags and start:
        start, end, label = _year_before(start), _year_before(end), f"a year before: {label}"
    window = next((flag.split("=", 1)[1] for flag in found.flags if flag.startswith("window=")), None)
    if window and start:
        start, label = _months_before(end, window), f"{window} to {label}"
    line = _line_of(plain, sentence.start + found.span.start)
    where = f"paragraph {sentence.paragraph}, line {line}" if sentence.paragraph else f"line {line}"
    return {
        **found.area,
        "measure": found.measure, "label": found.label, "period_start": start, "period_end": end,
        "period_label": label, "kind": found.kind, "value": found.value,
        "as_written": found.span.text if found.span.category != "statement" else None, "unit": found.unit, "bound": found.bound,
        "source_id": source_id, "locator": where, "quote": re.sub(r"\s+", " ", sentence.text),
        "status": "reported", "flags": tuple(found.flags), "note": "; ".join(found.notes) or None,
        "reported_rag": sentence.reported_rag,
    }


def _statement_rows(plain: str, sentence: Sentence, aliases, source_id, period, catalogue, area) -> list[dict]:
    """An indicator a paper judges without giving a number ("Caseloads are below target ...")."""
    matched = _aliases_in(sentence.text, aliases)
    if not matched:
        return []
    start, end, measure = matched[0]
    found = Found(Span(start, end, "statement", sentence.text[start:end]), catalogue.measure(measure).unit, None,
                  measure=measure, label=sentence.text[start:end], area=dict(area))
    found.notes.append("the paper states no value")
    _qualifiers(found, sentence.text)
    return [_row(found, plain, sentence, source_id, period)]
