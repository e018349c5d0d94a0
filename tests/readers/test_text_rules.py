"""The rules that say what a number in prose is not (dates, years, paragraph numbers ...)."""

import pytest

from croydon_kpi.readers.extract import number_tokens


@pytest.mark.parametrize(
    "text, category",
    [
        ("the visit on 16th & 17th October 2019", "date"),
        ("in 2019/20", "financial_year"),
        ("minute 102/19", "minute_number"),
        ("section 47 enquiries", "legislation"),
        ("3.14 As the Board", "paragraph_number"),
        ("over the last 3 months", "time_window"),
        ("aged 16 to 17", "definition_threshold"),
        ("the Board met 11 times", "count_of_meetings"),
    ],
)
def test_each_non_figure_rule(text, category):
    tokens = number_tokens(text)
    assert category in set(tokens["category"]), tokens.to_dict("records")


def test_a_percentage_is_a_figure_not_a_paragraph_number():
    tokens = number_tokens("92.5 per cent of ICPCs were held on time")
    assert set(tokens["category"]) == {"figure:percent"} and set(tokens["span"]) == {"92.5 per cent"}


def test_rules_tried_at_digits_only_find_what_a_full_scan_finds():
    """text_rules.DIGIT_FIRST rules are tried at the digits only (number_spans.matches_at_digits):
    on every bundled paper and on awkward text, that gives exactly the matches of pattern.finditer."""
    import re

    from croydon_kpi.core import project
    from croydon_kpi.readers import text_rules
    from croydon_kpi.readers.number_spans import matches_at_digits

    texts = [p.read_text(encoding="utf-8") for p in sorted((project.sources_dir() / "committee_papers").glob("*.txt"))]
    texts.append(
        "12,3456% a1b2 x2019y FY2019 2019/20 1st 22nd 3.5.6% 10,000 per 10,000 5 FTE 45 working days 7days (79%) "
        "-4 100,00"
    )
    rules = [
        (category, pattern)
        for category, pattern in text_rules.NON_FIGURE_RULES + text_rules.FIGURE_RULES
        if category in text_rules.DIGIT_FIRST
    ]
    assert {category for category, _ in rules} == text_rules.DIGIT_FIRST
    for text in texts:
        digits = [m.start() for m in re.finditer(r"\d", text)]
        for category, pattern in rules:
            assert [m.span() for m in matches_at_digits(pattern, text, digits)] == [
                m.span() for m in pattern.finditer(text)
            ], category


@pytest.mark.parametrize(
    "text, category",
    [
        ("Report CEF23076 and indicator D35", "code"),
        ("PDF 339 KB", "document_size"),
        ("call 01274 437077", "phone_number"),
        ("from 6.30 p.m.", "time_of_day"),
        ("the month 6 position", "reporting_month"),
        ("see slides 3 - 4", "document_reference"),
        ("The Strategy 2020-2024 assumes", "year_range"),
        ("the rate per 10,000 stayed high", "rate_base"),
        ("the 6 North London boroughs", "count_of_organisations"),
        ("aged 16 and 17", "definition_threshold"),
        ("14-19 skills", "definition_threshold"),
        ("3 placements or more", "definition_threshold"),
        ("at least 2 years", "definition_threshold"),
        ("for the first time in 13 months", "duration"),
        ("26 Improvement Plan Progress Report", "item_number"),
        ("see https://croydon.moderngov.co.uk/mgAi.aspx?ID=16274.", "web_address"),
        ("agenda at mgAi.aspx?ID=1839", "web_address"),
        ("www.example.gov.uk/news/2020/45", "web_address"),
    ],
)
def test_page_furniture_ages_and_thresholds_are_not_figures(text, category):
    tokens = number_tokens(text)
    assert category in set(tokens["category"]), tokens.to_dict("records")
    assert not tokens["category"].str.startswith("figure:").any(), tokens.to_dict("records")


def test_rules_looked_for_near_their_triggers_find_what_a_full_scan_finds():
    """Rules outside DIGIT_FIRST are run on windows around their triggers (text_rules.RULE_TRIGGERS,
    PATTERN_TRIGGERS): on the bundled papers, the council passages and awkward text, exactly the
    matches of pattern.finditer over the whole text."""
    from pathlib import Path

    import yaml

    from croydon_kpi.core import project
    from croydon_kpi.readers import text_rules
    from croydon_kpi.readers.number_spans import matches_in_windows, trigger_windows
    from croydon_kpi.readers.plain_text import plain_text

    texts = [p.read_text(encoding="utf-8") for p in sorted((project.sources_dir() / "committee_papers").glob("*.txt"))]
    passages = yaml.safe_load((Path(__file__).parent / "council_passages.yaml").read_text(encoding="utf-8"))["passages"]
    texts += [p["text"] for p in passages]
    texts.append(
        "On 3rd March 2019 (Q4) the 14-19 skills offer, aged 16 to 18, 10am-2pm, £(0.4)m, FY2019/20, 23/24 budget, "
        "twenty-five staff, half of all, under 18s, 16+, within the statutory target of 15 working days, p. 27."
    )
    for text in texts:
        plain = plain_text(text)
        for category, pattern in text_rules.NON_FIGURE_RULES + text_rules.FIGURE_RULES:
            if category in text_rules.DIGIT_FIRST:
                continue
            key = pattern if pattern in text_rules.PATTERN_TRIGGERS else category
            assert key in text_rules.PATTERN_TRIGGERS or key in text_rules.RULE_TRIGGERS, f"{category} has no triggers"
            windowed = [m.span() for m in matches_in_windows(pattern, plain, trigger_windows(plain, key))]
            assert windowed == [m.span() for m in pattern.finditer(plain)], (category, pattern.pattern[:60])


def test_a_web_address_ends_before_its_sentence_and_the_figures_after_it_stay_figures():
    tokens = number_tokens("Published at mgAi.aspx?ID=16274. There were 45 children (www.x.org/a?id=7), 12 of them.")
    by_token = dict(zip(tokens["token"], tokens["category"]))
    assert by_token == {"16274": "web_address", "45": "figure:count", "7": "web_address", "12": "figure:count"}


# Papers as they really arrive (issue 26): ages, durations, distances and thresholds in compounds,
# dates in dotted and run-together forms, short financial years, phone numbers, addresses, report
# codes and numbers in names are never figures.
@pytest.mark.parametrize(
    "text, category",
    [
        ("support for 18-25-year-olds", "definition_threshold"),
        ("post-16 provision", "name"),
        ("young people 16 plus", "definition_threshold"),
        ("care leavers up to the age of 25", "definition_threshold"),
        ("over a 4-year period", "definition_threshold"),
        ("in the next 3-4 months", "time_window"),
        ("placed within a 20-mile radius", "distance"),
        ("Looked After for 2 1/2 years", "duration"),
        ("At 01.11.06 the service", "date"),
        ("Meeting of 14NOVEMBER 2006", "date"),
        ("the budget for 05-06", "financial_year"),
        ("Tel: (01865) 815833", "phone_number"),
        ("County Hall, New Road, Oxford OX1 1ND", "address"),
        ("PO Box 532, Town Hall", "address"),
        ("report CH260906-07 to the panel", "code"),
        ("report CS/24/117 to the panel", "code"),
        ("the Cohort-12 data", "name"),
    ],
)
def test_each_compound_and_form_is_no_figure(text, category):
    tokens = number_tokens(text)
    assert set(tokens["category"]) == {category}, tokens.to_dict("records")


def test_forms_near_figures_leave_the_figures_alone():
    tokens = number_tokens("45 children aged 16-17 year olds; 10-12% of cases; 83% placed within 20 miles")
    figures = tokens[tokens["category"].str.startswith("figure:")]
    assert list(figures["span"]) == ["45", "10", "12%", "83%"]


def test_a_count_that_looks_like_a_year_is_a_count_where_a_count_noun_follows_or_a_count_pairs_with_it():
    def figures(text):
        tokens = number_tokens(text)
        return list(tokens[tokens["category"].str.startswith("figure:")]["span"])

    assert figures("By March there had been 1967 referrals.") == ["1967"]
    assert figures("Referrals rose from 1490 in 2017/18 to 1967 this year.") == ["1490", "1967"]
    assert figures("In 2019 children in care numbers rose to 278.") == ["278"]  # a dating word: a year
    assert figures("Spending rose from 2017 to 2019 by £2m.") == ["£2m"]  # two years


@pytest.mark.parametrize(
    "text, category",
    [
        ("attended under Standing Order 25 (1)", "legislation"),
        ("children aged under 18", "definition_threshold"),
    ],
)
def test_standing_orders_and_ages_under_a_threshold(text, category):
    assert set(number_tokens(text)["category"]) == {category}


def test_millions_written_in_full_and_a_percentage_reached_are_figures():
    tokens = number_tokens("a forecast overspend of £9.9 millions; timeliness reached 90% this year")
    assert list(tokens.drop_duplicates("span")["span"]) == ["£9.9 millions", "90%"]


def test_a_month_and_a_short_year_is_a_date_but_a_count_after_a_month_stays_a_figure():
    tokens = number_tokens("as at the end of July 10. In July 45 children came into care.")
    assert list(zip(tokens["token"], tokens["category"])) == [("10", "date"), ("45", "figure:count")]


def test_paragraph_numbers_run_into_the_text_and_paragraphs_referred_to_and_a_wrapped_phone_number():
    text = (
        "It covers the 2010/11 year. 1.2 The budget is overspent by £427,000; details are in 3.17 to 3.24 below. "
        "Tel: 020 8313\n4807."
    )
    tokens = number_tokens(text)
    figures = tokens[tokens["category"].str.startswith("figure:")]
    assert list(figures["span"].unique()) == ["£427,000"]
    assert set(tokens[tokens["token"].isin(["8313", "4807"])]["category"]) == {"phone_number"}
