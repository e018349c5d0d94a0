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


def test_the_sentences_subject_stands_for_a_figure_whose_clause_names_none():
    rows = extract_figures("Referrals to Children's Social Care rose against Q2, up 34.3% from 654 to 878.")
    assert list(zip(rows["as_written"], rows["measure"])) == [
        ("34.3%", "unmapped"),  # a percentage change of a count: not the count
        ("654", "referrals_count"),
        ("878", "referrals_count"),
    ]


def test_no_subject_where_a_figure_owns_the_alias_or_a_rate_heads_it_or_the_figure_names_its_own():
    owned = extract_figures("Of 551 children looked after, eight were known to the Youth Justice Team.")
    assert list(owned["measure"]) == ["cla_count", "unmapped"]
    rate = extract_figures("The rate of referrals fell to 253.9 per 10,000 (against 459.9 in 2018).")
    assert list(rate["measure"]) == ["unmapped", "unmapped"]
    own = extract_figures("Referrals rose to 500, and 45 came from schools.")
    assert list(own["measure"]) == ["referrals_count", "unmapped"]


def test_a_sentence_opening_with_this_is_about_the_sentence_befores_measure_and_takes_its_rate():
    rows = extract_figures(
        "The rate of Looked After Children per 10,000 children aged under 18 rose to 54.9. "
        "This is up from 53.2 at the end of quarter 2, and from 48.2 a year ago."
    )
    assert list(zip(rows["value"], rows["measure"], rows["unit"])) == [
        (54.9, "cla_rate_per_10k", "rate_per_10k"),
        (53.2, "cla_rate_per_10k", "rate_per_10k"),
        (48.2, "cla_rate_per_10k", "rate_per_10k"),
    ]
    other = extract_figures("Referrals rose to 500. 100 per cent of children with a plan had a social worker.")
    assert list(other["measure"]) == ["referrals_count", "unmapped"]  # "100 per cent of ...": its own


def test_the_nearest_noun_phrase_wins_over_a_farther_alias():
    rows = extract_figures(
        "The number of looked after children who are unaccompanied asylum seeking children, now standing at 48, rose."
    )
    assert list(rows["measure"]) == ["unmapped"]
    assert list(extract_figures("There were 312 LAC at the end of March.")["measure"]) == ["cla_count"]
    assert list(extract_figures("Referral numbers for September (151) were steady.")["measure"]) == ["referrals_count"]
