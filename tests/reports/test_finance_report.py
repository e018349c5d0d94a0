"""The finance report: the improvement money as the council described it, then real terms and S251."""

from croydon_kpi.reports import finance_report


def test_the_improvement_money_first_each_once_with_its_paragraph(store):
    report = finance_report.prepare("Croydon", store=store)
    summary = report.summary()
    assert summary.index("£22.2m") < summary.index("£10.2m") < summary.index("£4.2m")
    assert summary.count("£22.2m") == 1 and "paragraph 5.1" in summary and "paragraph 5.2" in summary
    money = report.improvement_money().set_index("Money")
    assert (
        money.loc["£22.2m", "Recurring or one-off"] == "recurring"
        and money.loc["£10.2m", "Recurring or one-off"] == "one-off"
    )
    # One allocation, stated by two papers, is one row: the Cabinet report says it is recurring,
    # the scrutiny minute (as £700k) does not say; both are named.
    assert "£700k" not in money.index and money.loc["£0.7m", "Recurring or one-off"] == "recurring"
    assert "also stated as £700k by" in money.loc["£0.7m", "Source"]
    assert money.loc["£8.4m", "Stated or worked out"] == "stated on a web page only (address under Source)"
    assert money.loc["£6m", "Stated or worked out"] == "worked out from stated figures"


def test_real_terms_and_spend_per_child_are_formatted(store):
    report = finance_report.prepare("Croydon", store=store)
    real = report.real_terms().set_index("Money")
    assert real.loc["£4.2m", "In 2024-25 prices"] == "£5.33m"
    per_child = report.spend_per_child().set_index("Financial year")
    assert per_child.loc["2016-17", "Spend on children looked after (S251)"] == "£49,212,905"
    assert per_child.loc["2016-17", "Per child aged 0 to 17"] == "£533"
    assert list(report.s251_comparison().columns) == ["Financial year", "Croydon", "London", "Outer London", "England"]


def test_another_authority_has_none_of_croydons_money(store):
    report = finance_report.prepare("Lewisham", store=store)
    assert report.improvement_money().empty and "No money figure about Lewisham" in report.summary()
