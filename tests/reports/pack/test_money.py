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
