"""The finance table, S251 comparisons, and recurring and one-off money never summed silently."""

from decimal import Decimal

import pytest

from croydon_kpi.analysis.finance import finance_table, s251_comparison, sum_money


@pytest.fixture(scope="module")
def finance(store):
    return finance_table(store)


def test_the_five_seed_statements_and_the_derived_6m(finance):
    seed = finance[finance["source_id"] == "cabinet_2019_11_18_report_improvement_board"]
    assert seed[["as_written", "money", "measure", "period_label"]].values.tolist() == [
        ["£22.2m", "recurring", "csc_base_budget_growth_gbp", "2018-19 and 2019-20 together"],
        ["£22.2m", "recurring", "csc_base_budget_growth_gbp", "2018-19 and 2019-20 together"],
        ["£0.7m", "recurring", "business_support_base_budget_gbp", "year not stated"],
        ["£10.2m", "one_off", "transformation_funding_gbp", "2018-19 to 2019-20"],
        ["£4.2m", "one_off", "transformation_spend_gbp", "2018-19"],
    ]
    assert seed.iloc[0]["pounds"] == Decimal("22200000") and str(seed.iloc[0]["pounds"]) == "22200000"
    assert "split between the years is not stated" in seed.iloc[0]["note"]
    derived = finance[finance["status"] == "derived"].iloc[0]
    assert (derived["pounds"], derived["period_label"], derived["money"]) == (Decimal("6000000"), "2019-20", "one_off")
    assert derived["quote"] == "£10.2m - £4.2m = £6.0m"
    assert "paragraph 5.2, line 114" in derived["locator"]


def test_other_public_finance_figures_carry_their_source(finance):
    other = finance[finance["source_id"] == "public_finance_figures"]
    assert other[["as_written", "period_label"]].values.tolist() == [
        ["£1m", "2017-18"],
        ["£700k", "year not stated"],
        ["£8.4m", "2019-20"],
    ]
    assert "https://www.cypnow.co.uk/" in other.iloc[2]["locator"]
    assert "No web address" in other.iloc[0]["note"]


def test_recurring_and_one_off_money_are_not_summed_silently(finance):
    seed = finance[finance["as_written"].isin(["£0.7m", "£10.2m"])]
    with pytest.raises(ValueError, match="one_off', 'recurring"):
        sum_money(seed)
    assert sum_money(seed, mixed_label="recurring growth plus one-off funding") == Decimal("10900000")


def test_s251_for_croydon_london_outer_london_and_england(store):
    table = s251_comparison(store, area="Croydon")
    assert list(table.columns) == ["Croydon", "London", "Outer London", "England"]
    assert table.loc["2016-17", "Croydon"] == 49_212_905 and table.loc["2019-20", "Croydon"] == 65_820_978
    family = s251_comparison(store, "s251_family_support_gross_spend_gbp", area="Croydon")
    assert (family.loc["2016-17", "Croydon"], family.loc["2019-20", "Croydon"]) == (5_621_420, 19_671_678)
