"""Figures from prose: the rules on sentences a paper writes."""

import pandas as pd
import pytest

from croydon_kpi.core import schema
from croydon_kpi.core.schema import tags_of
from croydon_kpi.readers.extract import extract_figures, number_tokens

REPORT_004 = "cabinet_2019_11_18_report_improvement_board"


# The Cabinet report of 18 November 2019, para 3.16: the performance overview reported to the
# October 2019 Improvement Board.
# (measure, kind, value, unit, section) — every indicator, in the paper's order.
OVERVIEW = [
    ("cp_children_count", "level", 587, "count", "going_well"),
    ("cin_plans_count", "level", 579, "count", "going_well"),
    ("cp_children_count", "change", -100, "count", "going_well"),
    ("cin_plans_count", "change", -100, "count", "going_well"),
    ("cp_visits_timely_percent", "level", 96, "percent", "going_well"),
    ("cp_plans_second_or_subsequent_percent", "level", 17, "percent", "going_well"),
    ("cp_reviews_timely_percent", "level", 100, "percent", "going_well"),
    ("care_proceedings_count", "level", None, "count", "going_well"),
    ("care_leavers_suitable_accommodation_percent", "level", 94, "percent", "going_well"),
    ("social_worker_average_caseload", "level", None, "ratio", "going_well"),
    ("supervision_timely_swf_percent", "change", 30, "percent", "going_well"),
    ("cla_placed_within_20_miles_percent", "level", 83, "percent", "ones_to_watch"),
    ("foster_carer_visits_timely_percent", "level", 85, "percent", "ones_to_watch"),
    ("foster_carer_reviews_timely_percent", "level", 77, "percent", "ones_to_watch"),
    ("care_leavers_in_touch_percent", "level", 89, "percent", "ones_to_watch"),
    ("care_leavers_in_touch_percent", "change", -5, "percent", "ones_to_watch"),
    ("cla_visits_timely_percent", "level", 92, "percent", "ones_to_watch"),
    ("cla_reviews_timely_percent", "level", 93, "percent", "ones_to_watch"),
    ("cla_same_social_worker_6_months_percent", "level", 61, "percent", "ones_to_watch"),
    ("cla_review_health_assessments_timely_percent", "level", 88, "percent", "ones_to_watch"),
    ("social_workers_agency_percent", "level", 44, "percent", "do_better"),
    ("cin_visits_timely_percent", "level", 79, "percent", "do_better"),
    ("cin_reviews_timely_percent", "level", 67, "percent", "do_better"),
    ("cla_care_plans_timely_percent", "level", 84, "percent", "do_better"),
    ("care_leaver_pathway_plans_timely_percent", "level", 74, "percent", "do_better"),
    ("cla_initial_health_assessments_timely_percent", "level", 44, "percent", "do_better"),
]


@pytest.fixture(scope="module")
def overview(store):
    figures = store.figures
    rows = figures[(figures["source_id"] == REPORT_004) & figures["reported_rag"].notna()]
    return rows.reset_index(drop=True)


def test_the_whole_performance_overview(overview):
    got = [
        (r.measure, r.kind, None if pd.isna(r.value) else r.value, r.unit, r.reported_rag)
        for r in overview.itertuples()
    ]
    assert got == OVERVIEW
    assert (
        overview["period_label"].str.startswith("October 2019")
        | overview["period_label"].str.contains("to October 2019")
    ).all()
    assert overview["locator"].str.startswith("paragraph 3.16, line ").all()


def test_overview_changes_keep_bound_window_direction_and_ambiguity(overview):
    cp_change = overview[(overview.measure == "cp_children_count") & (overview.kind == "change")].iloc[0]
    assert cp_change.bound == "at_least" and "window=3 months" in tags_of(cp_change["tags"])
    assert cp_change.period_label == "3 months to October 2019 (as reported to the Improvement Board)"
    assert str(cp_change.period_start.date()) == "2019-08-01"
    in_touch = overview[(overview.measure == "care_leavers_in_touch_percent") & (overview.kind == "change")].iloc[0]
    assert "ambiguous_pp_or_relative" in tags_of(in_touch["tags"]) and "window=1 month" in tags_of(in_touch["tags"])
    supervision = overview[overview.measure == "supervision_timely_swf_percent"].iloc[0]
    assert "ambiguous_pp_or_relative" in tags_of(supervision["tags"]) and "window=6 months" in tags_of(
        supervision["tags"]
    )


def test_overview_qualifiers_and_caveats_travel_with_the_figure(overview):
    by_measure = overview.drop_duplicates("measure").set_index("measure")
    assert "qualifier=below_target" in tags_of(by_measure.loc["cin_visits_timely_percent", "tags"])
    assert "qualifier=slightly_below_target" in tags_of(by_measure.loc["cla_visits_timely_percent", "tags"])
    assert "qualifier=improved_on_last_month" in tags_of(by_measure.loc["foster_carer_reviews_timely_percent", "tags"])
    agency = by_measure.loc["social_workers_agency_percent"]
    assert "caveat" in tags_of(agency["tags"]) and "treated with caution" in agency.note
    assert by_measure.loc["care_proceedings_count", "note"] == "the paper states no value"


def test_national_comparators_are_england_and_unmapped_figures_are_kept(store):
    figures = store.figures[(store.figures["source_id"] == REPORT_004) & (store.figures["measure"] == "unmapped")]
    assert figures[["value", "area_name"]].values.tolist() == [
        [25, "Croydon"],
        [6, "Croydon"],
        [57, "Croydon"],
        [30, "England"],
        [44, "Croydon"],
        [18, "England"],
    ]
    assert "minority ethnic groups" in figures.iloc[2].label


def one(text, **where):
    figures = extract_figures(text)
    for column, value in where.items():
        figures = figures[figures[column] == value]
    assert len(figures) == 1, figures
    return figures.iloc[0]


def test_overspend_in_millions_written_together():
    figure = one("The service is forecasting an overspend of £2.4million at Quarter 3 2020/21.")
    assert (figure.value, figure.unit, figure.measure) == (2_400_000, "gbp", "unmapped")
    assert figure.period_label == "2020-21"
    assert "overspend" in figure.label


def test_rates_fte_and_about():
    figures = extract_figures(
        "The rate of children looked after is 64 per 10,000. There are about 250 FTE social workers."
    )
    assert figures[["value", "unit", "bound"]].values.tolist() == [
        [64, "rate_per_10k", "exact"],
        [250, "fte", "approx"],
    ]
    assert figures.iloc[0]["measure"] == "cla_rate_per_10k"


def test_text_with_no_figures_gives_the_schema():
    figures = extract_figures("The Board noted the report.")
    assert figures.empty and list(figures.columns) == list(schema.FIGURE_COLUMNS)


# --- other councils' sentence shapes (issue 15) ----------------------------------------------


def rows(text, **kwargs):
    figures = extract_figures(text, **kwargs)
    return [(r.as_written, r.value, r.unit, r.kind) for r in figures.itertuples()]


def test_a_span_of_years_is_not_read_as_a_financial_year_and_never_crashes():
    assert rows("The Medium Term Financial Strategy 2020-2024 assumes savings of £5m.") == [
        ("£5m", 5_000_000, "gbp", "level")
    ]
    assert number_tokens("the Strategy 2020-2024")["category"].tolist() == [
        "year_range",
        "year_range",
    ]  # two digit runs


def test_rates_per_100000_and_per_10k_and_percentage_points():
    assert rows("The rate was 45.2 per 100,000 and 61 per 10k children.") == [
        ("45.2 per 100,000", 45.2, "rate_per_100k", "level"),
        ("61 per 10k", 61, "rate_per_10k", "level"),
    ]
    figure = one("Timeliness rose by 3.2 percentage points.")
    assert (figure.kind, figure.value, figure.unit) == ("change", 3.2, "percent")
    assert "percentage_points" in tags_of(figure["tags"]) and "ambiguous_pp_or_relative" not in tags_of(figure["tags"])


def test_numbers_and_fractions_in_words():
    assert rows(
        "Three children and eleven families were supported; half of referrals and a third of assessments "
        "were late; almost three quarters of children were seen."
    ) == [
        ("Three", 3, "count", "level"),
        ("eleven", 11, "count", "level"),
        ("half", 50, "percent", "level"),
        ("a third", 33.3, "percent", "level"),
        ("three quarters", 75, "percent", "level"),
    ]
    assert rows("The Chair had been involved for over two years; two important issues were raised.") == []


def test_no_sentence_of_ten_thousand_generated_ones_raises():
    """Sentences built at random from the shapes committee papers use: every one is read or
    reported as unreadable, never a crash (extract_figures raises when not given `unreadable`)."""
    import random

    pieces = [
        "£5m",
        "£10m-£12m",
        "(£0.4m)",
        "£3,398, 000",
        "£(3.1)m",
        "-£2m",
        "2020-2024",
        "2019/20",
        "23/24",
        "1999/00",
        "45.2 per 100,000",
        "61 per 10k",
        "3.2 percentage points",
        "down 12%",
        "a 27% reduction",
        "twenty-five",
        "almost three quarters of",
        "half of",
        "a third of",
        "between 20 and 25",
        "aged 16 and 17",
        "14-19",
        "Q3",
        "quarter three",
        "month 4",
        "6.30 p.m.",
        "01274 437077",
        "PDF 339 KB",
        "CEF23076",
        "minute 55a",
        "In January 2021",
        "at the end of June 2022",
        "national (6%)",
        "London (5.3%)",
        "statistical neighbours",
        "target of 90 per cent",
        "an underspend of £0.4m",
        "overspent by £2.5 million",
        "forecast",
        "projected",
        "children looked after",
        "CP plans",
        "re-referrals",
        "1.1",
        "2.",
        "(7)",
        "-",
        "to",
        "and",
        "of",
        "was",
        "%",
        "£",
        "per cent",
        "0",
        "10,000",
        "1e5",
        "3.",
        ",",
        ";",
        ".",
        "(",
        ")",
        "one",
        "eleven",
        "hundred",
        "2019",
        "31 March 2019",
        "July-2020",
        "18/04/2018",
        "4.15-4.45",
        "section 47",
        "S47",
        "16+",
        "under 18s",
    ]
    generator = random.Random(15)
    sentences = [
        " ".join(generator.choice(pieces) for _ in range(generator.randint(1, 14))) + "." for _ in range(10_000)
    ]
    for batch in range(0, len(sentences), 500):
        extract_figures("\n\n".join(sentences[batch : batch + 500]))  # raises if any sentence cannot be read
