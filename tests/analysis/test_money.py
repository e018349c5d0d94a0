"""Money in real terms (HM Treasury deflators), per child and per child looked after."""

from decimal import Decimal

import pytest

from croydon_kpi.analysis import money


def test_22_2m_in_2018_19_is_28_17m_in_2024_25_prices():
    real = money.real_terms(22_200_000, year="2018/19", base="2024-25")
    assert real.pounds == Decimal("28174448.06")  # 22,200,000 x 100 / 78.7948, to the penny
    assert f"£{real.pounds / 1_000_000:.2f}m" == "£28.17m"
    assert "March 2026" in real.vintage and real.base == "2024-25" and "March 2026" in str(real)


def test_real_terms_outside_the_table_is_a_clear_error():
    with pytest.raises(ValueError, match="cash year 2010-11 is outside the deflator table \\(2015-16 to 2025-26"):
        money.real_terms(1_000_000, year="2010-11")
    assert money.real_terms(1_000_000, year="2025-26").note == "2025-26 deflator is a forecast"


def test_spend_per_child_and_per_child_looked_after(store):
    per_child = money.spend_per_child(store, area="Croydon").set_index("financial_year")
    # 2019-20 S251 CLA spend £65,820,978 / 91,658 children (mid-2019) = £718.11
    assert per_child.loc["2019-20", "population_year"] == "mid-2019"
    assert per_child.loc["2019-20", "per_child"] == 718.11
    per_cla = money.spend_per_child_looked_after(store, area="Croydon").set_index("financial_year")
    # / 791 children looked after at 31 March 2020 = £83,212.36
    assert (per_cla.loc["2019-20", "children_looked_after"], per_cla.loc["2019-20", "per_child_looked_after"]) == (
        791,
        83212.36,
    )


def test_spend_profile_in_real_terms(store):
    profile = money.spend_profile(store, area="Croydon").set_index("financial_year")
    assert profile.loc["2018-19", "cash"] == 53_043_836
    assert profile.loc["2018-19", "real_2024-25_prices"] == float(money.real_terms(53_043_836, "2018-19").pounds)
    assert profile["deflator_vintage"].str.contains("March 2026").all()


def test_only_one_financial_year_is_priced():
    assert money.is_one_financial_year("2018-19")
    assert not any(
        money.is_one_financial_year(label) for label in ("2018-19 to 2019-20", "year not stated", None, "Oct-19")
    )


def test_the_deflators_are_found_by_their_source_id():
    from croydon_kpi.catalogue.measures import load_catalogue
    from croydon_kpi.errors import CatalogueError

    assert load_catalogue().source(money.DEFLATOR_SOURCE).file == "reference/gdp_deflators_hmt_2026_03.csv"
    deflators = money.load_deflators()
    assert deflators.index["2024-25"] == Decimal("100")  # the table's base year
    assert deflators.vintage.startswith("HM Treasury GDP deflators")
    with pytest.raises(CatalogueError, match="no source 'hmt_deflators_1999'"):
        money.load_deflators("hmt_deflators_1999")


def test_real_terms_of_a_series_row_by_row():
    import pandas as pd

    from croydon_kpi.analysis.money import real_terms

    cash = pd.Series([22_200_000, 700_000], index=["growth", "business support"])
    found = real_terms(cash, pd.Series(["2018-19", "2019-20"], index=cash.index))
    assert list(found.index) == ["growth", "business support"]
    assert found["growth"].pounds == real_terms(22_200_000, "2018-19").pounds
    assert found["business support"].year == "2019-20"


def test_spend_per_child_looked_after_is_none_where_no_child_was_looked_after(store):
    """The Isles of Scilly had no child looked after at some 31 March: no spend per child, not a crash."""
    from croydon_kpi.analysis.money import spend_per_child_looked_after

    table = spend_per_child_looked_after(store, area="Isles of Scilly")
    assert len(table) and table["per_child_looked_after"].isna().any()
