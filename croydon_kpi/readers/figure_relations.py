"""What the figures of one sentence say about each other: two joined as a range ("£10m-£12m"),
a change about the levels before it, and "from 600 ... to 100" (the second the first's measure).
"""

from __future__ import annotations

import re

from croydon_kpi.readers import context_rules
from croydon_kpi.readers.found_figure import Found


def join_ranges(found_list: list[Found], text: str) -> None:
    """ "£10m-£12m", "between 20 and 25": a range, its low and high each a figure of kind range."""
    for low, high in zip(found_list, found_list[1:]):
        between = text[low.span.end : high.span.start]
        joined = context_rules.RANGE_BETWEEN.match(between) or (
            context_rules.RANGE_AND.match(between) and context_rules.BETWEEN_BEFORE.search(text[: low.span.start])
        )
        if not joined or low.unit not in (high.unit, "count"):
            continue
        if context_rules.FROM_AFTER_CHANGE.search(text[: low.span.start]) and between.strip() == "to":
            _two_levels(low, high)
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


def _two_levels(earlier: Found, later: Found) -> None:
    """ "decreased from 179 to 160": the level before and the level after a change, each a level (the
    change itself is not written, so no row states it; the later level's note gives the earlier)."""
    earlier.flags.append("from_to=from")
    earlier.notes.append("the level before the change the sentence describes")
    later.flags.append("from_to=to")
    later.notes.append(f"the level after a change from {earlier.span.text}")


def mark_from_to_levels(found_list: list[Found], text: str) -> None:
    """ "increased from 116 in March 2017 to 146 in February 2018": after a change verb, the two
    levels of a change, each at its own time (join_ranges has marked those written "from X to Y")."""
    for earlier, later in zip(found_list, found_list[1:]):
        if earlier.kind != "level" or later.kind != "level" or earlier.unit != later.unit:
            continue
        if "from_to=from" in earlier.flags or not context_rules.FROM_AFTER_CHANGE.search(text[: earlier.span.start]):
            continue
        if context_rules.FROM_TO_BETWEEN.fullmatch(text[earlier.span.end : later.span.start]):
            _two_levels(earlier, later)


def carry_rate_units(found_list: list[Found]) -> None:
    """ "248.2 per 10k ..., lower than the SN average of 442.2": a comparator written bare takes the
    unit of the rate its sentence states before it."""
    for position, found in enumerate(found_list):
        compared = any(flag.startswith("comparator=") for flag in found.flags)
        if not compared or found.unit != "count" or found.span.category != "count":
            continue
        rate = next((f for f in reversed(found_list[:position]) if f.unit in RATE_UNITS), None)
        if rate:
            found.unit = rate.unit
            found.notes.append(f"a rate, as the sentence's {rate.span.text} is")


RATE_UNITS = ("rate_per_10k", "rate_per_100k")


def inherit_change_measures(found_list: list[Found], text: str) -> list[Found]:
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
        targets = levels if context_rules.EACH_AFTER.match(after) else levels[-1:]
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


def inherit_from_to(found_list: list[Found], text: str) -> None:
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
