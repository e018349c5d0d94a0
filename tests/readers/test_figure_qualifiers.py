"""One figure's attributes from the words around it: value, change, bound, target, sign, area."""

from croydon_kpi.core.schema import tags_of
from croydon_kpi.readers.extract import extract_figures
from croydon_kpi.readers.figure_qualifiers import figure_value, mark_bound, mark_change, place_comparator, rate_unit
from croydon_kpi.readers.found_figure import Found
from croydon_kpi.readers.number_spans import Span


def one(text, **where):
    figures = extract_figures(text)
    for column, value in where.items():
        figures = figures[figures[column] == value]
    assert len(figures) == 1, figures
    return figures.iloc[0]


def rows(text, **kwargs):
    figures = extract_figures(text, **kwargs)
    return [(r.as_written, r.value, r.unit, r.kind) for r in figures.itertuples()]


def test_values_of_money_in_brackets_numbers_in_words_and_fractions():
    assert figure_value(Span(0, 7, "gbp", "(£0.4m)"), "gbp") == -400_000
    assert figure_value(Span(0, 11, "count_word", "twenty-five"), "count_word") == 25
    assert figure_value(Span(0, 7, "fraction", "a third"), "fraction") == 33.3
    assert figure_value(Span(0, 5, "count", "1,234"), "count") == 1234


def test_a_fall_by_over_is_a_change_down_with_a_lower_bound():
    found = Found(Span(0, 3, "count", "100"), "count", 100.0)
    mark_change(found, "CP numbers have fallen by over ")
    mark_bound(found, "CP numbers have fallen by over ")
    assert (found.kind, found.value, found.bound, found.notes) == ("change", -100, "at_least", ["direction: down"])


def test_england_before_a_figure_makes_it_england_s():
    found = Found(Span(0, 2, "percent", "6%"), "percent", 6.0)
    place_comparator(found, "compared with England ", "")
    assert found.area["area_name"] == "England" and found.flags == ["comparator=national"]


def test_a_bare_number_after_a_rate_base_is_that_rate():
    rate_base = Span(9, 19, "rate_base", "per 10,000")
    assert rate_unit(Span(30, 32, "count", "64"), [], [rate_base]) == "rate_per_10k"
    assert rate_unit(Span(30, 33, "percent", "64%"), [], [rate_base]) is None


def test_increase_of_percent_is_an_ambiguous_change():
    figure = one("Re-referrals saw an increase of 3% compared with the previous quarter.")
    assert (figure.kind, figure.value, figure.measure) == ("change", 3, "rereferrals_within_12_months_percent")
    assert "ambiguous_pp_or_relative" in tags_of(figure["tags"])


def test_brackets_and_underspends_are_negative_and_a_spaced_thousands_group_is_one_figure():
    assert rows("The service reported (£0.4m) against budget and an underspend of £0.3m on staffing.") == [
        ("(£0.4m)", -400_000, "gbp", "level"),
        ("£0.3m", -300_000, "gbp", "level"),
    ]
    assert rows("Agency costs were £3,398, 000 in the year.") == [("£3,398, 000", 3_398_000, "gbp", "level")]


def test_changes_written_after_the_number_have_a_direction():
    assert rows("Referrals were down 12% and there was a 27% reduction in plans.") == [
        ("12%", -12, "percent", "change"),
        ("27%", -27, "percent", "change"),
    ]


def test_targets_and_comparators_get_their_kind_and_area():
    assert rows("Recruitment has an annual target of 20 foster carers.") == [("20", 20, "count", "target")]
    figures = extract_figures(
        "Repeat referrals were 21%, above national (6%) and London (5.3%) and statistical neighbours (7%).",
        area={"area_name": "Kent", "area_level": "local_authority"},
    )
    assert figures[["value", "area_name", "kind"]].fillna("(none)").values.tolist() == [
        [21, "Kent", "level"],
        [6, "England", "level"],
        [5.3, "London", "level"],
        [7, "(none)", "comparator"],
    ]


def test_a_sum_in_brackets_after_the_item_it_prices_is_that_items_amount_not_a_negative():
    rows = extract_figures(
        "The overspend of £3.361m comprises external residential placements (£1.7m) and fostering (£661,000)."
    )
    assert list(rows["value"]) == [3_361_000, 1_700_000, 661_000]
    assert list(extract_figures("The variance of (£0.4m) on staffing.")["value"]) == [-400_000]
    assert list(extract_figures("Staffing underspend (£0.4m) offsets it.")["value"]) == [-400_000]


def test_a_forecast_cue_after_the_figure_with_its_verb_and_an_adverb():
    assert list(extract_figures("An overspend of £3.295m was forecast.")["kind"]) == ["forecast"]
    assert list(extract_figures("An overspend of £15m is currently forecast for the year.")["kind"]) == ["forecast"]


def test_a_dash_between_an_item_and_its_sum_is_no_minus_and_cut_by_is_a_fall():
    rows = extract_figures(
        "The over-spends were: Child Protection Teams - £125,000; Looked After Children - £3,502,000."
    )
    assert list(rows["value"]) == [125_000, 3_502_000]
    assert list(extract_figures("The variance was -£0.5m.")["value"]) == [-500_000]
    cut = extract_figures("The grant was cut by £746k in 2014/2015.").iloc[0]
    assert (cut["kind"], cut["value"]) == ("change", -746_000)
