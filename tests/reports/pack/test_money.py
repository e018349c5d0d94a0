"""The money section: figures as the source describes them, in real terms where one year."""

from croydon_kpi.reports.pack.money import finance_position


def test_the_money_known_by_october_2019_as_the_source_wrote_it(october):
    row = finance_position(october).iloc[0]
    assert (row["Money"], row["Recurring or one-off"], row["Year"], row["In 2024-25 prices"]) == (
        "£1m",
        "one-off",
        "2017-18",
        "£1.30m",
    )
    assert row["Known from"] == "18 September 2017"


def test_a_later_pack_lists_only_the_money_bearing_on_its_month_and_names_the_deflator_vintage(store):
    from croydon_kpi.reports import pack

    december = pack.prepare("2019-12", "Croydon", store)
    money = december.finance_position()
    assert money["Money"].tolist()[:4] == ["£22.2m", "£0.7m", "£10.2m", "£4.2m"]  # each allocation once
    later = pack.prepare("2025-10", "Croydon", store)
    assert later.finance_position().empty  # 2025's pack is not a list of 2017-2020's allocations
    note = later.money_note()
    assert "6 earlier figure(s) are left to the money report" in note
    assert "on the HM Treasury GDP deflators at market prices (March 2026 Quarterly National Accounts)" in note


def test_one_allocation_two_sources_state_is_one_row_naming_both(store):
    from croydon_kpi.analysis.finance import money_once

    money = money_once(store, "Croydon").set_index("as_written")
    (written, source, _), *rest = money.loc["£0.7m", "others"]
    assert (written, source, rest) == ("£700k", "public_finance_figures", [])
    assert "£700k" not in money.index
