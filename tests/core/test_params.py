"""Run parameters: months are checked before any kernel starts."""

import re
from datetime import date

import pytest

from croydon_kpi.core.params import parse_month, resolved
from croydon_kpi.errors import ParameterError


def test_a_month_and_its_days():
    month = parse_month("2019-10", today=date(2020, 1, 1))
    assert (month.start, month.end, month.label, str(month)) == (
        date(2019, 10, 1),
        date(2019, 10, 31),
        "October 2019",
        "2019-10",
    )


@pytest.mark.parametrize(
    "text, message",
    [
        ("2019-13", "not a month number"),
        ("Oct 2019", "form YYYY-MM"),
        ("1999-12", "before 2000"),
        ("2020-02", "in the future"),
    ],
)
def test_bad_months_are_named(text, message):
    with pytest.raises(ParameterError, match=message):
        parse_month(text, today=date(2020, 1, 15))


@pytest.mark.parametrize(
    "today, expected",
    [(date(2026, 12, 4), "2026-11"), (date(2027, 1, 1), "2026-12"), (date(2019, 11, 30), "2019-10")],
)
def test_last_is_the_last_complete_month(today, expected):
    assert str(parse_month("last", today=today)) == expected
    assert resolved("month", " LAST ", today=today) == expected


def test_the_month_still_running_is_refused_with_the_one_to_pass():
    message = "month 2026-12 is not finished yet: the last complete month is 2026-11; pass --month last"
    with pytest.raises(ParameterError, match=re.escape(message)):
        parse_month("2026-12", today=date(2026, 12, 4))
    with pytest.raises(ParameterError, match="not finished yet"):
        parse_month("2026-11", today=date(2026, 11, 30))  # its last day is not over
    assert str(parse_month("2026-11", today=date(2026, 12, 1))) == "2026-11"


def test_resolved_leaves_other_parameters_and_defaults_alone():
    assert resolved("area", "Croydon") == "Croydon" and resolved("month", None) is None
