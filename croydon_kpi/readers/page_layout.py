"""A paper read as lines and blocks before sentences (issue 26): papers arrive from a PDF or a
committee system with their page furniture in the text, and a number in the furniture is never a
figure. `read_layout(text)` marks, line by line:

- furniture, whole lines that never yield a figure: page numbers alone on a line ("Page 3 of 12",
  "- 7 -", a bare "14" where something says it is a page's), footers ending with their page,
  running headers and footers (the same line beside several page ends), contents lists (a heading,
  then its page number alone on the next line, or dotted leaders to it);
- markers at a line's start: paragraph numbers ("2.1 /", "3.1-", "2.2<tab>"), which stay the
  figure's locator, list markers ("(1)", "1)") and agenda item numbers before a heading
  ("61 BUDGET MONITORING 2023/24");
- money tables: a block whose header line says "£m" or "£000" gives that scale to the "£2.995" in
  its cells.

Offsets are the text's own. `without_furniture()` blanks the furniture lines (same length), so that
a sentence broken by a page end reads on across it, and no furniture joins a sentence;
`number_spans_of()` runs the number rules on the text with the furniture taken out ("within 15"
and "working days" either side of a page end are one threshold) and gives their spans back in the
text's offsets.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from croydon_kpi.readers.number_spans import Span, figure_spans, non_figure_spans

# A line that is only a page number.
PAGE_NUMBER = re.compile(
    r"(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?|-\s*\d{1,4}\s*-|\d{1,4}\s*\|\s*page|\[\s*\d{1,4}\s*\]", re.IGNORECASE
)
# A footer ending with its page's number ("Cabinet 14 November 2006   Page 7 of 20", "Report title | 7").
# Set apart by a wide space, a tab or a bar, or "of" the pages: a wrapped line ending "as shown on page 7" is prose.
FOOTER_WITH_PAGE = re.compile(
    r"[^.;:%£]{3,100}?(?:(?:\s{2,}|\t|\s*\|\s*)page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\s+page\s+\d{1,4}\s+of\s+\d{1,4})",
    re.IGNORECASE,
)
# A bare number alone on a line is a page's only where something says so: the next or last page's
# number near it, a running header or footer or a form feed beside it, or a contents entry before
# it. Else it is a figure laid out on a line of its own ("Children in care" then "278").
BARE_NUMBER = re.compile(r"\d{1,4}")
PAGE_STEP = 5
# A contents entry with dotted leaders to its page: "6. Missing from Care .......... 10".
CONTENTS_LEADERS = re.compile(r"(?:\d{1,2}(?:\.\d+)*\.?\s+)?[A-Za-z][^%£]{2,80}?\s*(?:\.\s?){3,}\s*\d{1,4}")
# A line that is only a number (a table's cell, one a line, looks the same): not a page number
# where its neighbours are numbers too.
LONE_NUMBER = re.compile(r"[(£-]?\s*\d[\d,.]*\s*(?:%|m|k)?\)?")
# A line repeated on pages: long enough to be a header, not a sentence's end, holding a letter.
RUNNING_MIN_LENGTH, RUNNING_MAX_LENGTH = 8, 120
PAGE_END_REACH = 4  # lines between a running header or footer and its page's number
SENTENCE_END = re.compile(r"[.;:,]$")
# A contents entry: a short heading, numbered or not, with its page number alone on the next line.
CONTENTS_ENTRY = re.compile(r"(?:\d{1,2}(?:\.\d+)*\.?\s+)?[A-Z][^.;:%£]{2,70}")
# Markers at a line's start. A paragraph number is followed by a slash, a dash, a tab or a space.
# A decimal figure opening a line ("63.3 per cent of ...") is no paragraph number: units follow it.
PARAGRAPH_MARKER = re.compile(
    r"[ \t]*(?:[-•*][ \t]*)?(?P<number>\d{1,2}(?:\.\d{1,2})+)\.?(?:[ \t]*[/-](?=[ \t])|\t|(?=[ \t])"
    r"(?![ \t]*(?:per\b|percent|pc\b|%|ftes?\b|days|weeks|months|years|million|bn\b|m\b|k\b|of\b|times\b)))",
    re.IGNORECASE,
)
LIST_MARKER = re.compile(r"[ \t]*(?:\(\d{1,2}\)|\d{1,2}\))(?=[ \t])")
# An agenda item's number before its heading: "61 BUDGET MONITORING 2023/24", "29 Bi-annual Progress report"
# ("1. RECOMMENDATIONS", with its dot, is a section's number: text_rules' paragraph_number).
ITEM_HEADING = re.compile(r"[ \t]*(?P<number>\d{1,3})[ \t]+(?P<heading>[A-Z][A-Za-z'&,/()-]*(?:[ \t]+\S+){0,11})")
# A money table's header: its cells' scale ("£m", "£'000", "£000s", "£ million").
MONEY_HEADER = re.compile(r"£\s*(?P<scale>m\b|million\b|'?000s?\b|k\b)|\((?P<bracketed>£m|£'?000s?)\)", re.IGNORECASE)
SCALES = {"m": 1_000_000, "million": 1_000_000, "k": 1_000}


@dataclass(frozen=True)
class Layout:
    """What a paper's lines are: furniture (whole lines), markers (at a line's start) and money
    tables' cells with their scale ((start, end, factor) of each block)."""

    furniture: list[Span]
    markers: list[Span]
    money_scales: list[tuple[int, int, int]]

    def non_figures(self) -> list[Span]:
        return sorted(self.furniture + self.markers, key=lambda span: span.start)


@dataclass(frozen=True)
class _Line:
    start: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _lines(text: str) -> list[_Line]:
    lines, at = [], 0
    for raw in text.split("\n"):
        lines.append(_Line(at, raw))
        at += len(raw) + 1
    return lines


@lru_cache(maxsize=8)
def read_layout(text: str) -> Layout:
    """The furniture, markers and money tables of a text (plain text: offsets are the text's)."""
    lines = _lines(text)
    repeated = _repeated_lines(lines)
    pages = _page_numbers(lines, repeated)
    furniture, markers, paragraph = [], [], None
    for index, line in enumerate(lines):
        category = "page_number" if index in pages else _furniture_category(lines, index, repeated)
        if category:
            furniture.append(Span(line.start, line.end, category, line.text))
            continue
        marker = _marker(lines, index, paragraph)
        if marker:
            markers.append(marker)
            paragraph = marker.text if marker.category == "paragraph_number" else paragraph
    return Layout(furniture, markers, _money_tables(lines))


def _repeated_lines(lines: list[_Line]) -> set[str]:
    """Running headers and footers: a line repeated on several pages, next to a page's end (a page
    number alone on a line, a form feed) each time but one (the first page's header has no page end
    before it). A line a paper merely repeats (a table's row in two tables) is no header: no page
    end stands by it."""
    ends = [index for index, line in enumerate(lines) if "\f" in line.text or _ends_a_page(line.stripped)]
    candidates = [
        index
        for index, line in enumerate(lines)
        if RUNNING_MIN_LENGTH <= len(line.stripped) <= RUNNING_MAX_LENGTH
        and re.search(r"[A-Za-z]", line.stripped)
        and not SENTENCE_END.search(line.stripped)
    ]
    counts = Counter(lines[index].stripped for index in candidates)
    near_an_end = Counter(lines[index].stripped for index in candidates if _near(ends, index))
    return {line for line, count in counts.items() if count >= 2 and near_an_end[line] >= count - 1}


def _ends_a_page(stripped: str) -> bool:
    return bool(PAGE_NUMBER.fullmatch(stripped) or FOOTER_WITH_PAGE.fullmatch(stripped))


def _near(ends: list[int], index: int) -> bool:
    at = bisect.bisect_left(ends, index - PAGE_END_REACH)
    return at < len(ends) and ends[at] <= index + PAGE_END_REACH


def _neighbour(lines: list[_Line], index: int, step: int) -> str:
    """The nearest non-blank line before (step -1) or after (step 1), stripped."""
    index += step
    while 0 <= index < len(lines):
        if lines[index].stripped:
            return lines[index].stripped
        index += step
    return ""


def _furniture_category(lines: list[_Line], index: int, repeated: set[str]) -> str | None:
    stripped = lines[index].stripped
    if not stripped:
        return None
    if stripped in repeated:
        return "running_header"
    if FOOTER_WITH_PAGE.fullmatch(stripped):
        return "page_number"
    if CONTENTS_LEADERS.fullmatch(stripped):
        return "contents"
    following = lines[index + 1].stripped if index + 1 < len(lines) else ""
    entry = CONTENTS_ENTRY.fullmatch(stripped)
    if entry and PAGE_NUMBER.fullmatch(following) and _starts_block(lines, index):
        if _is_heading(re.sub(r"^[\d.]+\s+", "", stripped)):
            return "contents"
    return None


def _page_numbers(lines: list[_Line], repeated: set[str]) -> set[int]:
    """The lines that are a page's number: "Page 3", "- 7 -" always; a bare number where something
    says so (BARE_NUMBER); never one of a column of numbers (a table's cells)."""
    candidates = []
    for index, line in enumerate(lines):
        if not PAGE_NUMBER.fullmatch(line.stripped):
            continue
        before, after = _neighbour(lines, index, -1), _neighbour(lines, index, 1)
        if not (LONE_NUMBER.fullmatch(before) or LONE_NUMBER.fullmatch(after)):
            candidates.append((index, int(re.search(r"\d+", line.stripped).group())))
    numbers = Counter(number for _, number in candidates)
    pages = set()
    for index, number in candidates:
        stepped = any(numbers[number + step] for step in range(-PAGE_STEP, PAGE_STEP + 1) if step)
        if not BARE_NUMBER.fullmatch(lines[index].stripped) or stepped or _beside_a_page_end(lines, index, repeated):
            pages.add(index)
    return pages


def _beside_a_page_end(lines: list[_Line], index: int, repeated: set[str]) -> bool:
    near = lines[max(0, index - PAGE_END_REACH) : index + PAGE_END_REACH + 1]
    if any(line.stripped in repeated or "\f" in line.text for line in near):
        return True
    before = _neighbour(lines, index, -1)
    return bool(CONTENTS_ENTRY.fullmatch(before)) and _is_heading(re.sub(r"^[\d.]+\s+", "", before))


def _starts_block(lines: list[_Line], index: int) -> bool:
    """A line after a blank line, a sentence's end or a heading: where a paragraph or item can start."""
    before = lines[index - 1].stripped if index else ""
    return (
        not before
        or bool(re.search(r"[.;:!?)]$", before))
        or before.isupper()
        or not before[-1:].isalnum()
        or PAGE_NUMBER.fullmatch(before) is not None
    )


def _marker(lines: list[_Line], index: int, last_paragraph: str | None) -> Span | None:
    line = lines[index]
    paragraph = PARAGRAPH_MARKER.match(line.text)
    if paragraph and _next_in_sequence(last_paragraph, paragraph.group("number")):
        return Span(line.start, line.start + paragraph.end(), "paragraph_number", paragraph.group("number"))
    if not _starts_block(lines, index) and not _follows_furniture(lines, index):
        return None
    if paragraph:
        return Span(line.start, line.start + paragraph.end(), "paragraph_number", paragraph.group("number"))
    listed = LIST_MARKER.match(line.text)
    if listed:
        return Span(line.start, line.start + listed.end(), "list_marker", listed.group().strip())
    item = ITEM_HEADING.fullmatch(line.text.rstrip())
    if item and _is_heading(item.group("heading")) and (not index or not lines[index - 1].stripped):
        return Span(line.start, line.start + item.end("number"), "item_number", item.group("number"))
    return None


def _next_in_sequence(last: str | None, number: str) -> bool:
    """ "3.16" after "3.15", "4.1" after "3.16": the next paragraph, wherever the line before ends."""
    if last is None:
        return False
    before, after = [int(part) for part in last.split(".")], [int(part) for part in number.split(".")]
    if len(before) != len(after):
        return False
    return (
        after[:-1] == before[:-1]
        and after[-1] == before[-1] + 1
        or after[0] == before[0] + 1
        and after[1:] == [1] * (len(after) - 1)
    )


def _follows_furniture(lines: list[_Line], index: int) -> bool:
    return index > 0 and PAGE_NUMBER.fullmatch(lines[index - 1].stripped) is not None


def _is_heading(words: str) -> bool:
    """A heading's words: no sentence's end, no figure's sign, most words capitalised."""
    if SENTENCE_END.search(words) or re.search(r"[%£]", words):
        return False
    lettered = [word for word in words.split() if re.match(r"[A-Za-z]", word)]
    capitalised = [word for word in lettered if word[0].isupper()]
    return bool(lettered) and len(capitalised) * 2 >= len(lettered) + (len(lettered) > 2)


def _money_tables(lines: list[_Line]) -> list[tuple[int, int, int]]:
    """(start, end, factor) of each block under a header line naming its money scale."""
    tables, index = [], 0
    while index < len(lines):
        header = MONEY_HEADER.search(lines[index].text)
        if header and not SENTENCE_END.search(lines[index].stripped) and _is_table_header(lines[index].text):
            scale = (header.group("scale") or header.group("bracketed") or "").lower().strip("£'()")
            factor = SCALES.get(scale, 1_000 if "000" in scale else 1)
            end = index + 1
            while end < len(lines) and lines[end].stripped:
                end += 1
            if factor > 1 and end > index + 1:
                tables.append((lines[index + 1].start, lines[end - 1].end, factor))
            index = end
        index += 1
    return tables


def _is_table_header(text: str) -> bool:
    """A header line: several columns (tabs or runs of spaces), or a line naming only its unit."""
    return len(re.split(r"\t|\s{2,}", text.strip())) >= 2 or len(text.split()) <= 4


def number_spans_of(text: str, layout: Layout) -> tuple[list[Span], list[Span]]:
    """(non-figures, figures) of a laid-out text, in its own offsets: the furniture and markers are
    non-figures, and the rules read the text with the furniture lines taken out."""
    cuts = _Cuts([(span.start, span.end) for span in layout.furniture])
    compact = cuts.applied(text)
    non_figures = non_figure_spans(compact, tuple(cuts.moved(span, back=False) for span in layout.markers))
    figures = figure_spans(compact, non_figures)
    restored = [cuts.moved(span) for span in non_figures]
    return sorted(restored + layout.furniture, key=lambda s: s.start), [cuts.moved(span) for span in figures]


class _Cuts:
    """The furniture lines taken out of a text, and offsets moved between the text and the text without them."""

    def __init__(self, cuts: list[tuple[int, int]]):
        self.cuts = cuts
        self.ends = [end for _, end in cuts]
        removed = [0]
        for start, end in cuts:
            removed.append(removed[-1] + end - start)
        self.removed = removed  # removed[k]: the length of the first k cuts
        self.compact_starts = [start - removed[k] for k, (start, _) in enumerate(cuts)]

    def applied(self, text: str) -> str:
        pieces, at = [], 0
        for start, end in self.cuts:
            pieces.append(text[at:start])
            at = end
        return "".join(pieces) + text[at:]

    def offset(self, at: int, back: bool) -> int:
        if back:  # into the text: past every cut at or before it in the text without them
            return at + self.removed[bisect.bisect_right(self.compact_starts, at)]
        return at - self.removed[bisect.bisect_right(self.ends, at)]  # less every cut ending at or before it

    def moved(self, span: Span, back: bool = True) -> Span:
        start, last = self.offset(span.start, back), self.offset(span.end - 1, back) + 1
        return Span(start, max(start, last), span.category, span.text)


def without_furniture(text: str, layout: Layout) -> str:
    """The text with its furniture lines blanked (spaces, same length): a sentence reads on across them."""
    if not layout.furniture:
        return text
    pieces, at = [], 0
    for span in layout.furniture:
        pieces += [text[at : span.start], " " * (span.end - span.start)]
        at = span.end
    return "".join(pieces) + text[at:]
