"""Figures written for readers: the unit, the published decimals, and what a missing value means."""

import pytest

from croydon_kpi.reports.formatting import format_value


@pytest.mark.parametrize(
    "value, unit, decimals, text",
    [
        (38.45, "percent", 1, "38.5%"),
        (7791, "count", 0, "7,791"),
        (58.0, "rate_per_10k", 0, "58 per 10,000"),
        (22_200_000, "gbp", 0, "£22,200,000"),
        (12.5, "fte", 1, "12.5 FTE"),
    ],
)
def test_units_and_half_up_rounding(value, unit, decimals, text):
    assert format_value(value, unit, decimals) == text


def test_missing_is_not_the_same_as_suppressed():
    assert format_value(None, "count") == "no figure"
    assert format_value(float("nan"), "count", symbol="c") == "c: confidential: a small count suppressed"
