"""Which measure a figure is: aliases found in text, and a measure only on evidence."""

from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.readers.extract import extract_figures
from croydon_kpi.readers.found_figure import Found
from croydon_kpi.readers.measure_aliases import COMPATIBLE_UNITS, alias_table, aliases_in, measure_for
from croydon_kpi.readers.number_spans import Span


def one(text, **where):
    figures = extract_figures(text)
    for column, value in where.items():
        figures = figures[figures[column] == value]
    assert len(figures) == 1, figures
    return figures.iloc[0]


def test_aliases_in_a_text_longest_first():
    aliases = alias_table(load_catalogue())
    assert aliases_in("In January 2021 there were 617 children looked after.", aliases) == [(31, 52, "cla_count")]
    assert aliases_in("The rate of children looked after is 64 per 10,000", aliases) == [(4, 33, "cla_rate_per_10k")]
    assert aliases_in("The Board noted the report.", aliases) == []


def test_measure_for_a_count_with_its_alias_after_it():
    catalogue = load_catalogue()
    units = {measure.id: measure.unit for measure in catalogue.measures.values()}
    sentence = "There were 617 children looked after."
    found = Found(Span(11, 14, "count", "617"), "count", 617.0)
    assert measure_for(found, sentence, 0, len(sentence), alias_table(catalogue), units, None) == (
        "cla_count",
        " children looked after.",
        36,
    )
    assert "percent" not in COMPATIBLE_UNITS["count"]  # a count never maps to a percentage measure


def test_per_cent_in_words_maps_through_aliases():
    figure = one("92.5 per cent of ICPCs were held within 15 working days.")
    assert (figure.measure, figure.value, figure.unit) == ("cp_conferences_within_15_days_percent", 92.5, "percent")


def test_a_measure_needs_its_alias_in_the_figure_s_own_clause():
    figures = extract_figures(
        "Of 551 children looked after, eight were known to the Youth Justice Team. "
        "Only 14 out of 90 PLO targets were met. The inquiry referred 105 children in care."
    )
    assert figures[["as_written", "measure"]].values.tolist() == [
        ["551", "cla_count"],
        ["eight", "unmapped"],
        ["14", "unmapped"],
        ["90", "unmapped"],
        ["105", "unmapped"],
    ]
    assert (
        one("Assessments (85%), visits (77%) and 59% of reviews were not up to date.", as_written="59%").label
        == "reviews were not up to date"
    )
