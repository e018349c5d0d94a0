"""What a published year means, and when a published figure is taken as known."""

from datetime import date

import pytest

from croydon_kpi.core.periods import PUBLICATION_LAG_MONTHS, available_from, parse_period
from croydon_kpi.errors import ParseError


@pytest.mark.parametrize(
    "period_type, text, start, end, label",
    [
        ("snapshot_31_march", "2019", date(2019, 3, 31), date(2019, 3, 31), "31 Mar 2019"),
        ("year_to_31_march", "2019", date(2018, 4, 1), date(2019, 3, 31), "year to 31 Mar 2019"),
        ("snapshot_30_september", "2018", date(2018, 9, 30), date(2018, 9, 30), "30 Sep 2018"),
        ("mid_year", "2019", date(2019, 6, 30), date(2019, 6, 30), "mid-2019"),
        ("financial_year", "2018-19 (OT)", date(2018, 4, 1), date(2019, 3, 31), "2018-19"),
    ],
)
def test_each_period_type(period_type, text, start, end, label):
    period = parse_period(period_type, text)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_a_31_march_figure_is_known_nine_months_later_at_the_months_end():
    assert PUBLICATION_LAG_MONTHS["snapshot_31_march"] == 9
    assert available_from("snapshot_31_march", date(2019, 3, 31)) == date(2019, 12, 31)
    assert available_from("snapshot_30_september", date(2018, 9, 30)) == date(2019, 2, 28)


def test_a_year_that_is_not_a_year_is_named():
    with pytest.raises(ParseError, match="'19' as a year"):
        parse_period("snapshot_31_march", "19")


def test_period_columns_give_each_published_figure_its_period_and_known_date():
    from croydon_kpi.core.periods import period_columns

    columns = period_columns("snapshot_31_march", [parse_period("snapshot_31_march", "2019")])
    assert columns == {
        "period_start": [date(2019, 3, 31)],
        "period_end": [date(2019, 3, 31)],
        "period_label": ["31 Mar 2019"],
        "available_from": [date(2019, 12, 31)],
    }
