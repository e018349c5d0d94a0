"""Which measure a figure is: the catalogue's aliases as a table indexed by first word, the
aliases a text holds, and `measure_for()`, which takes a measure only on evidence (its alias in
the figure's own clause and a unit the measure can be written in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from croydon_kpi.catalogue.measures import Catalogue
from croydon_kpi.readers import context_rules
from croydon_kpi.readers.found_figure import Found
from croydon_kpi.readers.plain_text import plain_text
from croydon_kpi.readers.sentences import clause_after, clause_before


@dataclass(frozen=True)
class AliasTable:
    """The catalogue's aliases, each (order, (pattern, measure id, alias, first word)), longest
    first, indexed by first word: a text is tried only against aliases whose first word it holds."""

    by_first_word: dict[str, list]
    others: list  # aliases whose first word is not a plain word, tested by substring


def alias_table(catalogue: Catalogue) -> AliasTable:
    """Every alias of every catalogue measure as a whole-word, case-blind pattern (spaces match any
    run of whitespace), longest first."""
    entries = []
    for measure in catalogue.measures.values():
        for alias in measure.aliases:
            plain = plain_text(alias)
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


def aliases_in(text: str, aliases: AliasTable) -> list[tuple[int, int, str]]:
    """(start, end, measure id) of each alias in the text, in order; a longer alias claims its
    words first, so a shorter one inside it is not found again."""
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


def measure_for(
    found: Found, sentence: str, previous_end: int, next_start: int, aliases, units, first_label, sentence_before=""
):
    """(measure or None, label, end of the alias used after the figure or None). A measure needs
    evidence: its alias in the figure's own clause (before it since the previous figure, else
    after it to the next) and a unit the measure can be written in; failing that, the sentence's
    subject, or the sentence before's, where nothing else could be meant."""
    local_start, local_end = found.span.start, found.span.end
    before_text = clause_before(sentence[previous_end:local_start])
    after_text = clause_after(sentence[local_end:next_start])
    measure, alias_end = _best_alias_with_end(found, before_text, aliases, units)
    if measure and not _nearer_noun_phrase(before_text[alias_end:]):
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
    subject = _subject(found, sentence, aliases, units) or _subject_before(
        found, sentence, sentence_before, aliases, units
    )
    if subject:
        return subject[0], subject[1], consumed
    # No measure: the figure's description is its own clause's words ("59% of reviews were late").
    own_before = before_text.strip(" (-,")
    own_after = after_text.strip(" )-,")
    if re.match(r"^\)?\s*of\b", after_text) or not re.search(r"[A-Za-z]{3}", own_before):
        return None, own_after or own_before, consumed
    if len(re.findall(r"[A-Za-z]{2,}", own_before)) < 2:  # "compared with 30%": the clause alone says too little
        own_before = sentence[previous_end:local_start].strip(" (-,")
    return None, own_before or own_after, consumed


def _nearer_noun_phrase(between: str) -> bool:
    """ "looked after children who are unaccompanied asylum seeking children, now standing at 48": a
    noun phrase nearer the figure than the alias says what it counts (a rate's base is no such phrase)."""
    between = context_rules.RATE_BASE_WORDS.sub(" ", between)
    return bool(context_rules.NEARER_NOUN_PHRASE.search(between))


def _subject(found: Found, sentence: str, aliases, units) -> tuple[str, str] | None:
    """ "Referrals ... rose, up 34.3% from 654 to 878": the measure the sentence opens with stands for a
    figure whose own clause names none, where no other alias comes between and the figure's own
    words name nothing else."""
    if _compared(found):
        return None
    named = aliases_in(sentence[: found.span.start], aliases)
    opening = context_rules.SENTENCE_OPENING.match(sentence).end()
    if len(named) != 1 or named[0][0] > opening + context_rules.SUBJECT_REACH:
        return None
    start, end, measure = named[0]
    if not _heads_the_sentence(sentence[opening:start], units[measure]) or _nearer_noun_phrase(
        sentence[end : found.span.start]
    ):
        return None
    return _standing_for(found, sentence, measure, sentence[start:end], units)


def _heads_the_sentence(before_alias: str, unit: str) -> bool:
    """An alias is its sentence's subject unless a figure owns it ("551 children looked after") or a
    rate heads it ("the rate of referrals" is no count of referrals)."""
    if context_rules.FIGURE_BEFORE_ALIAS.search(before_alias):
        return False
    return unit != "count" or not context_rules.HEAD_BEFORE_ALIAS.search(before_alias)


def _subject_before(found: Found, sentence: str, sentence_before: str, aliases, units) -> tuple[str, str] | None:
    """ "The rate of Looked After Children ... rose to 54.9. This is up from 53.2": a sentence opening
    with "This", "It" or the figure itself is about the sentence before's one measure."""
    opening = context_rules.ANAPHORIC_OPENING.match(sentence)
    if _compared(found) or not opening or aliases_in(sentence[: found.span.start], aliases):
        return None
    if opening.group().rstrip("£(")[-1:].isdigit() and found.span.start > opening.end():
        return None  # a sentence opening with a figure: that figure only
    named = aliases_in(sentence_before, aliases)
    if not named or len({measure for _, _, measure in named}) != 1:
        return None
    start, end, measure = named[0]
    if not _heads_the_sentence(
        sentence_before[context_rules.SENTENCE_OPENING.match(sentence_before).end() : start], units[measure]
    ):
        return None
    return _standing_for(found, sentence, measure, sentence_before[start:end], units, strictly=True)


def _standing_for(found: Found, sentence: str, measure: str, alias: str, units, strictly=False):
    """(measure, alias) where the figure's unit fits the measure (a bare number takes a rate's unit)
    and the word after the figure, if any, names nothing else (`strictly`: not even the alias's noun);
    "45% of ..." names its own."""
    word = re.match(r"^\s*\)?\s*([A-Za-z][\w'-]*)", sentence[found.span.end :])
    following = word.group(1).lower() if word else ""
    if (
        following == "of"
        or following
        and following not in _FUNCTION_WORDS
        and (strictly or following not in alias.lower())
    ):
        return None
    if units[measure] in RATE_UNITS and found.span.category == "count" and found.unit == "count":
        found.unit = units[measure]
        found.notes.append(f"a rate, as the measure it stands for ({alias}) is")
    if units[measure] not in COMPATIBLE_UNITS[found.unit]:
        return None
    return measure, alias


def _compared(found: Found) -> bool:
    """A comparator is another area's figure, and a change is about the levels before it
    (figure_relations.inherit_change_measures): neither takes a subject's measure."""
    return found.kind == "change" or any(flag.startswith("comparator=") for flag in found.flags)


RATE_UNITS = ("rate_per_10k", "rate_per_100k")


def _alias_in_noun_phrase(after: str, aliases) -> int | None:
    """The end of an alias that starts within two words after a figure, else None."""
    lead = re.match(r"^\s*(?:[\w'-]+\s+){0,2}", after)
    found = [end for start, end, _ in aliases_in(after[: lead.end() + 60], aliases) if start <= lead.end()]
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
nor but for during by since as this these those last this next per across against over under between remain remains
remained stood stands rose fell increased decreased dropped reduced has continue continues compared""".split()
)


def _best_alias_with_end(found: Found, text: str, aliases, units: dict):
    """(measure, where its alias ends) for the longest fitting alias (the first of equal ones), or (None, None)."""
    fitting = [
        (end - start, -start, measure, end)
        for start, end, measure in aliases_in(text, aliases)
        if units[measure] in COMPATIBLE_UNITS[found.unit]
    ]
    if not fitting:
        return None, None
    best = max(fitting)
    return best[2], best[3]
