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
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd

from croydon_kpi.catalogue.measures import Catalogue, load_catalogue
from croydon_kpi.core import schema
from croydon_kpi.core.normalise import MONTHS, parse_financial_year, parse_money, parse_percent
from croydon_kpi.errors import ParseError
from croydon_kpi.readers import text_rules

# A paper's figures are about the paper's area (the paper catalogue says which); with none given
# the area stays unknown rather than guessed.
NO_AREA = {"area_code": None, "old_la_code": None, "area_name": None, "area_level": None}
ENGLAND = {"area_code": "E92000001", "old_la_code": None, "area_name": "England", "area_level": "national"}
# Single characters swapped for their plain forms, so offsets into the text stay the same.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


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


_SENTENCE_END = re.compile(
    r"(?<=[.!?;])\s+(?=[A-Z\"'(£\d-])|\n[ \t]*\n(?![ \t\n]*[a-z])|\n(?=[ \t]*(?:[-•*]\s|\d+(?:\.\d+)+\s|\d+\.\s|[A-Z][A-Z ,'&/-]{6,}$))",
    re.MULTILINE,
)
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
    line: int = 0  # the line (from 1) the sentence starts on

    def line_of(self, local_offset: int) -> int:
        return self.line + self.text.count("\n", 0, local_offset)


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
        matches = (
            _at_digits(pattern, text, digits)
            if category in text_rules.DIGIT_FIRST
            else _in_windows(
                pattern, text, _windows(text, pattern if pattern in text_rules.PATTERN_TRIGGERS else category)
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
_NUMBER_WORD = re.compile(rf"\b(?:{text_rules._WORD}|half|thirds?|quarters?|fifths?)\b", re.IGNORECASE)


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


def _in_windows(pattern: re.Pattern, text: str, windows: list[tuple[int, int]]):
    """pattern.finditer(text), looked for only in the windows where a match can be (text_rules.
    RULE_TRIGGERS): the windows hold every match whole, so the matches are the same."""
    for low, high in windows:
        yield from pattern.finditer(text, low, high)


@lru_cache(maxsize=128)
def _windows(text: str, rule) -> list[tuple[int, int]]:
    """Merged [start, end) windows around every trigger of the rule (a pattern with triggers of
    its own, else a category) in the text."""
    triggers = (
        text_rules.PATTERN_TRIGGERS.get(rule) if isinstance(rule, re.Pattern) else text_rules.RULE_TRIGGERS.get(rule)
    )
    if triggers is None:
        return [(0, len(text))]
    around = []
    for trigger, reach in triggers.items():
        around += [(max(0, at - reach), at + len(trigger) + reach) for at in _trigger_positions(text, trigger)]
    merged: list[tuple[int, int]] = []
    for low, high in sorted(around):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    # A window ends a little past its reach, so that a lookahead at a match's end sees what a scan would.
    return [(low, min(len(text), high + 20)) for low, high in merged]


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


def _spans_within(spans: list[Span], starts: list[int], low: int, high: int) -> list[Span]:
    """The spans (sorted by start) that start in [low, high)."""
    return spans[bisect.bisect_left(starts, low) : bisect.bisect_left(starts, high)]


def non_figure_spans(text: str) -> list[Span]:
    spans = _claim(_plain(text), text_rules.NON_FIGURE_RULES, [])
    # "2020-2024" has the shape of a financial year but is a span of years: named for what it is.
    spans = [
        Span(s.start, s.end, "year_range", s.text)
        if s.category == "financial_year" and re.search(r"\d{4}\D+\d{4}", s.text) and _financial_year(s.text) is None
        else s
        for s in spans
    ]
    return sorted(spans, key=lambda s: s.start)


def _financial_year(text: str):
    try:
        return parse_financial_year(text)
    except ParseError:
        return None


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


# --- sentences ------------------------------------------------------------------------------


def sentences(text: str) -> list[Sentence]:
    """Sentences with the council's paragraph number (3.16) and any RAG heading they sit under."""
    plain = _plain(text)
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(plain)] + [len(plain)]
    newlines = [match.start() for match in re.finditer("\n", plain)]
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
        line = bisect.bisect_left(newlines, offset) + 1
        found.append(Sentence(offset, offset + len(stripped), stripped, paragraph, rag, line))
    return found


# --- measures by alias ----------------------------------------------------------------------


@dataclass(frozen=True)
class AliasTable:
    """The catalogue's aliases, each (order, (pattern, measure id, alias, first word)), longest
    first, indexed by first word: a text is tried only against aliases whose first word it holds."""

    by_first_word: dict[str, list]
    others: list  # aliases whose first word is not a plain word, tested by substring


def _alias_table(catalogue: Catalogue) -> AliasTable:
    entries = []
    for measure in catalogue.measures.values():
        for alias in measure.aliases:
            plain = _plain(alias)
            words = r"\s+".join(re.escape(word) for word in plain.split())
            entries.append(
                (re.compile(rf"(?<![\w]){words}(?![\w])", re.IGNORECASE), measure.id, plain, plain.split()[0].lower())
            )
    entries.sort(key=lambda entry: -len(entry[2]))  # the longest alias wins
    by_first_word: dict[str, list] = {}
    others = []
    for order, entry in enumerate(entries):
        (by_first_word.setdefault(entry[3], []) if _WORDS.fullmatch(entry[3]) else others).append((order, entry))
    return AliasTable(by_first_word, others)


def _aliases_in(text: str, aliases: AliasTable) -> list[tuple[int, int, str]]:
    claimed: list[tuple[int, int, str]] = []
    lowered = text.lower()
    candidates = sorted(
        [entry for word in set(_WORDS.findall(lowered)) for entry in aliases.by_first_word.get(word, ())]
        + [entry for entry in aliases.others if entry[1][3] in lowered]
    )
    for _, (pattern, measure_id, _, _) in candidates:
        for match in pattern.finditer(text):
            if not any(match.start() < e and s < match.end() for s, e, _ in claimed):
                claimed.append((match.start(), match.end(), measure_id))
    return sorted(claimed)


_WORDS = re.compile(r"[\w'-]+")


# Which measure units a figure written in a given unit can belong to.
COMPATIBLE_UNITS = {
    "percent": {"percent"},
    "gbp": {"gbp"},
    "rate_per_10k": {"rate_per_10k"},
    "rate_per_100k": {"rate_per_100k"},
    "fte": {"fte"},
    "days": {"days"},
    "count": {"count", "ratio", "fte", "days"},
}


def _best_alias(found: Found, text: str, aliases, units: dict) -> str | None:
    """The longest alias in the text whose measure can be written in the figure's unit."""
    return _best_alias_with_end(found, text, aliases, units)[0]


def _clause_before(text: str) -> str:
    """The end of `text` from its last clause boundary: the words that can name a figure before it."""
    boundaries = list(text_rules.CLAUSE_BOUNDARY.finditer(text))
    return text[boundaries[-1].end() :] if boundaries else text


def _clause_after(text: str) -> str:
    boundary = text_rules.CLAUSE_BOUNDARY.search(text)
    return text[: boundary.start()] if boundary else text


def _measure_for(found: Found, sentence: str, previous_end: int, next_start: int, aliases, units, first_label):
    """(measure or None, label, end of the alias used after the figure or None). A measure needs
    evidence: its alias in the figure's own clause (before it since the previous figure, else
    after it to the next) and a unit the measure can be written in."""
    local_start, local_end = found.span.start, found.span.end
    before_text = _clause_before(sentence[previous_end:local_start])
    after_text = _clause_after(sentence[local_end:next_start])
    measure = _best_alias(found, before_text, aliases, units)
    if measure:
        return measure, before_text, None
    measure, alias_end = _best_alias_with_end(found, after_text, aliases, units)
    if measure and _names_the_figure(sentence[:local_start], after_text[alias_end:]):
        return measure, after_text, local_end + alias_end
    # An alias in the figure's own noun phrase ("seven children in care known to ...") describes
    # this figure even when it is not its measure: it is no evidence for the next figure.
    phrase_end = _alias_in_noun_phrase(after_text, aliases)
    consumed = local_end + phrase_end if phrase_end else None
    # "Foster Carer visits (85%) and reviews (77%)": borrow the first label's words for the head noun.
    between = re.sub(r"^[\s)(,]*(?:and|or|with)?\s*|[\s(]*$", "", sentence[previous_end:local_start])
    if first_label and re.fullmatch(r"[A-Za-z]+", between or ""):
        borrowed = re.sub(r"\w+\s*$", between, first_label.rstrip(" (")).strip()
        measure = _best_alias(found, borrowed, aliases, units)
        if measure:
            return measure, borrowed, consumed
    # No measure: the figure's description is its own clause's words ("59% of reviews were late").
    own_before = before_text.strip(" (-,")
    own_after = after_text.strip(" )-,")
    if re.match(r"^\)?\s*of\b", after_text) or not re.search(r"[A-Za-z]{3}", own_before):
        return None, own_after or own_before, consumed
    if len(re.findall(r"[A-Za-z]{2,}", own_before)) < 2:  # "compared with 30%": the clause alone says too little
        own_before = sentence[previous_end:local_start].strip(" (-,")
    return None, own_before or own_after, consumed


def _alias_in_noun_phrase(after: str, aliases) -> int | None:
    """The end of an alias that starts within two words after a figure, else None."""
    lead = re.match(r"^\s*(?:[\w'-]+\s+){0,2}", after)
    found = [end for start, end, _ in _aliases_in(after[: lead.end() + 60], aliases) if start <= lead.end()]
    return min(found) if found else None


def _names_the_figure(before: str, after_alias: str) -> bool:
    """An alias after a figure names it only where it ends the figure's noun phrase ("551 children
    looked after, ..." but not "90 PLO targets") and no verb acts on the figure ("referred 105
    children in care" counts some of them, not all)."""
    acted_on = re.search(r"\b[a-z]{3,}ed\s+$", before) and not re.search(
        r"\b(?:increased|decreased|reduced|risen|fallen|dropped)\s+$", before
    )
    next_word = re.match(r"^\s+([A-Za-z]+)", after_alias)
    ends_phrase = not next_word or next_word.group(1).lower() in _FUNCTION_WORDS
    return ends_phrase and not acted_on


# Words that can follow a noun phrase without extending it ("children in care were", "... in touch a decrease").
_FUNCTION_WORDS = set(
    """a an the were was is are be been being have has had who whom which that than in at on with of from to and or
nor but for during by since as this these those last this next per across against over under between remain remains remained
stood stands rose fell increased decreased dropped reduced has continue continues compared""".split()
)


def _best_alias_with_end(found: Found, text: str, aliases, units: dict):
    """(measure, where its alias ends) for the longest fitting alias (the first of equal ones), or (None, None)."""
    fitting = [
        (end - start, -start, measure, end)
        for start, end, measure in _aliases_in(text, aliases)
        if units[measure] in COMPATIBLE_UNITS[found.unit]
    ]
    if not fitting:
        return None, None
    best = max(fitting)
    return best[2], best[3]


# --- one figure's attributes ---------------------------------------------------------------

# What each figure rule's matches are stored as: words and fractions are counts and percentages;
# percentage points are a change in a percentage.
UNIT_OF_RULE = {"count_word": "count", "fraction": "percent", "percentage_points": "percent"}


def _value(span: Span, unit: str) -> float:
    text = span.text
    if unit == "gbp":
        bracketed = "(" in text  # "(£0.4m)" and "£(0.4)m": accounts' negatives
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


def _change(found: Found, before: str, after: str = "") -> None:
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
    _percent_change_is_ambiguous(found)


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


def extract_figures(
    text: str,
    source_id: str | None = None,
    period: tuple[date, date, str] | None = None,
    catalogue: Catalogue | None = None,
    area: dict | None = None,
    sections: dict[str, tuple[date, date, str]] | None = None,
    unreadable: list | None = None,
) -> pd.DataFrame:
    """Every figure stated in `text`, one row each, in the store's schema.

    `period` is (start, end, label) for figures whose sentence names no period of its own.
    `area` is the paper's own area (area_code, old_la_code, area_name, area_level); without it
    the area of a figure the sentence does not place is left unknown. `sections` gives some
    numbered paragraphs ("3.16") a period of their own (a performance overview reported earlier).
    `unreadable`, a list, collects the sentences the rules cannot read (line, sentence, reason)
    instead of raising; without it such a sentence raises, so that tests see it.
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
        try:
            rows += _sentence_rows(
                plain,
                sentence,
                _spans_within(non_figures, non_figure_starts, sentence.start, sentence.end),
                _spans_within(figures, figure_starts, sentence.start, sentence.end),
                aliases,
                source_id,
                own_period,
                catalogue,
                {**NO_AREA, **(area or {})},
                units,
            )
        except (ParseError, ValueError, KeyError, IndexError, AttributeError, OverflowError) as error:
            # One sentence the rules cannot read never stops a paper (or a build): it is listed instead.
            if unreadable is None:
                raise
            unreadable.append(
                {
                    "line": sentence.line,
                    "sentence": sentence.text[:200],
                    "reason": f"a sentence the extractor cannot read ({type(error).__name__}: {error})",
                }
            )
    frame = pd.DataFrame(rows)
    return schema.conform(frame) if len(frame) else schema.empty_figures()


def _tidy_label(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" -•*(),.;:\"'")
    return re.sub(r"^(?:and|or|of|with|the|\d+(?:\.\d+)+)\s+", "", text, flags=re.IGNORECASE).strip()


def _sentence_rows(
    plain, sentence, non_figures, figures, aliases, source_id, period, catalogue, area, units=None
) -> list[dict]:
    units = units or {measure.id: measure.unit for measure in catalogue.measures.values()}
    inside = [f for f in figures if sentence.start <= f.start < sentence.end]
    local = lambda offset: offset - sentence.start
    text = sentence.text
    found_list: list[Found] = []
    first_label, consumed = None, 0
    rate_bases = [s for s in non_figures if s.category == "rate_base"]
    for index, span in enumerate(inside):
        previous_end = max(local(inside[index - 1].end) if index else 0, consumed)
        next_start = local(inside[index + 1].start) if index + 1 < len(inside) else len(text)
        value = _value(span, span.category)
        unit = _rate_unit(span, inside[:index], rate_bases) or UNIT_OF_RULE.get(span.category, span.category)
        found = Found(Span(local(span.start), local(span.end), span.category, span.text), unit, value, area=dict(area))
        # The words a rule reads lie just before and after the figure: rules see that much, not the
        # whole sentence (a rule anchored at the figure would otherwise scan every position before it).
        before, after = (
            text[max(0, found.span.start - 160) : found.span.start],
            text[found.span.end : found.span.end + 160],
        )
        for rule in (_change, _change_after, _percentage_points, _target, _forecast, _money_sign, _comparator):
            rule(found, before, after)
        _bound(found, before)
        _window(found, sentence, non_figures, after)
        measure, label, alias_end = _measure_for(found, text, previous_end, next_start, aliases, units, first_label)
        found.label = _tidy_label(label) or _tidy_label(text)
        if measure:
            found.measure = measure
            first_label = first_label or label
        consumed = alias_end or consumed  # an alias after one figure is not evidence for the next
        _a_year_before(found, after)
        found_list.append(found)
    _ranges(found_list, text)
    _inherit_change_measures(found_list, text)
    _inherit_from_to(found_list, text)
    _attach_financial_years(found_list, sentence, non_figures)
    _attach_months(found_list, sentence, non_figures)
    rows = []
    for found in found_list:
        clause_end = next((f.span.start for f in found_list if f.span.start > found.span.end), len(text))
        _qualifiers(found, text if found.kind == "level" else text[found.span.start : clause_end])
        rows.append(_row(found, plain, sentence, source_id, period))
    if not found_list and sentence.reported_rag:
        rows += _statement_rows(plain, sentence, aliases, source_id, period, catalogue, area)
    return rows


def _rate_unit(span: Span, earlier: list[Span], rate_bases: list[Span]) -> str | None:
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


def _change_after(found: Found, before: str, after: str) -> None:
    """ "a 27% reduction", "24% down on", "12 fewer than", "down 12%": a change, with its direction."""
    if found.kind != "level":
        return
    match = text_rules.CHANGE_AFTER.match(after)
    word_before = text_rules.CHANGE_WORD_BEFORE.search(before)
    if not (match or word_before):
        return
    word = (match.group("word") if match else word_before.group("word")).lower()
    if word in ("more", "less", "fewer", "higher", "lower") and not re.match(r"^\s*\w+\s+(?:than|on|compared)", after):
        if word in ("more", "less") or not match:
            return  # "5 more children": a change only when compared ("more than last year")
    found.kind = "change"
    if word in text_rules.FALLING_AFTER:
        found.value = -abs(found.value)
        found.notes.append("direction: down")
    else:
        found.notes.append("direction: up")
    _percent_change_is_ambiguous(found)


def _percent_change_is_ambiguous(found: Found) -> None:
    if found.unit == "percent" and found.span.category != "percentage_points":
        found.flags.append("ambiguous_pp_or_relative")
        found.notes.append("'%' may mean percentage points or a relative change; the source does not say")


def _percentage_points(found: Found, before: str, after: str) -> None:
    if found.span.category == "percentage_points":
        found.kind = "change"
        found.flags.append("percentage_points")
        found.notes.append("a change in percentage points")


def _target(found: Found, before: str, after: str) -> None:
    if found.kind == "level" and text_rules.TARGET_BEFORE.search(before):
        found.kind = "target"


def _forecast(found: Found, before: str, after: str) -> None:
    """Forecast where the sentence says so: a forecasting word before the figure, or just after it."""
    if found.kind == "level" and (
        text_rules.FORECAST_BEFORE.search(_clause_before(before)) or text_rules.FORECAST_AFTER.match(after)
    ):
        found.kind = "forecast"


def _money_sign(found: Found, before: str, after: str) -> None:
    """An underspend is negative, an overspend positive; "-£5m" is negative unless the dash joins a range."""
    if found.unit != "gbp":
        return
    if text_rules.UNDERSPEND_BEFORE.search(before[-60:]) or text_rules.UNDERSPEND_AFTER.match(after):
        found.value = -abs(found.value)
        found.flags.append("variance=underspend")
    elif re.search(r"(?:^|[\s(:])-\s?$", before) and found.value > 0:
        found.value = -found.value
    elif found.value > 0 and text_rules.OVERSPEND_NEAR.search(
        _clause_before(before)[-60:] + " " + _clause_after(after)[:30]
    ):
        found.flags.append("variance=overspend")


def _comparator(found: Found, before: str, after: str) -> None:
    """A figure for England, a region or statistical neighbours: its own area, or marked as a comparator."""
    for whose, pattern in text_rules.COMPARATOR_BEFORE:
        match = pattern.search(before[-120:])
        if not match:
            continue
        if whose == "national":
            found.area = dict(ENGLAND)
        elif whose == "regional":
            name = next((v for k, v in text_rules.REGION_NAMES.items() if k in match.group().lower()), None)
            found.area = {**NO_AREA, "area_name": name, "area_level": "regional"} if name else dict(NO_AREA)
        else:
            found.area = dict(NO_AREA)
            found.kind = "comparator"
            found.notes.append("the statistical neighbours' figure")
        found.flags.append(f"comparator={whose}")
        return
    if (
        text_rules.ENGLAND_CUES.match(after)
        or re.search(r"compared\s+with\s*$", before)
        and "country as a whole" in after
    ):
        found.area = dict(ENGLAND)
        found.flags.append("comparator=national")
        return
    region = text_rules.REGION_AFTER.match(after)
    if region:
        name = text_rules.REGION_NAMES.get(
            re.sub(r"\s+", " ", region.group("region").lower()).replace(" and the humber", "")
        )
        found.area = {**NO_AREA, "area_name": name, "area_level": "regional"}
        found.flags.append("comparator=regional")


def _ranges(found_list: list[Found], text: str) -> None:
    """ "£10m-£12m", "between 20 and 25": a range, its low and high each a figure of kind range."""
    for low, high in zip(found_list, found_list[1:]):
        between = text[low.span.end : high.span.start]
        joined = text_rules.RANGE_BETWEEN.match(between) or (
            text_rules.RANGE_AND.match(between) and text_rules.BETWEEN_BEFORE.search(text[: low.span.start])
        )
        if not joined or low.unit not in (high.unit, "count"):
            continue
        if low.unit == "count" and high.unit != "count":
            low.unit = high.unit
        high.value = (
            abs(high.value) if high.unit == "gbp" else high.value
        )  # the dash joins the two: it is no minus sign
        for found, end in ((low, "low"), (high, "high")):
            found.kind, found.bound = "range", ("at_least" if end == "low" else "at_most")
            found.flags.append(f"range={end}")
        high.measure = high.measure if high.measure != "unmapped" else low.measure


def _attach_months(found_list: list[Found], sentence: Sentence, non_figures: list[Span]) -> None:
    """A month named with the figure dates it: "146 in February 2018", "In January 2021 there were 617"."""
    months = [
        s
        for s in non_figures
        if s.category == "date"
        and text_rules.MONTH_YEAR.match(s.text.strip())
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
                and text_rules.DATE_RIGHT_AFTER.match(text[found.span.end : m.start - sentence.start])
            ),
            None,
        )
        opening = next(
            (
                m
                for m in months
                if m.start - sentence.start < found.span.start
                and position == 0
                and text_rules.DATE_OPENS.match(text[: m.start - sentence.start])
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


def _a_year_before(found: Found, after: str) -> None:
    if text_rules.A_YEAR_AGO.match(after):
        found.flags.append("period=a year before")
        found.notes.append("the figure for a year earlier")


def _inherit_change_measures(found_list: list[Found], text: str) -> list[Found]:
    """A change with no alias of its own is about the level(s) before it ("... (587) and CIN (579)
    have fallen by over 100 cases each")."""
    for position, found in enumerate(list(found_list)):
        if found.kind != "change" or found.measure != "unmapped":
            continue
        levels = [
            f for f in found_list[:position] if f.kind == "level" and f.measure != "unmapped" and f.unit == found.unit
        ]
        if not levels:
            continue
        after = text[found.span.end :]
        targets = levels if text_rules.EACH_AFTER.match(after) else levels[-1:]
        found.measure, found.label = targets[0].measure, f"change in {targets[0].label}"
        for extra in targets[1:]:
            copy = Found(
                found.span,
                found.unit,
                found.value,
                found.kind,
                found.bound,
                extra.measure,
                f"change in {extra.label}",
                list(found.flags),
                list(found.notes),
                dict(found.area),
            )
            found_list.insert(found_list.index(found) + 1, copy)
    return found_list


def _inherit_from_to(found_list: list[Found], text: str) -> None:
    """ "reduced from 600 a year ago to 100": the second figure is the same measure as the first."""
    for earlier, later in zip(found_list, found_list[1:]):
        between = text[earlier.span.end : later.span.start]
        if (
            later.measure == "unmapped"
            and earlier.measure != "unmapped"
            and later.unit == earlier.unit
            and re.fullmatch(r"[\w\s]*\bto\s*", between)
            and re.search(r"\bfrom\s*$", text[: earlier.span.start])
        ):
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
        readable = _financial_year(year.text)
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
    line = sentence.line_of(found.span.start)
    where = f"paragraph {sentence.paragraph}, line {line}" if sentence.paragraph else f"line {line}"
    return {
        **found.area,
        "measure": found.measure,
        "label": found.label,
        "period_start": start,
        "period_end": end,
        "period_label": label,
        "kind": found.kind,
        "value": found.value,
        "as_written": found.span.text if found.span.category != "statement" else None,
        "unit": found.unit,
        "bound": found.bound,
        "source_id": source_id,
        "locator": where,
        "quote": re.sub(r"\s+", " ", sentence.text),
        "status": "reported",
        "flags": tuple(found.flags),
        "note": "; ".join(found.notes) or None,
        "reported_rag": sentence.reported_rag,
    }


def _statement_rows(plain: str, sentence: Sentence, aliases, source_id, period, catalogue, area) -> list[dict]:
    """An indicator a paper judges without giving a number ("Caseloads are below target ...")."""
    matched = _aliases_in(sentence.text, aliases)
    if not matched:
        return []
    start, end, measure = matched[0]
    found = Found(
        Span(start, end, "statement", sentence.text[start:end]),
        catalogue.measure(measure).unit,
        None,
        measure=measure,
        label=sentence.text[start:end],
        area=dict(area),
    )
    found.notes.append("the paper states no value")
    _qualifiers(found, sentence.text)
    return [_row(found, plain, sentence, source_id, period)]
