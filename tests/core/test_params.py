"""Run parameters: months are checked before any kernel starts."""

from datetime import date

import pytest

from croydon_kpi.core.params import parse_month
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
