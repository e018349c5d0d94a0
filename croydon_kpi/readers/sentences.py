"""A paper cut into sentences: each with its offset, the line it starts on, the council's
paragraph number (3.16) and the RAG heading it sits under; and a sentence's clauses, the words
that can name a figure.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from croydon_kpi.readers import context_rules
from croydon_kpi.readers.plain_text import plain_text

_SENTENCE_END = re.compile(
    r"(?<=[.!?;])\s+(?=[A-Z\"'(£\d-])|\n[ \t]*\n(?![ \t\n]*[a-z])"
    r"|\n(?=[ \t]*(?:[-•*]\s|\d+\.\s|[A-Z][A-Z ,'&/-]{6,}$))",
    re.MULTILINE,
)
# Without the page's layout, any line opening "3.16 " starts a sentence; with it, the layout says
# which do (a wrapped line may open with a decimal: "has fallen from\n165.1 in September").
_NUMBERED_LINE = re.compile(r"\n(?=[ \t]*\d+(?:\.\d+)+\s)")


_NUMBERED_PARAGRAPH = re.compile(r"^[ \t]*(?:[-•*][ \t]*)?(\d+(?:\.\d+)+)\.?[ \t]+[A-Z(\"']")


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


def sentences(text: str, markers: list | None = None) -> list[Sentence]:
    """Sentences with the council's paragraph number (3.16) and any RAG heading they sit under.
    `markers`, the paragraph and list markers the page's layout found at lines' starts (spans
    with the paragraph's number as their text), each start a sentence; a paragraph's is its locator."""
    plain = plain_text(text)
    numbered_at = {m.start: m.text for m in markers or () if m.category == "paragraph_number"}
    breaks = {m.start for m in markers or ()}
    ends = [m.end() for m in _SENTENCE_END.finditer(plain)]
    if markers is None:
        ends += [m.end() for m in _NUMBERED_LINE.finditer(plain)]
    bounds = sorted({0, len(plain), *breaks, *ends})
    newlines = [match.start() for match in re.finditer("\n", plain)]
    found, paragraph, rag = [], None, None
    for start, end in zip(bounds, bounds[1:]):
        chunk = plain[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        numbered = _NUMBERED_PARAGRAPH.match(chunk)
        if start in numbered_at or numbered:
            paragraph, rag = numbered_at.get(start) or numbered.group(1), None
        heading = context_rules.REPORTED_RAG_HEADINGS.get(stripped.lower().strip(" :"))
        if heading:
            rag = heading
            continue
        if stripped.isupper() and len(stripped) > 6:
            rag = None  # another heading ends the RAG section
        offset = start + (len(chunk) - len(chunk.lstrip()))
        line = bisect.bisect_left(newlines, offset) + 1
        found.append(Sentence(offset, offset + len(stripped), stripped, paragraph, rag, line))
    return found


def clause_before(text: str) -> str:
    """The end of `text` from its last clause boundary: the words that can name a figure before it."""
    boundaries = list(context_rules.CLAUSE_BOUNDARY.finditer(text))
    return text[boundaries[-1].end() :] if boundaries else text


def clause_after(text: str) -> str:
    boundary = context_rules.CLAUSE_BOUNDARY.search(text)
    return text[: boundary.start()] if boundary else text
