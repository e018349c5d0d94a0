"""Figures from prose: `extract_figures(text)` finds every figure a committee paper states, keeps
the sentence it came from and where it stands, and maps it to a catalogue measure by alias.

The work is done by the readers' extraction modules, in the order a figure meets them:
plain_text (offsets kept), page_layout (lines and blocks first: the page's furniture, paragraph
and list markers, money tables), number_spans (what every number is), sentences (where it stands),
figure_qualifiers (its value, kind, bound, area), measure_aliases (which measure),
figure_relations and figure_periods (what the sentence's other figures and dates say about it).
This module runs them sentence by sentence and builds the rows. A figure that maps to no
measure is kept as `unmapped`; `number_tokens()` shows what every digit run was taken for.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from croydon_kpi.catalogue.measures import Catalogue, load_catalogue
from croydon_kpi.core import schema
from croydon_kpi.core.periods import frequency_of
from croydon_kpi.errors import ParseError
from croydon_kpi.readers.figure_periods import (
    date_by_financial_years,
    date_by_months,
    date_levels_from_to,
    months_before,
    year_before,
)
from croydon_kpi.readers.figure_qualifiers import (
    UNIT_OF_RULE,
    figure_value,
    mark_a_year_before,
    mark_bound,
    mark_change,
    mark_change_after,
    mark_forecast,
    mark_percentage_points,
    mark_qualifiers,
    mark_target,
    mark_window,
    place_comparator,
    rate_unit,
    sign_money,
)
from croydon_kpi.readers.figure_relations import (
    carry_rate_units,
    inherit_change_measures,
    inherit_from_to,
    join_ranges,
    mark_from_to_levels,
)
from croydon_kpi.readers.found_figure import NO_AREA, Found
from croydon_kpi.readers.measure_aliases import alias_table, aliases_in, measure_for
from croydon_kpi.readers.number_spans import Span, figure_spans, non_figure_spans, number_tokens, spans_within
from croydon_kpi.readers.page_layout import number_spans_of, read_layout, without_furniture
from croydon_kpi.readers.plain_text import plain_text
from croydon_kpi.readers.sentences import Sentence, sentences

# Callers and tests read spans, tokens and sentences from here, beside extract_figures.
__all__ = ["extract_figures", "figure_spans", "non_figure_spans", "number_tokens", "sentences"]


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
    plain = plain_text(text)
    aliases = alias_table(catalogue)
    # Lines and blocks before sentences: the page's furniture and markers are no figure, and a
    # sentence, a date or a time reads on across a page's end (its furniture blanked, offsets kept).
    layout = read_layout(plain)
    reading = without_furniture(plain, layout)
    non_figures, figures = number_spans_of(plain, layout)
    figure_starts, non_figure_starts = [f.start for f in figures], [n.start for n in non_figures]
    units = {measure.id: measure.unit for measure in catalogue.measures.values()}
    rows, sentence_before = [], ""
    for sentence in sentences(reading, layout.markers):
        own_period = (sections or {}).get(sentence.paragraph, period)
        try:
            rows += _sentence_rows(
                plain,
                sentence,
                spans_within(non_figures, non_figure_starts, sentence.start, sentence.end),
                spans_within(figures, figure_starts, sentence.start, sentence.end),
                aliases,
                source_id,
                own_period,
                catalogue,
                {**NO_AREA, **(area or {})},
                units,
                layout.money_scales,
                sentence_before,
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
        sentence_before = sentence.text  # a sentence opening "This ..." may be about this one's measure
    frame = pd.DataFrame(rows)
    return schema.conform(frame) if len(frame) else schema.empty_figures()


def _tidy_label(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" -•*(),.;:\"'")
    return re.sub(r"^(?:and|or|of|with|the|\d+(?:\.\d+)+)\s+", "", text, flags=re.IGNORECASE).strip()


def _sentence_rows(
    plain,
    sentence,
    non_figures,
    figures,
    aliases,
    source_id,
    period,
    catalogue,
    area,
    units=None,
    money_scales=(),
    sentence_before="",
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
        value = figure_value(span, span.category)
        unit = rate_unit(span, inside[:index], rate_bases) or UNIT_OF_RULE.get(span.category, span.category)
        found = Found(Span(local(span.start), local(span.end), span.category, span.text), unit, value, area=dict(area))
        _scale_by_table_header(found, span.start, money_scales)
        # The words a rule reads lie just before and after the figure: rules see that much, not the
        # whole sentence (a rule anchored at the figure would otherwise scan every position before it).
        # Runs of white space (a page's furniture blanked between two words) count as one space.
        before, after = (
            _WHITE.sub(" ", text[max(0, found.span.start - 640) : found.span.start])[-160:],
            _WHITE.sub(" ", text[found.span.end : found.span.end + 640])[:160],
        )
        for rule in (
            mark_change,
            mark_change_after,
            mark_percentage_points,
            mark_target,
            mark_forecast,
            sign_money,
            place_comparator,
        ):
            rule(found, before, after)
        mark_bound(found, before)
        mark_window(found, sentence, non_figures, after)
        measure, label, alias_end = measure_for(
            found, text, previous_end, next_start, aliases, units, first_label, sentence_before
        )
        found.label = _tidy_label(label) or _tidy_label(text)
        if measure:
            found.measure = measure
            first_label = first_label or label
        consumed = alias_end or consumed  # an alias after one figure is not evidence for the next
        mark_a_year_before(found, after)
        found_list.append(found)
    join_ranges(found_list, text)
    mark_from_to_levels(found_list, text)
    carry_rate_units(found_list)
    inherit_change_measures(found_list, text)
    inherit_from_to(found_list, text)
    date_by_financial_years(found_list, sentence, non_figures)
    date_by_months(found_list, sentence, non_figures)
    date_levels_from_to(found_list, sentence, non_figures)
    rows = []
    for found in found_list:
        clause_end = next((f.span.start for f in found_list if f.span.start > found.span.end), len(text))
        mark_qualifiers(found, text if found.kind == "level" else text[found.span.start : clause_end])
        rows.append(_row(found, plain, sentence, source_id, period))
    if not found_list and sentence.reported_rag:
        rows += _statement_rows(plain, sentence, aliases, source_id, period, catalogue, area)
    return rows


_WHITE = re.compile(r"\s{2,}")


def _scale_by_table_header(found: Found, offset: int, money_scales) -> None:
    """ "£2.995" in a table whose header says £m is £2,995,000: the header gives its cells their scale."""
    if found.unit != "gbp" or re.search(r"\d\s*\)?\s*[A-Za-z]", found.span.text):
        return  # not money, or its own scale written ("£3m", "£450k")
    factor = next((f for start, end, f in money_scales if start <= offset < end), None)
    if factor:
        found.value *= factor
        found.flags.append("unit_from_table_header")
        found.notes.append(f"scaled by {factor:,} as the table's header gives its money")


def _row(found: Found, plain: str, sentence: Sentence, source_id, period) -> dict:
    start, end, label = found.period or period or (None, None, None)
    if found.period is None and period is not None:
        found.flags.append("period_from_document")  # the sentence names no period of its own
    if "period=a year before" in found.flags and start:
        start, end, label = year_before(start), year_before(end), f"a year before: {label}"
    window = next((flag.split("=", 1)[1] for flag in found.flags if flag.startswith("window=")), None)
    if window and start:
        start, label = months_before(end, window), f"{window} to {label}"
    line = sentence.line_of(found.span.start)
    where = f"paragraph {sentence.paragraph}, line {line}" if sentence.paragraph else f"line {line}"
    return {
        **found.area,
        "measure": found.measure,
        "label": found.label,
        "period_start": start,
        "period_end": end,
        "period_label": label,
        # from the period as finally worked out: a year before a month is a month, a window "other"
        "frequency": frequency_of(start, end),
        "kind": found.kind,
        "value": found.value,
        "as_written": found.span.text if found.span.category != "statement" else None,
        "unit": found.unit,
        "bound": found.bound,
        "source_id": source_id,
        "locator": where,
        "quote": re.sub(r"\s+", " ", sentence.text),
        "status": "reported",
        "tags": tuple(found.flags),
        "note": "; ".join(found.notes) or None,
        "reported_rag": sentence.reported_rag,
    }


def _statement_rows(plain: str, sentence: Sentence, aliases, source_id, period, catalogue, area) -> list[dict]:
    """An indicator a paper judges without giving a number ("Caseloads are below target ...")."""
    matched = aliases_in(sentence.text, aliases)
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
    mark_qualifiers(found, sentence.text)
    return [_row(found, plain, sentence, source_id, period)]
