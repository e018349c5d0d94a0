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
        "frequency": "snapshot",
        "period_start": [date(2019, 3, 31)],
        "period_end": [date(2019, 3, 31)],
        "period_label": ["31 Mar 2019"],
        "available_from": [date(2019, 12, 31)],
    }


@pytest.mark.parametrize(
    "period_type, frequency",
    [
        ("snapshot_31_march", "snapshot"),
        ("year_to_31_march", "year_to_31_march"),
        ("snapshot_30_september", "snapshot"),
        ("mid_year", "mid_year"),
        ("financial_year", "financial_year"),
    ],
)
def test_each_published_period_type_has_its_frequency(period_type, frequency):
    from croydon_kpi.catalogue.measures import PERIOD_TYPES
    from croydon_kpi.core.periods import PERIOD_FREQUENCIES

    assert set(PERIOD_FREQUENCIES) == set(PERIOD_TYPES) and PERIOD_FREQUENCIES[period_type] == frequency


@pytest.mark.parametrize(
    "start, end, frequency",
    [
        (date(2019, 10, 1), date(2019, 10, 31), "month"),
        (date(2019, 2, 1), date(2019, 2, 28), "month"),
        (date(2019, 7, 1), date(2019, 9, 30), "quarter"),
        (date(2019, 8, 1), date(2019, 10, 31), "other"),  # three months, but not a calendar quarter
        (date(2018, 4, 1), date(2019, 3, 31), "financial_year"),
        (date(2018, 4, 1), date(2020, 3, 31), "other"),  # two financial years together
        (date(2019, 11, 18), date(2019, 11, 18), "snapshot"),
        (date(2019, 9, 1), date(2019, 10, 15), "other"),  # "autumn 2019, before 16 October"
        (None, None, "undated"),
    ],
)
def test_a_period_is_classified_by_its_dates(start, end, frequency):
    from croydon_kpi.core.periods import frequency_of

    assert frequency_of(start, end) == frequency


@pytest.mark.parametrize(
    "frequency, period_end, title",
    [
        ("month", date(2019, 10, 31), "Children looked after"),
        ("other", date(2019, 10, 15), "Children looked after"),
        ("snapshot", date(2019, 11, 18), "Children looked after"),
        ("snapshot", date(2019, 3, 31), "Children looked after at 31 March"),
        ("year_to_31_march", date(2019, 3, 31), "Children looked after at 31 March"),
    ],
)
def test_a_monthly_figure_is_never_titled_at_31_march(frequency, period_end, title):
    from croydon_kpi.core.periods import title_for

    assert title_for("Children looked after at 31 March", frequency, period_end) == title
    assert title_for("Child protection visits within timescale", frequency, period_end).endswith("timescale")


def test_a_date_inside_a_title_goes_with_its_words():
    from croydon_kpi.core.periods import title_for

    title = "Child protection plans at 31 March lasting 2 years or more"
    assert title_for(title, "month", date(2019, 10, 31)) == "Child protection plans lasting 2 years or more"
