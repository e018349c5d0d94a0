"""The rules by which prose is read for figures, as data: what a number that is NOT a figure looks
like (dates, paragraph and minute numbers, legislation, time windows, thresholds in a measure's
definition), and the words that make a figure a change, bound it, qualify it or caveat it.

Order matters in NON_FIGURE_RULES: an earlier rule claims its text first.
"""
from __future__ import annotations

import re

from croydon_kpi.core.normalise import MONTHS

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?"
_UNIT_OF_TIME = r"(?:working\s+)?(?:days?|weeks?|months?|years?|quarters?)"

# (category, pattern). Categories are what the coverage report says a number is.
NON_FIGURE_RULES: list[tuple[str, re.Pattern]] = [
    ("date", re.compile(
        rf"\b{_WEEKDAY}{_DAY}(?:\s+(?:of\s+)?{_MONTH}(?:\s+{_YEAR})?)?\s*(?:-|&|and|to|until)\s*{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
        re.IGNORECASE)),
    ("date", re.compile(rf"\b{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.IGNORECASE)),
    ("date", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE)),
    ("financial_year", re.compile(rf"\b(?:FY\s*)?{_YEAR}\s*[/-]\s*(?:{_YEAR}|\d{{2}})\b(?!\s*%)", re.IGNORECASE)),
    ("quarter", re.compile(r"\b(?:Q|Quarter\s+)[1-4]\b", re.IGNORECASE)),
    ("minute_number", re.compile(r"\b\d{1,4}/\d{2}\b")),
    ("legislation", re.compile(
        r"\bsections?\s+\d+[A-Z]?(?:\(\w+\))?(?:\s*(?:-|to|and)\s*\d+[A-Z]?)?|\bS\d{1,3}\b|\b(?:Act|Regulations|Order)\s+\d{4}\b",
        re.IGNORECASE)),
    ("ordinal", re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)),
    # "3.14 As the ..." / "1. RECOMMENDATIONS": a number then a capitalised word ("92.5 per cent" is a figure).
    ("paragraph_number", re.compile(r"(?m)^[ \t]*(?:[-•*][ \t]*)?(?:\d+(?:\.\d+)+\.?|\d+\.)(?=[ \t]+[A-Z(\"'])")),
    ("document_reference", re.compile(r"\b(?:page|option|appendix|item|minute|table|figure|annex|recommendation)\s+\d+\b", re.IGNORECASE)),
    ("time_window", re.compile(
        rf"\b(?:(?:in|over|during|within|for)\s+)?(?:the\s+)?(?:last|past|next|previous|every|coming)\s+\d+\s*{_UNIT_OF_TIME}\b", re.IGNORECASE)),
    ("definition_threshold", re.compile(
        rf"\b(?:less|more|fewer|under|over)\s+than\s+\d+\s*(?:miles?|{_UNIT_OF_TIME})\b"
        rf"|\bwithin\s+\d+\s*{_UNIT_OF_TIME}\b|\b\d+\s*{_UNIT_OF_TIME}\s+or\s+(?:more|longer|less)\b"
        r"|\baged\s+\d+(?:\s*(?:-|to)\s*\d+)?\b", re.IGNORECASE)),
    ("duration", re.compile(rf"\bfor\s+\d+\s*{_UNIT_OF_TIME}\b|\b\d+[ -]day\b", re.IGNORECASE)),
    ("count_of_meetings", re.compile(r"\b(?:met|meets)\s+\d+\s+times\b|\b\d+\s+(?:meetings|monitoring\s+visits)\b", re.IGNORECASE)),
    ("year", re.compile(rf"\b{_YEAR}\b(?!\s*(?:%|per\s*cent|percent))")),
]

# Rules whose every match starts on a digit: they are tried at the digits only (a 5 MB paper has
# about 90,000), giving the same matches as a scan of every character in a fifth of the time.
DIGIT_FIRST = frozenset({"minute_number", "ordinal", "year", "percent", "rate_per_10k", "fte", "days", "count"})

# A figure: money, then percentages, rates, FTEs, days, then bare numbers. Unit per pattern.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
FIGURE_RULES: list[tuple[str, re.Pattern]] = [
    ("gbp", re.compile(rf"-?£\s*(?:-\s*|\(\s*)?(?:{_NUMBER})\s*\)?\s*(?:bn|billion|million|mn|m|k|thousand)?\b", re.IGNORECASE)),
    ("percent", re.compile(rf"(?:{_NUMBER})\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)),
    ("rate_per_10k", re.compile(rf"(?:{_NUMBER})\s+per\s+10,?000\b", re.IGNORECASE)),
    ("fte", re.compile(rf"(?:{_NUMBER})\s*(?:FTEs?|full[- ]time\s+equivalents?)\b", re.IGNORECASE)),
    ("days", re.compile(rf"(?:{_NUMBER})\s+(?:working\s+)?days\b", re.IGNORECASE)),
    ("count", re.compile(rf"(?:{_NUMBER})")),
]

# Words just before a number that make it a change, and its direction.
CHANGE_BEFORE = re.compile(
    r"(?P<verb>fallen|fell|dropped|decreased|reduced|declined|risen|rose|increased|grown|grew|improved|gone\s+up|gone\s+down)\s+by\s+(?:(?:over|more\s+than|at\s+least|almost|nearly|about|around|approximately|under|less\s+than)\s+)?$"
    r"|(?:an?\s+)(?P<noun>decrease|increase|fall|rise|reduction|drop)\s+of\s+(?:(?:over|more\s+than|at\s+least|almost|nearly|about|around|approximately|under|less\s+than)\s+)?$",
    re.IGNORECASE)
FALLING_WORDS = {"fallen", "fell", "dropped", "decreased", "reduced", "declined", "decrease", "fall", "reduction", "drop", "gone down"}

BOUNDS_BEFORE = [
    ("at_least", re.compile(r"(?:over|more\s+than|at\s+least|in\s+excess\s+of|upwards\s+of)\s+$", re.IGNORECASE)),
    ("at_most", re.compile(r"(?:almost|nearly|under|less\s+than|fewer\s+than|up\s+to|below)\s+$", re.IGNORECASE)),
    ("approx", re.compile(r"(?:about|around|approximately|roughly|some|c\.|circa|an\s+estimated)\s+$", re.IGNORECASE)),
]

# Words that carry a judgement; they travel with the figure as flags and in the note.
QUALIFIERS = [
    ("slightly_below_target", re.compile(r"slightly\s+below\s+target", re.IGNORECASE)),
    ("below_target", re.compile(r"below\s+target", re.IGNORECASE)),
    ("above_target", re.compile(r"(?:above|over)\s+target", re.IGNORECASE)),
    ("improved_on_last_month", re.compile(r"improved\s+on\s+last\s+month", re.IGNORECASE)),
    ("improved", re.compile(r"\bhas\s+improved|\bhave\s+improved", re.IGNORECASE)),
    ("fallen_for_months_running", re.compile(r"fallen\s+for\s+the\s+\w+\s+month\s+running", re.IGNORECASE)),
    ("fallen_back", re.compile(r"fallen\s+back", re.IGNORECASE)),
    ("continues_to_fall", re.compile(r"continues\s+to\s+fall", re.IGNORECASE)),
    ("remains", re.compile(r"\bremains\b", re.IGNORECASE)),
]
CAVEAT = re.compile(r"[-–—]\s*(?P<caveat>[^-–—]*?(?:caution|not\s+comparable|should\s+be\s+treated|provisional|estimate)[^.]*)", re.IGNORECASE)
ENGLAND_CUES = re.compile(r"^\s*(?:in\s+the\s+country\s+as\s+a\s+whole|nationally|in\s+England)\b", re.IGNORECASE)
ENGLAND_CUES_BEFORE = re.compile(r"(?:national\s+average\s+(?:is|was|of)|nationally|England\s+average\s+(?:is|was|of))\s+$", re.IGNORECASE)
A_YEAR_AGO = re.compile(r"^\s*(?:a\s+year\s+ago|last\s+year|twelve\s+months\s+ago|12\s+months\s+ago)", re.IGNORECASE)
EACH_AFTER = re.compile(r"^\s*(?:cases\s+)?each\b", re.IGNORECASE)
ON_LAST_MONTH = re.compile(r"^\s*(?:on|from|since|compared\s+(?:with|to))\s+(?:the\s+)?(?:last|previous)\s+month", re.IGNORECASE)
WINDOW_NUMBER = re.compile(r"(\d+)\s*(working\s+)?(day|week|month|year|quarter)", re.IGNORECASE)

# Headings under which a paper states its own red/amber/green judgement.
REPORTED_RAG_HEADINGS = {
    "going well or better": "going_well",
    "ones to watch": "ones_to_watch",
    "things to do better": "do_better",
}
