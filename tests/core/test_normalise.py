"""Parsing money, percentages, financial years and date ranges as councils write them."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from croydon_kpi.core.normalise import (
    ParseError,
    parse_date_range,
    parse_financial_year,
    parse_money,
    parse_percent,
)

MONEY = {
    "£22.2m": "22200000",
    "£0.7m": "700000",
    "£700k": "700000",
    "£4.2 million": "4200000",
    "£2.4million": "2400000",
    "£1.5bn": "1500000000",
    "£10,200,000": "10200000",
    "£350,000": "350000",
    "-£0.5m": "-500000",
    "£-0.5m": "-500000",
    "£(3.1)m": "-3100000",
}


@pytest.mark.parametrize("text, pounds", MONEY.items())
def test_money_forms_parse_to_exact_pounds(text, pounds):
    parsed = parse_money(text)
    assert parsed.pounds == Decimal(pounds)
    assert isinstance(parsed.pounds, Decimal)


def test_22_2m_is_exactly_22_200_000_pounds():
    assert parse_money("£22.2m").pounds == 22_200_000
    assert str(parse_money("£22.2m").pounds) == "22200000"


@pytest.mark.parametrize(
    "text, value",
    {
        "96%": "96",
        "(79%)": "79",
        "92.5 per cent": "92.5",
        "85.8 percent": "85.8",
        "17 %": "17",
    }.items(),
)
def test_percent_forms(text, value):
    assert parse_percent(text).value == Decimal(value)


@pytest.mark.parametrize("text", ["2018/19", "2018-19", "2018/2019", "201819", "FY2018-19", "2018–19"])
def test_financial_year_forms(text):
    year = parse_financial_year(text)
    assert (year.start, year.end, year.label) == (date(2018, 4, 1), date(2019, 3, 31), "2018-19")


def test_financial_year_2019_20_and_century():
    assert parse_financial_year("2019/20").label == "2019-20"
    assert parse_financial_year("1999/00").end == date(2000, 3, 31)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("16th & 17th of October 2019", date(2019, 10, 16), date(2019, 10, 17)),
        ("19 and 20 February 2019", date(2019, 2, 19), date(2019, 2, 20)),
        ("10-11 July 2018", date(2018, 7, 10), date(2018, 7, 11)),
        ("20 June – 13 July 2017", date(2017, 6, 20), date(2017, 7, 13)),
        ("3 to 14 February 2020", date(2020, 2, 3), date(2020, 2, 14)),
        ("12th November 2019", date(2019, 11, 12), date(2019, 11, 12)),
        ("20 December 2019 - 3 January 2020", date(2019, 12, 20), date(2020, 1, 3)),
    ],
)
def test_date_ranges(text, start, end):
    found = parse_date_range(text)
    assert (found.start, found.end) == (start, end)


@pytest.mark.parametrize(
    "parser, text",
    [
        (parse_money, "22.2m"),
        (parse_money, "£"),
        (parse_money, "£1,00"),
        (parse_money, "£--1m"),
        (parse_money, "-£(3)m"),
        (parse_money, "£22.2 apples"),
        (parse_money, ""),
        (parse_percent, "79"),
        (parse_percent, "(79%"),
        (parse_percent, "percent"),
        (parse_financial_year, "2018/20"),
        (parse_financial_year, "2018"),
        (parse_financial_year, "18/19"),
        (parse_date_range, "31 February 2019"),
        (parse_date_range, "October 2019"),
        (parse_date_range, "17-16 October 2019"),
        (parse_date_range, "31 - 2 March 2020"),
    ],
)
def test_other_text_raises_parse_error_naming_the_text(parser, text):
    with pytest.raises(ParseError) as raised:
        parser(text)
    assert repr(text) in str(raised.value)
    assert raised.value.text == text
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize("parser", [parse_money, parse_percent, parse_financial_year, parse_date_range])
def test_non_text_raises_parse_error(parser):
    with pytest.raises(ParseError):
        parser(None)


pounds = st.integers(min_value=0, max_value=10**12)


tenths_of_millions = st.integers(min_value=0, max_value=99_999)


@given(pounds)
def test_whole_pounds_with_commas_round_trip(amount):
    assert parse_money(f"£{amount:,}").pounds == amount


@given(
    tenths_of_millions,
    st.sampled_from(["m", " million", "million", "M", "mn"]),
    st.booleans(),
    st.sampled_from(["-£{}", "£-{}", "£({})"]),
)
def test_millions_round_trip(tenths, suffix, negative, negative_form):
    number = f"{Decimal(tenths) / 10}"
    text = f"£{number}{suffix}"
    expected = Decimal(tenths) * 100_000
    if negative:
        text = negative_form.format(number) + suffix
        expected = -expected
    assert parse_money(text).pounds == expected


@given(st.integers(min_value=0, max_value=999_999))
def test_thousands_round_trip(thousands):
    assert parse_money(f"£{thousands}k").pounds == thousands * 1000


@given(st.integers(min_value=0, max_value=1000), st.sampled_from(["{}%", "({}%)", "{} per cent", "{} percent", "{} %"]))
def test_percent_round_trip(tenths, form):
    value = Decimal(tenths) / 10
    assert parse_percent(form.format(value)).value == value


@given(
    st.integers(min_value=1950, max_value=2098),
    st.sampled_from(["{a}/{b2}", "{a}-{b2}", "{a}/{b}", "{a}{b2}", "FY{a}-{b2}"]),
)
def test_financial_year_round_trip(start, form):
    text = form.format(a=start, b=start + 1, b2=f"{(start + 1) % 100:02d}")
    year = parse_financial_year(text)
    assert year.start == date(start, 4, 1) and year.end == date(start + 1, 3, 31)


@settings(max_examples=200)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    st.integers(min_value=0, max_value=40),
    st.sampled_from(
        [
            "{d1}-{d2} {month2} {year2}",
            "{d1} to {d2} {month2} {year2}",
            "{d1} & {d2} of {month2} {year2}",
            "{d1} {month1} – {d2} {month2} {year2}",
            "{d1} {month1} {year1} - {d2} {month2} {year2}",
        ]
    ),
)
def test_date_range_round_trip(start, length, form):
    from datetime import timedelta

    end = start + timedelta(days=length)
    same_month = (start.year, start.month) == (end.year, end.month)
    if "{month1}" not in form and not same_month:
        form = "{d1} {month1} {year1} - {d2} {month2} {year2}"
    text = form.format(
        d1=start.day,
        d2=end.day,
        month1=start.strftime("%B"),
        month2=end.strftime("%B"),
        year1=start.year,
        year2=end.year,
    )
    if "{year1}" not in form and start.year != end.year and "{month1}" in form:
        text = f"{start.day} {start.strftime('%B')} {start.year} - {end.day} {end.strftime('%B')} {end.year}"
    found = parse_date_range(text)
    assert (found.start, found.end) == (start, end)


def test_a_single_day_as_papers_write_it():
    from datetime import date

    from croydon_kpi.core.normalise import parse_date

    assert parse_date("12th November 2019") == date(2019, 11, 12)
