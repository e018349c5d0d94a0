from decimal import Decimal

import pytest

from croydon_kpi.finance import finance_table, s251_comparison, sum_money


@pytest.fixture(scope="module")
def finance(store):
    return finance_table(store)


def test_the_five_seed_statements_and_the_derived_6m(finance):
    seed = finance[finance["source_id"] == "cabinet_2019_11_18_report_improvement_board"]
    assert seed[["as_written", "money", "measure", "period_label"]].values.tolist() == [
        ["£22.2m", "recurring", "csc_base_budget_growth_gbp", "2018-19 and 2019-20 together"],
        ["£22.2m", "recurring", "csc_base_budget_growth_gbp", "2018-19 and 2019-20 together"],
        ["£0.7m", "recurring", "business_support_base_budget_gbp", "year not stated (reported October 2019 (as reported to the Improvement Board))"],
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
    assert other[["as_written", "period_label"]].values.tolist() == [["£1m", "2017-18"], ["£700k", "year not stated"], ["£8.4m", "2019-20"]]
    assert "https://www.cypnow.co.uk/" in other.iloc[2]["locator"]
    assert "No web address" in other.iloc[0]["note"]


def test_recurring_and_one_off_money_are_not_summed_silently(finance):
    seed = finance[finance["as_written"].isin(["£0.7m", "£10.2m"])]
    with pytest.raises(ValueError, match="one_off', 'recurring"):
        sum_money(seed)
    assert sum_money(seed, mixed_label="recurring growth plus one-off funding") == Decimal("10900000")


def test_s251_for_croydon_london_outer_london_and_england(store):
    table = s251_comparison(store)
    assert list(table.columns) == ["Croydon", "London", "Outer London", "England"]
    assert table.loc["2016-17", "Croydon"] == 49_212_905 and table.loc["2019-20", "Croydon"] == 65_820_978
    family = s251_comparison(store, "s251_family_support_gross_spend_gbp")
    assert (family.loc["2016-17", "Croydon"], family.loc["2019-20", "Croydon"]) == (5_621_420, 19_671_678)


def test_conflicts_show_the_two_required_examples(store):
    found = store.conflicts()
    cp_rows = found[found["measure"] == "cp_children_count"]
    # The paper against the minutes (and the scorecard's same 587 against the minutes too).
    assert set(cp_rows["source_id_a"]) == {"cabinet_2019_11_18_report_improvement_board", "cyp_scrutiny_2019_autumn_minutes_improvement_plan"}
    cp = cp_rows[cp_rows["source_id_a"] == "cabinet_2019_11_18_report_improvement_board"].iloc[0]
    assert {cp["value_a"], cp["value_b"]} == {587, 100} and cp["reason"] == "conflict"
    assert {cp["source_id_a"], cp["source_id_b"]} == {"cabinet_2019_11_18_report_improvement_board",
                                                    "cyp_scrutiny_2019_autumn_minutes_improvement_plan"}
    assert "reduced from 600 a year ago to 100" in cp["quote_b"] and "(587)" in cp["quote_a"]
    agency = found[(found["measure"] == "social_workers_agency_percent") & (found["source_id_b"] == "dfe_workforce")].iloc[0]
    assert (agency["value_a"], agency["value_b"], agency["period_label_b"], agency["reason"]) == (44, 38.5, "30 Sep 2019", "definition_differs")


def test_whole_years_that_only_touch_are_not_conflicts(store):
    found = store.conflicts()
    assert not ((found["source_id_a"] == "dfe_referrals") | (found["measure"] == "unmapped")).any()
    assert set(found["reason"]) == {"conflict", "definition_differs"}
