"""Figures derived from stated ones: the arithmetic kept, per area, nothing derived from what is not stated."""

import pandas as pd

from croydon_kpi.core import schema
from croydon_kpi.store.derived import derived_figures


def stated(area, measure, label, written, value):
    return {
        "area_name": area,
        "area_code": None,
        "old_la_code": None,
        "area_level": "local_authority",
        "measure": measure,
        "period_label": label,
        "as_written": written,
        "value": value,
        "status": "reported",
        "source_id": "paper",
        "locator": "paragraph 5.1",
        "period_end": "2019-03-31",
    }


def test_the_2019_20_transformation_money_is_10_2m_less_4_2m():
    figures = schema.conform(
        pd.DataFrame(
            [
                stated("Croydon", "transformation_funding_gbp", "2018-19 to 2019-20", "£10.2m", 10_200_000),
                stated("Croydon", "transformation_spend_gbp", "2018-19", "£4.2m", 4_200_000),
            ]
        )
    )
    derived = derived_figures(figures).iloc[0]
    assert derived["value"] == 6_000_000 and derived["period_label"] == "2019-20" and derived["status"] == "derived"
    assert derived["quote"] == "£10.2m - £4.2m = £6.0m" and derived["tags"] == "derived"


def test_nothing_is_derived_from_another_areas_money_or_a_missing_input():
    figures = schema.conform(
        pd.DataFrame(
            [
                stated("Croydon", "transformation_funding_gbp", "2018-19 to 2019-20", "£10.2m", 10_200_000),
                stated("Lewisham", "transformation_spend_gbp", "2018-19", "£4.2m", 4_200_000),
            ]
        )
    )
    assert derived_figures(figures).empty


def test_the_note_gives_each_areas_own_amounts():
    figures = schema.conform(
        pd.DataFrame(
            [
                stated("Lewisham", "transformation_funding_gbp", "2018-19 to 2019-20", "£8.0m", 8_000_000),
                stated("Lewisham", "transformation_spend_gbp", "2018-19", "£2.5m", 2_500_000),
            ]
        )
    )
    derived = derived_figures(figures).iloc[0]
    assert derived["value"] == 5_500_000 and derived["area_name"] == "Lewisham"
    assert derived["note"].startswith("what the £8.0m two-year estimate leaves for 2019-20 after £2.5m spent")
