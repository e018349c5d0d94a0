"""What the figures of one sentence say about each other: ranges and inherited measures."""

from croydon_kpi.readers.extract import extract_figures
from croydon_kpi.readers.figure_relations import inherit_from_to, join_ranges
from croydon_kpi.readers.found_figure import Found
from croydon_kpi.readers.number_spans import Span


def test_a_dash_between_two_sums_joins_them_as_a_range():
    text = "Savings of £10m-£12m are expected."
    low = Found(Span(11, 15, "gbp", "£10m"), "gbp", 10_000_000.0, measure="savings")
    high = Found(Span(16, 20, "gbp", "-£12m"), "gbp", -12_000_000.0)
    join_ranges([low, high], text)
    assert [(f.kind, f.bound, f.value, f.measure) for f in (low, high)] == [
        ("range", "at_least", 10_000_000, "savings"),
        ("range", "at_most", 12_000_000, "savings"),
    ]


def test_from_one_figure_to_another_is_the_same_measure():
    text = "Cases reduced from 600 a year ago to 100."
    earlier = Found(Span(19, 22, "count", "600"), "count", 600.0, measure="cp_children_count", label="cases")
    later = Found(Span(37, 40, "count", "100"), "count", 100.0)
    inherit_from_to([earlier, later], text)
    assert (later.measure, later.label) == ("cp_children_count", "cases")


def test_ranges_are_a_low_and_a_high_not_a_negative():
    figures = extract_figures("Savings of £10m-£12m are expected. Between 20 and 25 children were placed.")
    assert figures[["value", "kind", "bound"]].values.tolist() == [
        [10_000_000, "range", "at_least"],
        [12_000_000, "range", "at_most"],
        [20, "range", "at_least"],
        [25, "range", "at_most"],
    ]


def test_from_one_level_to_another_after_a_change_verb_is_two_levels_not_a_range():
    rows = extract_figures("Referrals decreased from 179 to 160 in the year.")
    assert list(zip(rows["value"], rows["kind"], rows["measure"])) == [
        (179, "level", "referrals_count"),
        (160, "level", "referrals_count"),
    ]
    assert "from_to=from" in rows.iloc[0]["tags"] and "a change from 179" in rows.iloc[1]["note"]
    ranged = extract_figures("Caseloads range from 20 to 25.")
    assert list(ranged["kind"]) == ["range", "range"]


def test_a_comparator_written_bare_takes_the_rate_unit_of_its_sentence():
    rows = extract_figures(
        "A year end rate of 248.2 per 10k, lower than the SN average of 442.2 and the England average of 548.2."
    )
    assert list(zip(rows["value"], rows["unit"])) == [
        (248.2, "rate_per_10k"),
        (442.2, "rate_per_10k"),
        (548.2, "rate_per_10k"),
    ]
    assert list(rows["kind"])[1] == "comparator" and list(rows["area_name"])[2] == "England"


def test_the_two_levels_of_a_change_each_at_the_time_written_with_it():
    from datetime import date

    rows = extract_figures(
        "Referrals rose from 1490 in 2017/18 to 1967 this year. "
        "Children in care increased from 116 in March 2017 to 146 in February 2018.",
        period=(date(2019, 3, 1), date(2019, 3, 31), "March 2019"),
    )
    assert list(zip(rows["as_written"], rows["period_label"])) == [
        ("1490", "2017-18"),
        ("1967", "March 2019"),
        ("116", "March 2017"),
        ("146", "February 2018"),
    ]
    assert [tag for tags in rows["tags"] for tag in str(tags).split(";") if tag.startswith("from_to")] == [
        "from_to=from",
        "from_to=to",
        "from_to=from",
        "from_to=to",
    ]
