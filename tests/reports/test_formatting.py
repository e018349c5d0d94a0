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


def test_every_report_writes_a_figure_one_way():
    from croydon_kpi.reports.formatting import figure_text

    assert figure_text(96.0, "percent", 1) == "96%"  # a whole number as councils write it
    assert figure_text(58.25, "percent", 1) == "58.3%"  # half up, as DfE rounds
    assert figure_text(46.6, "rate_per_10k", 1) == "46.6 per 10,000"
    assert figure_text(None, "percent", 1, "c") == "c: confidential: a small count suppressed"
    assert figure_text(float("nan"), "count") == "no figure"


def test_a_change_that_rounds_to_nothing_is_no_change():
    from croydon_kpi.reports.formatting import change_text

    assert change_text(46.6, 46.64, "percent", 1) == "no change"
    assert change_text(46.6, 48.0, "percent", 1) == "up 1.4 percentage points"
    assert change_text(120, 117, "count", 0) == "down 3"


def test_a_figure_keeps_the_precision_its_source_wrote():
    from croydon_kpi.reports.formatting import figure_text, written_decimals

    assert figure_text(84.5, "percent", 0, written="84.5%") == "84.5%"  # not 85%: the source gave a decimal
    assert figure_text(587, "count", 0, written="587") == "587"
    assert figure_text(90.0, "percent", 1, written="90%") == "90%"
    assert written_decimals("£22.2m") == 1 and written_decimals(None) is None


def test_a_finance_statements_entry_is_named_by_the_source_it_gives_not_its_line_in_the_file(store):
    from croydon_kpi.reports.formatting import source_label

    locator = "line 16 (figures[1]): Scrutiny Sub-Committee, early 2018 <https://example.org/item?ID=1839>"
    label = source_label(store.catalogue, "public_finance_figures", locator)
    assert label == "Scrutiny Sub-Committee, early 2018 <https://example.org/item?ID=1839>"


def test_a_change_is_written_to_the_places_its_figures_were_written_to():
    import pandas as pd

    from croydon_kpi.reports.formatting import change_decimals, change_text

    rows = pd.DataFrame({"as_written": ["75.9", "75.4"], "value": [75.9, 75.4]})
    places = change_decimals(rows, 0)  # a rate published as a whole number, written to one place here
    assert places == 1 and change_text(75.9, 75.4, "rate_per_10k", places) == "down 0.5 per 10,000"
    assert change_decimals(pd.DataFrame({"as_written": [None, "80"]}), 1) == 1
