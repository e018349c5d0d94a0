"""The words around a figure that say what it is, as data: a change and its direction, a bound,
a target, a forecast, an underspend or overspend, a range, a comparator's area, the month that
dates it, clause boundaries, qualifiers and caveats, and the RAG headings a paper writes under.
The number rules themselves are in text_rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

from croydon_kpi.catalogue.regions import region_words
from croydon_kpi.readers import text_rules

# Words just before a number that make it a change, and its direction.
CHANGE_BEFORE = re.compile(
    r"(?P<verb>fallen|fell|dropped|decreased|reduced|declined|cut|risen|rose|increased|grown|grew|improved|gone\s+up"
    r"|gone\s+down)(?:\s+(?:[a-z]+ly|again|further|overall))?\s+by\s+"  # "increased nationally by 8.75%"
    r"(?:(?:over|more\s+than|at\s+least|almost|nearly|about|around|approximately|under|less\s+than)\s+)?$"
    r"|(?:an?\s+)(?P<noun>decrease|increase|fall|rise|reduction|drop)\s+of\s+"
    r"(?:(?:over|more\s+than|at\s+least|almost|nearly|about|around|approximately|under|less\s+than)\s+)?$",
    re.IGNORECASE,
)
FALLING_WORDS = {
    "fallen",
    "fell",
    "dropped",
    "decreased",
    "reduced",
    "declined",
    "decrease",
    "fall",
    "reduction",
    "drop",
    "gone down",
    "cut",
}

BOUNDS_BEFORE = [
    ("at_least", re.compile(r"(?:over|more\s+than|at\s+least|in\s+excess\s+of|upwards\s+of)\s+$", re.IGNORECASE)),
    ("at_most", re.compile(r"(?:almost|nearly|under|less\s+than|fewer\s+than|up\s+to|below)\s+$", re.IGNORECASE)),
    ("approx", re.compile(r"(?:about|around|approximately|roughly|some|c\.|circa|an\s+estimated)\s+$", re.IGNORECASE)),
]

# Changes written after the number ("a 27% reduction", "24% down on", "12 fewer") and "down 12%".
CHANGE_AFTER = re.compile(
    r"^\s*(?P<word>reduction|decrease|increase|rise|fall|drop|decline|improvement|deterioration|down|up|lower|higher"
    r"|fewer|more|less)\b"
    r"(?!\s+(?:than\s+(?:the\s+)?(?:target|national|england|london|average|neighbours?)|likely|to\b))",
    re.IGNORECASE,
)
CHANGE_WORD_BEFORE = re.compile(
    r"(?:\b(?P<word>down|up)(?:\s+by)?\s+(?:(?:over|almost|nearly|about|around)\s+)?$)", re.IGNORECASE
)
FALLING_AFTER = {"reduction", "decrease", "fall", "drop", "decline", "down", "lower", "fewer", "less", "deterioration"}

# A target or threshold the figure is measured against: "the target of 90 per cent", "(target 95%)".
TARGET_BEFORE = re.compile(
    r"\b(?:target|threshold|ambition|aspiration|goal|trajectory|tolerance|benchmark\s+target)"
    r"(?:\s+(?:of|is|was|set\s+at|for\s+[\w/-]+(?:\s+[\w/-]+)?\s+(?:is|was|of)))?\s*[:=]?\s*"
    r"(?:(?:over|more\s+than|at\s+least|under|less\s+than|below|above|no\s+more\s+than)\s+)?$",
    re.IGNORECASE,
)

# Forecasts: the sentence says the figure is forecast, projected or expected (before it, or just after).
FORECAST_BEFORE = re.compile(
    r"\b(?:forecasts?|forecasting|projected|projection|projecting|predicted|anticipated"
    r"|(?:estimated|expected|likely)\s+(?:outturn|overspend|underspend|spend|deficit|surplus|pressure)"
    r"|potential\s+(?:overspend|pressure))\b",
    re.IGNORECASE,
)
# "an overspend of £3.295m was forecast": the cue after the figure, with or without its verb.
FORECAST_AFTER = re.compile(
    r"^\s*\)?\s*(?:(?:is|was|are|were|has\s+been|had\s+been|being|now)\s+)?(?:[a-z]+ly\s+)?"
    r"(?:forecast|projected|anticipated|expected|predicted)\b",  # "£15m is currently forecast"
    re.IGNORECASE,
)
# Money against a budget: an underspend is negative, an overspend positive (the accounts' convention).
UNDERSPEND_BEFORE = re.compile(
    r"\bunder-?spen(?:d|ding|t)\b(?:\s+(?:of|by|is|was|at|to|against))?"
    r"(?:\s+(?:\w+\s+){0,3}?)?(?:of|by|at|is|was)?\s*$",
    re.IGNORECASE,
)
UNDERSPEND_AFTER = re.compile(r"^\s*\)?\s*under-?spen(?:d|t)\b", re.IGNORECASE)
OVERSPEND_NEAR = re.compile(r"\bover-?spen(?:d|ding|t)\b", re.IGNORECASE)
# "external fostering (£570,000) and residential schools (£772,000)": a sum in brackets right after a
# noun in prose quotes that item's amount; it is no accounts' negative (which a table's column, or
# "a variance of (£0.4m)", writes).
BRACKETED_ASIDE = re.compile(
    r"(?<![\t ]{2})\b(?!(?:of|at|is|was|were|be|been|by|to|from|a|an|the|and|or|than|variance|position|shows?"
    r"|reports?|forecasts?|projects?|has|have|had)\b)(?![a-z]+ed\b)"  # "reported (£0.4m)": a verb's object, signed
    r"[a-z][\w'-]*\s$"
)

# A range: "£10m-£12m", "between 20 and 25", "20 to 25%".
RANGE_BETWEEN = re.compile(r"^\s*(?:-|to)\s*$", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
RANGE_AND = re.compile(r"^\s*and\s*$", re.IGNORECASE)
# "decreased from 179 to 160", "up 34.3% from 654 to 878": two levels at two times, never a range.
FROM_AFTER_CHANGE = re.compile(
    r"\b(?:increased|decreased|rose|risen|fell|fallen|reduced|dropped|declined|grown|grew|improved|deteriorated"
    r"|climbed|moved|changed|up|down|gone\s+up|gone\s+down|increase|decrease|rise|fall|reduction)\b"
    r"(?:[^.;]|\.(?=\d)){0,80}?\bfrom\s*$",  # a decimal point is no sentence's end
    re.IGNORECASE,
)

# Between the two levels of "from 1490 in 2017/18 to 1967": the first one's time, then "to".
FROM_TO_BETWEEN = re.compile(r"[\w\s/,.()'-]{0,40}?\bto\s*", re.IGNORECASE)

# What comes between a comparator's cue and its figure: "a national average (in March 2005) of 55".
_ASIDE = r"(?:\s*\([^()]{1,40}\))?"
_VERB = r"(?:\s+(?:was|is|of|at|by|stood\s+at|stands\s+at|were|are))?\s*[(:=]?\s*$"

# Comparators: the area a figure is about when it is not the paper's own (words just before it, or
# "national (6%)"). Areas are data: the area named here is looked up by name in the store.
COMPARATOR_BEFORE: list[tuple[str, re.Pattern]] = [
    (
        "national",
        re.compile(
            r"(?:\bnational(?:ly)?|\bengland|\bacross\s+england|\bthe\s+country(?:\s+as\s+a\s+whole)?|\ball\s+england)"
            r"(?:\s+(?:average|figure|rate|level|performance|benchmark|mean|comparator|position))?" + _ASIDE + _VERB,
            re.IGNORECASE,
        ),
    ),
    (
        "regional",
        re.compile(
            r"(?:\blondon|\bregional(?:ly)?|\bthe\s+region|\b(?:north|south)\s+(?:east|west)|\beast\s+midlands"
            r"|\bwest\s+midlands"
            r"|\byorkshire(?:\s+and\s+the\s+humber)?|\beast\s+of\s+england|\binner\s+london|\bouter\s+london)"
            r"(?:\s+(?:average|figure|rate|level|mean|comparator|position))?" + _ASIDE + _VERB,
            re.IGNORECASE,
        ),
    ),
    (
        "neighbours",
        re.compile(
            r"(?:\bstat(?:istical|\.)?\s+(?:near(?:est)?\s+)?neighbours?|\bsimilar\s+(?:authorities|councils|areas|LAs)"
            r"|\bcomparator\s+(?:authorities|councils|group)|\b(?-i:SNs?)\b|\bIPF(?:\s+(?:group|family|comparators?))?"
            r"|\bour\s+neighbours|\bcomparators)(?:\W+\w+){0,8}?\s*(?:average|figure|rate|level|mean)?" + _ASIDE + r""
            r"(?:\s+(?:per\s+10,?000\s+)?(?:was|is|of|at|stood\s+at|stands\s+at|were|are))?\s*[(:=]?\s*$",
            re.IGNORECASE,
        ),
    ),
]


# "17% in London": a region named just after the figure. The region names are data
# (data/catalogue/regions.yaml), so the rule is built from them once, when first used.
@lru_cache(maxsize=1)
def region_after() -> re.Pattern:
    names = sorted(region_names(), key=len, reverse=True)  # the longest first: "inner london" before "london"
    words = "|".join(r"\s+".join(map(re.escape, name.split())) for name in names)
    return re.compile(rf"^\s*\)?\s*(?:in|across|for)\s+(?:the\s+)?(?P<region>{words})\b(?!\s+borough)", re.IGNORECASE)


def region_names() -> dict[str, str]:
    """Each way a region is written, lower case -> its name as DfE's files write it."""
    return region_words()


# Where a sentence dates its figure: "In January 2021 there were 617", "146 in February 2018".
MONTH_YEAR = re.compile(rf"^{text_rules.MONTH_NAME}[\s-]+(?P<year>{text_rules.YEAR})$", re.IGNORECASE)
DATE_RIGHT_AFTER = re.compile(r"^\s*\)?\s*(?:in|at|as\s+at|at\s+the\s+end\s+of|by|for|during|\()\s*$", re.IGNORECASE)
DATE_OPENS = re.compile(
    r"^\s*(?:in|at|as\s+at|at\s+the\s+end\s+of|by\s+the\s+end\s+of|by|during|for)\s*$", re.IGNORECASE
)

# Clause boundaries: an alias is evidence for a figure in its own clause only.
CLAUSE_BOUNDARY = re.compile(
    r";|:|\s-\s|,\s+(?:and|but|while|whereas|with|which|where|when|who|although|though|compared|as)\b|\bbut\b"
    r"|\bwhile\b|\bwhereas\b"
    r"|,\s+(?=\d|(?:" + text_rules.NUMBER_IN_WORDS + r")\b)",
    re.IGNORECASE,
)

# A measure's subject (issue 26). A sentence opens with a paragraph or list number, then its subject,
# which starts this near; "This", "It", or the figure itself opening a sentence points to the sentence
# before. A noun phrase between an alias and its figure names what the figure counts instead.
SENTENCE_OPENING = re.compile(r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?(?:\s*[/-])?\s+)?(?:the\s+)?")
SUBJECT_REACH = 40
# "The rate of referrals ...": the subject's head is the rate, so a count measure named after it is not its measure.
HEAD_BEFORE_ALIAS = re.compile(r"\b(?:rate|percentage|proportion|per\s*cent|%|share|average)\s+of\s+$", re.IGNORECASE)
# A figure just before an alias owns it ("551 children looked after"): it is no subject of another figure's.
FIGURE_BEFORE_ALIAS = re.compile(r"(?:\d|\b(?:" + text_rules.NUMBER_IN_WORDS + r"))[\s%)]*$", re.IGNORECASE)
ANAPHORIC_OPENING = re.compile(
    r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?(?:\s*[/-])?\s+)?(?:this|it|these|that|the\s+figure|[£(]?\d)",
    re.IGNORECASE,
)
NEARER_NOUN_PHRASE = re.compile(
    rf"\b(?:{text_rules.COUNTED_NOUNS}|UASC|asylum\s+seekers?|siblings|babies|boys|girls)\b(?!')",  # not "Children's"
    re.IGNORECASE,
)
# A rate's base and an age band qualify the alias before them; they name nothing else.
RATE_BASE_WORDS = re.compile(
    r"\bper\s+[\d,]+k?\s+(?:population|children|young\s+people|child)?(?:\s+aged\s+(?:under\s+)?[\d-]+)?"
    r"|\bper\s+[\d,]+k?\b"
    r"|\b(?:children|young\s+people)\s+aged\s+(?:under\s+|over\s+|between\s+)?[\d-]+(?:\s+(?:and|to)\s+\d+)?",
    re.IGNORECASE,
)

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
CAVEAT = re.compile(
    r"[-–—]\s*(?P<caveat>[^-–—]*?(?:caution|not\s+comparable|should\s+be\s+treated|provisional|estimate)[^.]*)",
    re.IGNORECASE,
)
ENGLAND_CUES = re.compile(r"^\s*(?:in\s+the\s+country\s+as\s+a\s+whole|nationally|in\s+England)\b", re.IGNORECASE)
A_YEAR_AGO = re.compile(r"^\s*(?:a\s+year\s+ago|last\s+year|twelve\s+months\s+ago|12\s+months\s+ago)", re.IGNORECASE)
EACH_AFTER = re.compile(r"^\s*(?:cases\s+)?each\b", re.IGNORECASE)
ON_LAST_MONTH = re.compile(
    r"^\s*(?:on|from|since|compared\s+(?:with|to))\s+(?:the\s+)?(?:last|previous)\s+month", re.IGNORECASE
)
WINDOW_NUMBER = re.compile(r"(\d+)\s*(working\s+)?(day|week|month|year|quarter)", re.IGNORECASE)

# Headings under which a paper states its own red/amber/green judgement.
REPORTED_RAG_HEADINGS = {
    "going well or better": "going_well",
    "ones to watch": "ones_to_watch",
    "things to do better": "do_better",
}
