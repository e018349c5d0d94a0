"""The labelled passages as they really arrive (issue 26): each wrapped in the page furniture that a
committee paper has after PDF or committee-system extraction, made deterministically from a seed.

A passage's sentences become numbered paragraphs ("3.1 /", "3.2-", "(1)", "1)") wrapped at a page's
width; pages end with a running footer and a page number alone on a line and start with a running
header; the paper opens with its agenda item number and heading, a report code, a date and a
contents list (a heading, then its page number on the next line), and ends with a contact's phone
number, an address and a web address with an id. Every number the furniture adds is labelled
not-a-figure; the passage's own labels are kept as they are. No figure is split across lines.
"""

from __future__ import annotations

import random
import re
import textwrap

SEED = 26

COMMITTEES = [
    "Children and Young People Scrutiny Committee",
    "Cabinet",
    "Corporate Parenting Panel",
    "Children's Services Overview and Scrutiny Committee",
    "Executive Member Decision Session",
]
# (heading, numbers in it): agenda headings, some with a year in them.
HEADINGS = [
    "BUDGET MONITORING 2023/24",
    "Bi-annual Progress report",
    "CHILDREN'S SERVICES PERFORMANCE REPORT",
    "Quarterly Performance Monitoring",
    "Looked After Children Annual Report 2005-06",
    "Improvement Plan Progress Report",
]
CONTENTS = ["Introduction", "Background", "Performance", "Missing from Care", "Finance", "Recommendations"]
DATES = ["14 November 2006", "14NOVEMBER 2006", "At 01.11.06", "26 September 2006", "3rd March 2019"]
PHONES = ["Tel: (01865) 815833", "Tel: 020 8726 6000", "Telephone 01223 699000", "Tel: (0161) 234 5000"]
ADDRESSES = [
    "County Hall, New Road, Oxford OX1 1ND",
    "Town Hall, Katharine Street, Croydon CR0 1NX",
    "Shire Hall, Castle Street, Cambridge CB3 0AP",
    "PO Box 532, Town Hall, Manchester M60 2LA",
]
CODES = ["CH260906-07", "CS/24/117", "Report No. EX4521", "Ref: CYP-19-042"]
ADDRESS_IDS = [16274, 98613, 6740, 33168]
PARAGRAPH_STYLES = ["{n} / ", "{n}- ", "{n} ", "{n}\t"]
LIST_STYLES = ["({i}) ", "{i}) "]
LINES_A_PAGE = (9, 16)


def digit_runs(text: str) -> list[str]:
    """The runs of digits a label must cover, as the consistency test counts them."""
    return re.findall(r"\d+(?:[.,/:-]\d+)*", text)


def _sentences(text: str) -> list[str]:
    """The passage's sentences; a paragraph number the passage writes itself ("4.") opens the next."""
    flat = " ".join(text.split())
    pieces = [s for s in re.split(r"(?<=[.;])\s+(?=[A-Z(£\d])", flat) if s]
    merged: list[str] = []
    for piece in pieces:
        if merged and re.fullmatch(r"\d{1,2}\.", merged[-1]):
            merged[-1] += " " + piece
        else:
            merged.append(piece)
    return merged


def _protect(text: str, figures: list[dict]) -> str:
    """Spaces inside a figure as written made unbreakable, so that no figure is split across lines."""
    for written in {f["written"] for f in figures if " " in f["written"]}:
        text = text.replace(written, written.replace(" ", "\x00"))
    return text


class _Paper:
    """Lines of one furnished paper and the numbers its furniture added."""

    def __init__(self, rng: random.Random, council: str):
        self.rng, self.lines, self.furniture, self.page = rng, [], [], rng.randint(2, 40)
        committee, self.date = rng.choice(COMMITTEES), rng.choice(DATES)
        self.running = f"{council} Council - {committee}"
        self.footer = f"{committee} {self.date}"
        self.in_page = 0
        self.page_length = rng.randint(*LINES_A_PAGE)

    def add(self, line: str, furniture: str | None = None) -> None:
        self.lines.append(line)
        self.furniture += digit_runs(furniture if furniture is not None else line)

    def body(self, line: str, numbers_of_furniture: str = "") -> None:
        self.lines.append(line)
        self.furniture += digit_runs(numbers_of_furniture)
        self.in_page += 1
        if self.in_page >= self.page_length:
            self.page_break()

    def page_break(self) -> None:
        style = self.rng.choice(["{p}", "Page {p}", "- {p} -", "{p}", "Page {p} of 40", "with the footer"])
        if style == "with the footer":  # "Cabinet 14 November 2006   Page 7", the page's form feed after it
            lines = ("", f"{self.footer}   Page {self.page}", "\f" + self.running, "")
        else:
            lines = ("", self.footer, style.format(p=self.page), "", self.running, "")
        for line in lines:
            self.add(line)
        self.page += 1
        self.in_page = 0


def furnish_passage(passage: dict, rng: random.Random) -> dict:
    paper = _Paper(rng, passage["council"])
    item = rng.randint(5, 120)
    heading = rng.choice(HEADINGS)
    paper.add(paper.running)
    paper.add("")
    paper.add(f"{item} {heading}")
    paper.add(rng.choice(CODES))
    paper.add(f"Meeting: {paper.date}")
    paper.add("")
    paper.add("CONTENTS")
    page = rng.randint(2, 5)
    leaders = rng.random() < 0.5  # "6. Missing from Care ........ 10" on one line, or its page on the next
    for number, title in enumerate(rng.sample(CONTENTS, 3), start=1):
        if leaders:
            paper.add(f"{number}. {title} {'.' * rng.randint(6, 30)} {page}")
        else:
            paper.add(f"{number}. {title}")
            paper.add(str(page))
        page += rng.randint(1, 6)
    paper.add("")
    section = rng.randint(1, 6)
    paper.add(f"{section}. {rng.choice(CONTENTS).upper()}")
    paper.add("")
    _body(paper, passage, section, rng)
    paper.add("")
    paper.add(f"Contact officer: J. Smith, Head of Service. {rng.choice(PHONES)}")
    paper.add(rng.choice(ADDRESSES))
    paper.add(f"Background papers: https://democracy.example.gov.uk/mgAi.aspx?ID={rng.choice(ADDRESS_IDS)}")
    paper.page_break()
    return {
        **passage,
        "id": passage["id"] + "_furnished",
        "text": "\n".join(paper.lines) + "\n",
        "not_figures": list(passage["not_figures"]) + paper.furniture,
        "furnished": True,
    }


def _body(paper: _Paper, passage: dict, section: int, rng: random.Random) -> None:
    """The passage's sentences as numbered paragraphs or list items, wrapped at a page's width."""
    width = rng.randint(60, 95)
    text = _protect(" ".join(passage["text"].split()), passage["figures"])
    paragraph, item = 0, 0
    for sentence in _sentences(text):
        if re.match(r"\d{1,3}(?:\.\d{1,2})*\.?\s+[A-Z]", sentence):
            marker = ""  # the passage numbers this paragraph (or item) itself
        elif rng.random() < 0.2:
            item += 1
            marker = rng.choice(LIST_STYLES).format(i=item)
        else:
            paragraph += 1
            marker = rng.choice(PARAGRAPH_STYLES).format(n=f"{section}.{paragraph}")
        wrapped = textwrap.wrap(sentence, width=width, break_on_hyphens=False, break_long_words=False)
        for index, line in enumerate(wrapped):
            paper.body((marker if index == 0 else "") + line.replace("\x00", " "), marker if index == 0 else "")
        if rng.random() < 0.4:
            paper.body("")


def furnished(passages: list[dict], seed: int = SEED) -> list[dict]:
    """Every passage wrapped in furniture, the same for the same seed."""
    rng = random.Random(seed)
    return [furnish_passage(passage, rng) for passage in passages]
