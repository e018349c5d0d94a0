"""Figures from prose: the rules on sentences a paper writes."""

import pandas as pd
import pytest

from croydon_kpi.core import project, schema
from croydon_kpi.readers.extract import extract_figures, number_tokens
from croydon_kpi.readers.papers import paper_catalogue

PAPERS = project.sources_dir() / "committee_papers"


REPORT_004 = "cabinet_2019_11_18_report_improvement_board"


def paper(document_id: str) -> str:
    return (PAPERS / paper_catalogue()[document_id]["file"]).read_text(encoding="utf-8")


# Seed 004 §3.16: the performance overview reported to the October 2019 Improvement Board.
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
    assert cp_change.bound == "at_least" and "window=3 months" in cp_change["flags"]
    assert cp_change.period_label == "3 months to October 2019 (as reported to the Improvement Board)"
    assert str(cp_change.period_start.date()) == "2019-08-01"
    in_touch = overview[(overview.measure == "care_leavers_in_touch_percent") & (overview.kind == "change")].iloc[0]
    assert "ambiguous_pp_or_relative" in in_touch["flags"] and "window=1 month" in in_touch["flags"]
    supervision = overview[overview.measure == "supervision_timely_swf_percent"].iloc[0]
    assert "ambiguous_pp_or_relative" in supervision["flags"] and "window=6 months" in supervision["flags"]


def test_overview_qualifiers_and_caveats_travel_with_the_figure(overview):
    by_measure = overview.drop_duplicates("measure").set_index("measure")
    assert "qualifier=below_target" in by_measure.loc["cin_visits_timely_percent", "flags"]
    assert "qualifier=slightly_below_target" in by_measure.loc["cla_visits_timely_percent", "flags"]
    assert "qualifier=improved_on_last_month" in by_measure.loc["foster_carer_reviews_timely_percent", "flags"]
    agency = by_measure.loc["social_workers_agency_percent"]
    assert "caveat" in agency["flags"] and "treated with caution" in agency.note
    assert by_measure.loc["care_proceedings_count", "note"] == "the paper states no value"


def test_coverage_classifies_the_tricky_numbers():
    tokens = number_tokens(paper(REPORT_004)).set_index("span")["category"].to_dict()
    assert tokens["sections 135-142"] == "legislation"
    assert tokens["2018/19"] == "financial_year"
    assert tokens["in the last 3 months"] == "time_window"
    assert tokens["less than 20 miles"] == "definition_threshold"
    minutes = (
        number_tokens(paper("cabinet_2019_11_18_minutes_improvement_board")).set_index("span")["category"].to_dict()
    )
    assert minutes["102/19"] == "minute_number"


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


def test_per_cent_in_words_maps_through_aliases():
    figure = one("92.5 per cent of ICPCs were held within 15 working days.")
    assert (figure.measure, figure.value, figure.unit) == ("cp_conferences_within_15_days_percent", 92.5, "percent")


def test_overspend_in_millions_written_together():
    figure = one("The service is forecasting an overspend of £2.4million at Quarter 3 2020/21.")
    assert (figure.value, figure.unit, figure.measure) == (2_400_000, "gbp", "unmapped")
    assert figure.period_label == "2020-21"
    assert "overspend" in figure.label


def test_quarter_and_years_are_not_figures():
    tokens = number_tokens("Performance at Quarter 3 2020/21 was reported on 12 January 2021.")
    assert set(tokens["category"]) == {"quarter", "financial_year", "date"}


def test_rates_fte_and_about():
    figures = extract_figures(
        "The rate of children looked after is 64 per 10,000. There are about 250 FTE social workers."
    )
    assert figures[["value", "unit", "bound"]].values.tolist() == [
        [64, "rate_per_10k", "exact"],
        [250, "fte", "approx"],
    ]
    assert figures.iloc[0]["measure"] == "cla_rate_per_10k"


def test_increase_of_percent_is_an_ambiguous_change():
    figure = one("Re-referrals saw an increase of 3% compared with the previous quarter.")
    assert (figure.kind, figure.value, figure.measure) == ("change", 3, "rereferrals_within_12_months_percent")
    assert "ambiguous_pp_or_relative" in figure["flags"]


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


def test_ranges_are_a_low_and_a_high_not_a_negative():
    figures = extract_figures("Savings of £10m-£12m are expected. Between 20 and 25 children were placed.")
    assert figures[["value", "kind", "bound"]].values.tolist() == [
        [10_000_000, "range", "at_least"],
        [12_000_000, "range", "at_most"],
        [20, "range", "at_least"],
        [25, "range", "at_most"],
    ]


def test_brackets_and_underspends_are_negative_and_a_spaced_thousands_group_is_one_figure():
    assert rows("The service reported (£0.4m) against budget and an underspend of £0.3m on staffing.") == [
        ("(£0.4m)", -400_000, "gbp", "level"),
        ("£0.3m", -300_000, "gbp", "level"),
    ]
    assert rows("Agency costs were £3,398, 000 in the year.") == [("£3,398, 000", 3_398_000, "gbp", "level")]


def test_rates_per_100000_and_per_10k_and_percentage_points():
    assert rows("The rate was 45.2 per 100,000 and 61 per 10k children.") == [
        ("45.2 per 100,000", 45.2, "rate_per_100k", "level"),
        ("61 per 10k", 61, "rate_per_10k", "level"),
    ]
    figure = one("Timeliness rose by 3.2 percentage points.")
    assert (figure.kind, figure.value, figure.unit) == ("change", 3.2, "percent")
    assert "percentage_points" in figure["flags"] and "ambiguous_pp_or_relative" not in figure["flags"]


def test_changes_written_after_the_number_have_a_direction():
    assert rows("Referrals were down 12% and there was a 27% reduction in plans.") == [
        ("12%", -12, "percent", "change"),
        ("27%", -27, "percent", "change"),
    ]


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


def test_a_month_in_the_sentence_dates_its_figure_and_a_short_financial_year_is_no_minute():
    figure = one("In January 2021 there were 617 children looked after.")
    assert (figure.period_label, figure.measure) == ("January 2021", "cla_count")
    assert number_tokens("The 23/24 budget was agreed.")["category"].tolist() == ["financial_year", "financial_year"]


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
