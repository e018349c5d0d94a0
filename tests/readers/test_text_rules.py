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
