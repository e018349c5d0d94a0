"""The columns an export carries beside its months, and what their cells say."""

import pytest

from croydon_kpi.readers.scorecard_columns import polarity_of, unit_of, wide_roles
from croydon_kpi.readers.scorecard_files import month_from_header


def test_an_exports_columns_in_any_order_with_their_roles():
    columns = ["ref", "polarity", "indicator", "target", "area", "2025-11-01", "notes", "unit"]
    assert wide_roles(columns, month_from_header) == {
        "ref": "ref",
        "polarity": "polarity",
        "indicator": "indicator",
        "target": "target",
        "area": "area",
        "note": "notes",
        "unit_stated": "unit",
    }


def test_without_an_indicator_and_an_area_it_is_not_the_wide_form():
    assert wide_roles(["indicator", "2019-10"], month_from_header) is None


@pytest.mark.parametrize(
    "cell, polarity",
    [("Higher is better", "higher_is_better"), ("LOW", "lower_is_better"), ("", "neutral"), ("sideways", None)],
)
def test_a_polarity_cell(cell, polarity):
    assert polarity_of(cell) == polarity


@pytest.mark.parametrize("cell, unit", [("%", "percent"), ("Number", "count"), ("", ""), ("furlongs", None)])
def test_a_unit_cell(cell, unit):
    assert unit_of(cell) == unit
