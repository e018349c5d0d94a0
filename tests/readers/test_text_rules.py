"""The rules that say what a number in prose is not (dates, years, paragraph numbers ...)."""
import pytest

from croydon_kpi.readers.extract import number_tokens


@pytest.mark.parametrize("text, category", [
    ("the visit on 16th & 17th October 2019", "date"),
    ("in 2019/20", "financial_year"),
    ("minute 102/19", "minute_number"),
    ("section 47 enquiries", "legislation"),
    ("3.14 As the Board", "paragraph_number"),
    ("over the last 3 months", "time_window"),
    ("aged 16 to 17", "definition_threshold"),
    ("the Board met 11 times", "count_of_meetings"),
])
def test_each_non_figure_rule(text, category):
    tokens = number_tokens(text)
    assert category in set(tokens["category"]), tokens.to_dict("records")


def test_a_percentage_is_a_figure_not_a_paragraph_number():
    tokens = number_tokens("92.5 per cent of ICPCs were held on time")
    assert set(tokens["category"]) == {"figure:percent"} and set(tokens["span"]) == {"92.5 per cent"}


def test_rules_tried_at_digits_only_find_what_a_full_scan_finds():
    """text_rules.DIGIT_FIRST rules are tried at the digits only (extract._at_digits): on every
    bundled paper and on awkward text, that gives exactly the matches of pattern.finditer."""
    import re

    from croydon_kpi.core import project
    from croydon_kpi.readers import text_rules
    from croydon_kpi.readers.extract import _at_digits

    texts = [p.read_text(encoding="utf-8") for p in sorted((project.sources_dir() / "committee_papers").glob("*.txt"))]
    texts.append("12,3456% a1b2 x2019y FY2019 2019/20 1st 22nd 3.5.6% 10,000 per 10,000 5 FTE 45 working days 7days (79%) -4 100,00")
    rules = [(category, pattern) for category, pattern in text_rules.NON_FIGURE_RULES + text_rules.FIGURE_RULES
             if category in text_rules.DIGIT_FIRST]
    assert {category for category, _ in rules} == text_rules.DIGIT_FIRST
    for text in texts:
        digits = [m.start() for m in re.finditer(r"\d", text)]
        for category, pattern in rules:
            assert [m.span() for m in _at_digits(pattern, text, digits)] == [m.span() for m in pattern.finditer(text)], category
