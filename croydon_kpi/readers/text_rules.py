"""The rules by which prose is read for numbers, as data: what a number that is NOT a figure looks
like (dates, paragraph and minute numbers, legislation, time windows, thresholds in a measure's
definition), what a figure looks like (money, percentages, rates, FTEs, days, counts, numbers
in words), and where each rule can match. The words around a figure that say what it is are in
context_rules.

Order matters in NON_FIGURE_RULES: an earlier rule claims its text first.
"""

from __future__ import annotations

import re

from croydon_kpi.core.normalise import MONTHS

# Month names, years and numbers in words are pieces of patterns here and in context_rules.
MONTH_NAME = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?"
_UNIT_OF_TIME = r"(?:working\s+)?(?:days?|weeks?|months?|years?|quarters?)"
_LONG_TIME = r"(?:weeks?|months?|years?|quarters?|hours?|minutes?|hrs|mins)"  # durations, never a figure's unit

# Numbers written as words (one to ninety-nine, a hundred): read as counts where they state one.
_UNITS_IN_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS_IN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES = {
    **{w: n for n, w in enumerate(_UNITS_IN_WORDS, start=1)},
    **{w: 10 * n for n, w in enumerate(_TENS_IN_WORDS, start=2)},
    "a hundred": 100,
    "one hundred": 100,
}
NUMBER_IN_WORDS = (
    r"(?:(?:" + "|".join(_TENS_IN_WORDS) + r")(?:[- ](?:" + "|".join(_UNITS_IN_WORDS[:9]) + r"))?"
    r"|(?:a|one)\s+hundred|" + "|".join(sorted(_UNITS_IN_WORDS, key=len, reverse=True)) + ")"
)
_N = rf"(?:\d+(?:\.\d+)?|{NUMBER_IN_WORDS})"  # a number in digits or words, in the non-figure rules
# A number in words is a figure where it counts something a service counts ("Five agency staff",
# "twelve of the sixteen indicators", "two were Red", "three (25%)"), not in "two important issues".
COUNTED_NOUNS = (
    r"children|child|young\s+people|young\s+person|people|persons|families|family|carers|staff|workers|practitioners|"
    r"managers|heads|leaders|posts|roles|vacancies|agency|permanent|cases|placements|beds|homes|households|teams|"
    r"assessments|referrals|plans|visits|inspections|providers|indicators|measures|targets|complaints|adoptions|"
    r"approvals|applications|episodes|incidents|requests|reviews|conferences|audits|recommendations|actions|areas|"
    r"schools|settings|services|apprentices|students|graduates|leavers|adopters|hubs|units|sites|contracts"
)
_COUNTED = (
    rf"(?:[\s-]+(?!of\b)[\w-]+){{0,3}}?[\s-]+(?:{COUNTED_NOUNS})\b"
    r"|\s+(?:were|was|are|is|had|have|has|needed|need|met|remain|remained|received|achieved|missed)\b"
    r"|\s*\(\s*\d|\s+of\s+(?:the|those|these|our|its|their)\b"
)

# Words before a year that date something ("in 2019", "since 2017"): what follows is no count of it.
_DATING_BEFORE = "|".join(
    f"(?<=\\b{word} )" for word in ("in", "by", "of", "since", "during", "until", "for", "before", "after", "from")
)
# "from 1490 in 2017/18 to 1967": a number with the shape of a year paired with a count is a count.
YEAR_PAIRED_WITH_COUNT = re.compile(
    r"\bfrom\s+(?!(?:19|20)\d{2}\b)\d[\d,]*(?:\.\d+)?\b(?![/-]\d)(?:[^.;]|\.(?=\d)){0,60}?\bto\s+$", re.IGNORECASE
)

# Common fractions, read as percentages of what follows ("almost three quarters of children").
FRACTION_VALUES = {
    "half": 50.0,
    "a half": 50.0,
    "one half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "two thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three quarters": 75.0,
    "a fifth": 20.0,
    "one fifth": 20.0,
}
_FRACTION = "|".join(sorted((f.replace(" ", r"[\s-]+") for f in FRACTION_VALUES), key=len, reverse=True))

# Where a rule can match, for the rules given their own (see RULE_TRIGGERS below).
PATTERN_TRIGGERS: dict[re.Pattern, dict[str, int]] = {}


def _within(reach: int, *texts: str) -> dict[str, int]:
    return {text: reach for text in texts}


def _rules(category: str, patterns: dict[str, dict[str, int]]) -> list[tuple[str, re.Pattern]]:
    """Several patterns of one category, each with the texts it can only match near."""
    rules = []
    for source, triggers in patterns.items():
        pattern = re.compile(source, re.IGNORECASE)
        PATTERN_TRIGGERS[pattern] = triggers
        rules.append((category, pattern))
    return rules


# (category, pattern). Categories are what the coverage report says a number is.
NON_FIGURE_RULES: list[tuple[str, re.Pattern]] = [
    # Web addresses first: "mgAi.aspx?ID=16274" is a page's id, never 16,274 of anything; nor is
    # any number in an address (a path's year, a port). An address ends before closing punctuation.
    *_rules(
        "web_address",
        {
            r"(?:\bhttps?://|\bwww\.)[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"
            r"|\b[\w-]+\.(?:aspx?|php|html?|jsp|cfm)\?[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]": _within(
                2000, "http", "www.", ".asp", ".php", ".htm", ".jsp", ".cfm"
            )
        },
    ),
    # Page furniture: document sizes, report and indicator codes, phone numbers, clock times.
    ("document_size", re.compile(r"\b\d+(?:\.\d+)?\s*(?:KB|MB|kb|mb|Kb|Mb)\b")),
    # "020 8726 6000", "(01865) 815833" (the area code in brackets: the match starts on its digit).
    # A phone number may wrap across a line, as a paper's text arrives.
    (
        "phone_number",
        re.compile(r"\b0\d{2,4}[ \n-]?\d{3,4}[ \n-]?\d{3,4}\b|(?<=\()0\d{2,4}\)[ \t\n]*\d{3,4}[ \n-]?\d{3,4}\b"),
    ),
    # An address: a postcode ("OX1 1ND"), a PO box, a house number before a street's name.
    *_rules(
        "address",
        {
            r"(?-i:\b[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}\b|\bP\.?O\.?[ \t]+Box[ \t]+\d+\b"
            r"|\b\d{1,4}[A-Za-z]?,?[ \t]+(?:[A-Z][a-z]+[ \t]+){1,3}"
            r"(?:Road|Street|Lane|Avenue|Way|Place|Square|Drive|Crescent|Close|Gardens|Terrace|Row|Walk|Parade)\b)": {
                "#digit": 60
            }
        },
    ),
    (
        "time_of_day",
        re.compile(
            r"\b\d{1,2}[.:]\d{2}(?:\s*(?:-|to)\s*\d{1,2}[.:]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)"
            r"|\b\d{1,2}(?:\s*(?:-|to)\s*\d{1,2})?\s*[ap]\.?m\b\.?"
            r"|\b\d{1,2}:\d{2}\b",
            re.IGNORECASE,
        ),
    ),
    *_rules(
        "date",
        {
            r"\b\d{1,2}/\d{1,2}/(?:19|20)?\d{2}\b|\b\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}\b"
            r"|\b[0-3]\d([.-])[01]\d\1(?:19|20)?\d{2}\b": _within(10, "/", ".", "-")
        },
    ),  # 18/04/2018, "At 01.11.06" (day and month written with two digits: "3.1.12" is a paragraph)
    (
        "date",
        re.compile(
            rf"\b{_WEEKDAY}{_DAY}(?:\s+(?:of\s+)?{MONTH_NAME}(?:\s+{YEAR})?)?"
            rf"\s*(?:-|&|and|to|until)\s*{_DAY}\s+(?:of\s+)?{MONTH_NAME},?\s+{YEAR}\b",
            re.IGNORECASE,
        ),
    ),
    # "14 November 2006", and run together as a committee system prints it: "14NOVEMBER 2006".
    ("date", re.compile(rf"\b{_WEEKDAY}{_DAY}\s*(?:of\s+)?{MONTH_NAME}(?:,?\s+{YEAR})?\b", re.IGNORECASE)),
    (
        "date",
        re.compile(rf"\b{MONTH_NAME}[\s-]+{YEAR}\b(?![/-]\d)", re.IGNORECASE),
    ),  # July 2020, July-2020 (not "August 2010/11")
    # "the end of July 10": a month and a short year (or a day); "in July 45 children" stays a figure.
    ("date", re.compile(rf"\b(?i:{MONTH_NAME})\s+\d{{1,2}}\b(?!\s*(?:%|per\b|[a-z(]|\.\d|,\d))")),
    ("financial_year", re.compile(rf"\b(?:FY\s*)?{YEAR}\s*[/-]\s*(?:{YEAR}|\d{{2}})\b(?!\s*%)", re.IGNORECASE)),
    (
        "financial_year",
        re.compile(
            r"\b(?:FY\s*)?\d{2}/\d{2}\b(?!\s*%)(?=\s*(?:budget|outturn|forecast|financial|year|\)|,|\.|;|$))",
            re.IGNORECASE,
        ),
    ),
    # "05-06": a short financial year, two consecutive years (not "16-17 year olds", "10-12%").
    (
        "financial_year",
        re.compile(
            r"\b(?:FY\s*)?(?:" + "|".join(f"{y:02d}-{(y + 1) % 100:02d}" for y in range(100)) + r")\b"
            r"(?!\s*(?:%|per\b|[- ]?(?:year|yr)s?\b|[- ]?olds?\b))",
            re.IGNORECASE,
        ),
    ),
    (
        "quarter",
        re.compile(
            r"\b(?:Q|Quarter\s*)[1-4]\b|\bquarter\s+(?:one|two|three|four)\b"
            r"|\b(?:first|second|third|fourth)\s+quarter\b",
            re.IGNORECASE,
        ),
    ),
    ("reporting_month", re.compile(r"\b(?:month|period)\s*\d{1,2}\b(?!\s*%)", re.IGNORECASE)),  # budget "month 4"
    ("minute_number", re.compile(r"\b\d{1,4}/\d{2}\b")),
    (
        "legislation",
        re.compile(
            r"\bsections?\s+\d+[A-Z]?(?:\(\w+\))?(?:\s*(?:-|to|and)\s*\d+[A-Z]?)?|\b(?:Act|Regulations|Order)\s+\d{4}\b"
            r"|\b(?:schedule|part|regulation|article)\s+\d+[A-Z]?\b|\bstanding\s+orders?\s+\d+(?:\s*\(\d+\))?",
            re.IGNORECASE,
        ),
    ),
    # Indicator sets' codes are written with a space too ("NI 64", "BVPI 12").
    (
        "code",
        re.compile(
            r"\b(?:NI|BVPI|BV|PAF|KPI|NPI|LAA)\s?[A-Z]?\d{1,3}[a-z]?\b|\bS\d{1,3}\b"
            r"|\b[A-Z]{1,6}\d+[A-Z]{0,2}(?:[-/]\d+[A-Z]{0,2})*\b|\b[A-Z]{2,6}(?:[-/]\d{1,6})+\b"
            r"|(?<![£.,\d])\b\d{1,3}[a-h]\b"
        ),
    ),  # CEF23076, CP1, D35, FR1, minute 55a, report codes CH260906-07, CS/24/117
    ("ordinal", re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)),
    # "3.14 As the ..." / "1. RECOMMENDATIONS": a number then a capitalised word ("92.5 per cent" is a figure).
    (
        "paragraph_number",
        re.compile(
            r"(?m)^[ \t]*(?:[-•*][ \t]*)?(?:\d+(?:\.\d+)+\.?|\d+\.)(?=[ \t]+[A-Z(\"'])"
            r"|(?<=[.:;] )\d{1,2}(?:\.\d+)*\.(?=[ \t]+[A-Z])"
            # "... the 2010/11 financial year. 1.2 The schools' budget": a paragraph's number run into the
            # text before it; and "details are in 3.17 to 3.24 below": paragraphs referred to.
            r"|(?<=[.:;] )\d{1,2}\.\d{1,2}(?=[ \t]+(?:The|This|These|That|There|It|In|A|An|We|Our|Members|Officers)\b)"
            r"|\b\d{1,2}\.\d{1,2}(?:\s*(?:-|to|and)\s*\d{1,2}\.\d{1,2})?(?=\s+(?:below|above)\b)"
        ),
    ),  # "... noted. 2. RESOLVED"
    # "26 Improvement Plan Progress Report": an agenda item's number before its title.
    (
        "item_number",
        re.compile(r"(?:(?<![^\n])|(?<=\n[ \t])|(?<=[.:;] ))\d{1,3}\.?(?=[ \t]+[A-Z][a-z]+[ \t]+[A-Z][a-z]+)"),
    ),
    *_rules(
        "document_reference",
        {
            r"\b(?:page|pages|pp?\.|option|appendix|item|items|minute|table|figure|annex|recommendation|paragraph|"
            r"para|graph|chart|slides?|indicators?|measure|kpi|pi|agenda\s+item|priority|tier|band|volume)"
            r"\s+(?:no\.?\s*)?\d+(?:\.\d+)*[A-Za-z]?"
            r"(?:\s*(?:-|to|and|&)\s*\d+(?:\.\d+)*)?\b": _within(
                30,
                "page",
                "pp",
                "p.",
                "option",
                "appendi",
                "item",
                "minute",
                "table",
                "figure",
                "annex",
                "recommendation",
                "para",
                "graph",
                "chart",
                "slide",
                "indicator",
                "measure",
                "kpi",
                "pi",
                "priority",
                "tier",
                "band",
                "volume",
            ),
        },
    ),
    # "the rate per 10,000": the base of a rate named without a number before it (which would make it a figure).
    ("rate_base", re.compile(r"(?<![\d%] )(?<![\d%])\bper\s+(?:10,?000|100,?000|1,?000|10k|100k|1k)\b", re.IGNORECASE)),
    (
        "time_window",
        re.compile(
            rf"\b(?:(?:in|over|during|within|for)\s+)?(?:the\s+)?"
            rf"(?:last|past|next|previous|every|coming|first|final|latest)\s+{_N}(?:\s*(?:-|to)\s*{_N})?\s*{_UNIT_OF_TIME}\b",
            re.IGNORECASE,
        ),
    ),
    *_rules(
        "definition_threshold",
        {
            rf"\b(?:less|more|fewer|under|over)\s+than\s+{_N}\s*(?:miles?|{_UNIT_OF_TIME})\b": _within(50, "than"),
            rf"\bwithin\s+(?:the\s+)?(?:(?:internal|statutory|agreed|national|local)\s+)?"
            rf"(?:target\s+of\s+|timescale\s+of\s+)?"
            rf"{_N}\s*(?:-\s*)?{_UNIT_OF_TIME}\b": _within(80, "within"),
            rf"\b{_N}\s*{_UNIT_OF_TIME}\s+or\s+(?:more|longer|less|fewer|over|under)\b"
            rf"|\b{_N}\s+or\s+(?:more|fewer|less|{_N})\s+(?!per\s+cent|percent|%)[a-z]+"
            rf"|\b{_N}[ -](?:placements?|moves?)\s+or\s+more\b": _within(50, " or "),
            rf"\btaking\s+(?:over|more\s+than)\s+{_N}\s*{_UNIT_OF_TIME}\b": _within(50, "taking"),
            rf"\b(?:at\s+least|at\s+most|a\s+minimum\s+of|a\s+maximum\s+of)\s+{_N}"
            rf"\s*(?:{_UNIT_OF_TIME}|miles?|placements?|moves?|visits?)\b": _within(
                50, "least", "most", "minimum", "maximum"
            ),
            r"\bage[ds]?\s+(?:between\s+|of\s+|under\s+|over\s+)?\d+(?:\s*(?:-|to|and)\s*\d+)?"
            r"(?:\s*(?:and|to)\s+(?:over|under|above))?\b": _within(50, "age ", "aged", "ages"),
            r"\b\d{1,2}\s*(?:-|to)\s*\d{1,2}(?:[\s-]*(?:year|yr)s?[- ]olds?|\s+years?\s+old"
            r"|\s+(?:skills|age\s+group|provision|education|service))"
            r"|\b\d{1,2}\s*(?:year|yr)s?[- ]olds?\b": _within(
                24, "old", "skills", "age group", "provision", "education", "service"
            ),
            r"\b\d{1,2}\+|\b\d{1,2}\s+plus\b|\bunder\s+\d{1,2}s\b|\bunder[- ]\d{1,2}(?=\s*(?:year|yr)s?\b)": _within(
                12, "+", "plus", "under"
            ),
            r"\b(?:turning|turned|turns|turn|reaching|reached|reach)\s+\d{1,2}\b(?!\s*(?:%|per\b)|\.\d)": _within(
                14, "turn", "reach"
            ),  # "children turning 18"
            rf"\b{_N}[ -](?:week|day|month|year|hour)\b(?!\s*(?:%|per\b))": _within(
                24, "week", "day", "month", "year", "hour"
            ),
        },
    ),
    # Spans of time are not figures ("in 13 months", "20 minutes", "two years"), except an average
    # or median duration, which is ("care proceedings averaged 30 weeks").
    (
        "duration",
        re.compile(
            rf"\b\d+\s+[1-3]/[2-4]\s*{_UNIT_OF_TIME}\b|\bfor\s+{_N}\s*{_UNIT_OF_TIME}\b|\b{_N}[ -]day\b"
            rf"|(?<!average\s)(?<!averaged\s)(?<!median\s)(?<!average\sof\s)\b\d+(?:\.\d+)?\s*{_LONG_TIME}\b"
            rf"|\b{NUMBER_IN_WORDS}\s+(?:weeks?|months?|years?|hours?|minutes?|quarters?(?!\s+of\b))\b",
            re.IGNORECASE,
        ),
    ),
    # Distances ("within a 20-mile radius", "placed 20 miles from home"): a threshold, never a figure.
    ("distance", re.compile(r"\b\d+(?:\.\d+)?[ \t-]*(?:miles?|km|kilomet(?:er|re)s?)\b", re.IGNORECASE)),
    (
        "count_of_meetings",
        re.compile(
            rf"\b(?:met|meets)\s+{_N}\s+times\b"
            rf"|\b(?:\d+|{NUMBER_IN_WORDS})\s+(?:meetings|monitoring\s+visits"
            rf"|times\b(?!\s+(?:higher|lower|more|less|greater|the|as|that|than)\b))",
            re.IGNORECASE,
        ),
    ),
    # Counts of places that frame a figure rather than state one ("the 6 North London boroughs").
    (
        "count_of_organisations",
        re.compile(
            r"\b\d+\s+(?:[A-Z][\w-]*\s+){0,3}(?:boroughs|councils|(?:local\s+)?authorities|LAs|regions"
            r"|partner\s+agencies)\b"
        ),
    ),
    # 2019, the 1990s; but "there had been 1967 referrals" is a count: a count noun follows it (and
    # "in 2019 children ..." stays a year: a word that dates comes before it).
    (
        "year",
        re.compile(
            rf"(?:{_DATING_BEFORE}){YEAR}\b(?!\s*(?:%|per\s*cent|percent))"
            rf"|\b{YEAR}\b(?!\s*(?:%|per\s*cent|percent))(?!\s+(?:new\s+|more\s+|further\s+)?(?:{COUNTED_NOUNS})\b)"
            r"|\b(?:19|20)\d0s\b",
            re.IGNORECASE,
        ),
    ),
    # A number in a name ("the Families 2000 programme"): not a figure.
    (
        "name",
        re.compile(
            r"\b\d+\s+(?:programme|project|strategy|scheme|initiative|campaign|fund|pledge|promise)\b"
            r"|(?<=[A-Za-z]-)\d{1,3}s?\b(?!\s*(?:%|per\b)|\.\d)",  # "Cohort-12", "post-16", "Covid-19"
            re.IGNORECASE,
        ),
    ),
    # Words that are not counts: "one of the", "no one", "one-off", "one to one", "the second".
    (
        "word_not_a_count",
        re.compile(
            rf"\bno\s+one\b|\bone[- ](?:off|to[- ]one|of|another|way|day|stop)\b"
            rf"|\bone\b(?!\s+(?:was|were|is|has|had|remains?|became|hundred)\b)"
            rf"|\b(?:every|each)\s+{NUMBER_IN_WORDS}\b",
            re.IGNORECASE,
        ),
    ),
]

# Where each other rule can match: every match holds one of these texts (lower case; "#digit" a run
# of digits, "#word" a number in words), no further than `reach` characters from it. The rules
# are run on those windows of the text only (a 5 MB paper: seconds, not tens of seconds); a test
# checks that this finds exactly what a scan of the whole text finds.
_TIME_WORDS = ("day", "week", "month", "year", "quarter", "hour", "minute", "hrs", "mins")
_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


RULE_TRIGGERS: dict[str, dict[str, int]] = {
    "date": _within(70, *_MONTH_PREFIXES),
    "financial_year": _within(10, "#digit"),
    "quarter": _within(20, "q", "quarter"),
    "reporting_month": _within(20, "month", "period"),
    "legislation": _within(30, "section", "act", "regulation", "order", "schedule", "part", "article"),
    "code": _within(7, "#digit"),
    "paragraph_number": _within(14, "#digit"),
    "rate_base": _within(20, "per"),
    "time_window": _within(70, "last", "past", "next", "previous", "every", "coming", "first", "final", "latest"),
    "duration": _within(50, *_TIME_WORDS),
    "count_of_meetings": _within(50, "time", "meeting", "monitoring visit"),
    "word_not_a_count": _within(30, "one", "every", "each"),
    "gbp": _within(40, "£"),
    "fraction": _within(40, "half", "third", "quarter", "fifth"),
    "count_word": _within(90, "#word"),
}

# Rules whose every match starts on a digit: they are tried at the digits only (a 5 MB paper has
# about 90,000), giving the same matches as a scan of every character in a fifth of the time.
DIGIT_FIRST = frozenset(
    {
        "minute_number",
        "ordinal",
        "year",
        "percentage_points",
        "percent",
        "rate_per_10k",
        "rate_per_100k",
        "fte",
        "days",
        "count",
        "document_size",
        "phone_number",
        "time_of_day",
        "item_number",
        "count_of_organisations",
        "name",
        "distance",
    }
)

# A figure: money, then percentages, rates, FTEs, days, then bare numbers. Unit per pattern.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONEY_NUMBER = r"\d{1,3}(?:,\s?\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # "£3,398, 000": a space after a thousands comma
FIGURE_RULES: list[tuple[str, re.Pattern]] = [
    # Money: "(£0.4m)" in brackets is negative, as accounts write it; a minus before the £ is read
    # from the text around the figure (a dash between two sums is a range, not a sign).
    (
        "gbp",
        re.compile(rf"\(\s*£\s*(?:{_MONEY_NUMBER})\s*(?:bn|billion|millions?|mn|m|k|thousand)?\s*\)", re.IGNORECASE),
    ),
    (
        "gbp",
        re.compile(
            rf"£\s*(?:-\s*|\(\s*)?(?:{_MONEY_NUMBER})(?:\s*\))?(?:\s*(?:bn|billion|millions?|mn|m|k|thousand)\b)?",
            re.IGNORECASE,
        ),
    ),
    (
        "percentage_points",
        re.compile(rf"(?:{_NUMBER})\s*(?:percentage\s+points?|%\s*points?|pp\b|ppts?\b)", re.IGNORECASE),
    ),
    ("percent", re.compile(rf"(?:{_NUMBER})\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)),
    ("rate_per_10k", re.compile(rf"(?:{_NUMBER})\s+(?:per|/)\s*(?:10,?000|10k)\b", re.IGNORECASE)),
    ("rate_per_100k", re.compile(rf"(?:{_NUMBER})\s+(?:per|/)\s*(?:100,?000|100k)\b", re.IGNORECASE)),
    ("fte", re.compile(rf"(?:{_NUMBER})\s*(?:FTEs?|full[- ]time\s+equivalents?)\b", re.IGNORECASE)),
    ("days", re.compile(rf"(?:{_NUMBER})\s+(?:working\s+)?days\b", re.IGNORECASE)),
    ("count", re.compile(rf"(?:{_NUMBER})")),
    ("fraction", re.compile(rf"(?<!first\s)(?<!second\s)(?<!\w)(?:{_FRACTION})(?=\s+of\b)", re.IGNORECASE)),
    (
        "count_word",
        re.compile(
            rf"\b{NUMBER_IN_WORDS}\b(?![- ](?:thirds?|quarters?|halves|fifths?)\b)(?={_COUNTED})", re.IGNORECASE
        ),
    ),
]
# Rules whose matches may hold no digit (numbers in words); every other match must hold one.
WORD_RULES = frozenset(
    {
        "quarter",
        "fraction",
        "count_word",
        "word_not_a_count",
        "definition_threshold",
        "time_window",
        "duration",
        "count_of_meetings",
    }
)
