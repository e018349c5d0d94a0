"""Money: the finance table, figures derived from stated ones (with the arithmetic kept), S251
comparisons, and a guard against adding recurring and one-off money without saying so."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from croydon_kpi.analysis.benchmarks import national_area, region_of_area
from croydon_kpi.catalogue.regions import english_region_of
from croydon_kpi.core import schema
from croydon_kpi.errors import AnalysisError
from croydon_kpi.store.derived import pounds_of


def finance_table(store, area: str | None = None) -> pd.DataFrame:
    """Every stated and derived money figure (of one area, when given): as written, exact pounds,
    recurring or one-off (as its source says, else the catalogue's usual nature for the measure),
    year, when it became known, source."""
    figures = store.figures
    money = figures[(figures["unit"] == "gbp") & figures["status"].isin(["reported", "derived"])].copy()
    if area is not None:
        money = money[money["area_name"] == store.area(area).name]
    catalogue = store.catalogue
    usual = money["measure"].map(lambda m: catalogue.measures[m].money if m in catalogue.measures else None)
    stated = money["tags"].map(lambda tags: schema.tag_value(tags, "money_nature"))
    money["money"] = stated.where(stated.notna(), usual)
    money["pounds"] = [pounds_of(row) for _, row in money.iterrows()]
    from_document = schema.has_tag(money["tags"], "period_from_document")
    money["period_label"] = money["period_label"].where(~from_document, None).fillna("year not stated")
    columns = [
        "as_written",
        "pounds",
        "money",
        "measure",
        "period_label",
        "period_start",
        "period_end",
        "available_from",
        "status",
        "source_id",
        "locator",
        "quote",
        "note",
        "area_name",
    ]
    return money[columns].reset_index(drop=True)


def money_once(store, area: str) -> pd.DataFrame:
    """The area's money figures, each allocation once: a paper that states a figure in its summary
    and again in a numbered paragraph is cited by the paragraph; one allocation several sources
    state (the same pounds, measure and years: £0.7m in a Cabinet report, £700k in a scrutiny
    paper) is one row, the source that says most (whether the money is recurring) first, the
    others in `others` as (as written, source id, locator)."""
    table = finance_table(store, area)
    by_paragraph = table["locator"].str.startswith("paragraph").fillna(False).astype(bool)
    table = table.assign(_by_paragraph=by_paragraph).sort_values("_by_paragraph", ascending=False, kind="stable")
    table = table.drop_duplicates(["measure", "pounds", "period_label", "source_id"]).sort_index()
    return _told_once(table.drop(columns="_by_paragraph").reset_index(drop=True))


def _told_once(table: pd.DataFrame) -> pd.DataFrame:
    table = table.assign(others=[[] for _ in range(len(table))])
    if table.empty:
        return table
    key = ["measure", "pounds", "period_label"]
    table = table.assign(_says_less=table["money"].eq("not_stated")).sort_values("_says_less", kind="stable")
    stated = table["status"] == "reported"
    kept, others = [], {}
    for _, rows in table[stated].groupby(key, sort=False, dropna=False):
        first, *rest = list(rows.index)
        kept.append(first)
        others[first] = [(table.at[o, "as_written"], table.at[o, "source_id"], table.at[o, "locator"]) for o in rest]
    table = table.loc[sorted([*kept, *table[~stated].index])].drop(columns="_says_less")
    table["others"] = [others.get(i, []) for i in table.index]
    return table.reset_index(drop=True)


def relevant_to_month(table: pd.DataFrame, month_start, month_end, financial_years: int) -> pd.Series:
    """Which money figures bear on a month: those whose years overlap the month's financial year or
    the ones before it (`financial_years` in all), and those whose year no source states that
    became known in the twelve months to the month's end. A pack of 2026 is not a list of 2019's
    allocations."""
    start = pd.Timestamp(month_start)
    year_start = pd.Timestamp(start.year if start.month >= 4 else start.year - 1, 4, 1)
    window_start = year_start - pd.DateOffset(years=financial_years - 1)
    dated = table["period_label"] != "year not stated"
    overlaps = (table["period_end"] >= window_start) & (table["period_start"] <= pd.Timestamp(month_end))
    recent = table["available_from"] > pd.Timestamp(month_end) - pd.DateOffset(years=1)
    return (dated & overlaps) | (~dated & recent)


def sum_money(rows: pd.DataFrame, mixed_label: str | None = None) -> Decimal:
    """Add money figures of one nature; recurring and one-off money together only with a label saying so."""
    natures = set(rows["money"].dropna())
    if len(natures) > 1 and not mixed_label:
        raise AnalysisError(f"adding {sorted(natures)} money together: pass mixed_label saying what the total means")
    return sum((Decimal(p) for p in rows["pounds"]), Decimal(0))


def s251_areas(store, area: str) -> list[str]:
    """The area, the region its figures are filed under (Outer London, say), the English region that
    is part of (London) and the nation, once each."""
    place = store.area(area)
    region = region_of_area(store, area)
    english = english_region_of(place.old_la_code) if region else None
    return [name for name in dict.fromkeys((place.name, english, region, national_area(store))) if name]


def s251_comparison(store, measure: str = "s251_cla_gross_spend_gbp", *, area: str) -> pd.DataFrame:
    """S251 outturn by financial year for the area, London, its region and England."""
    columns = {}
    for name in s251_areas(store, area):
        series = store.series(measure, area=name)
        columns[name] = series.set_index("period_label")["value"]
    table = pd.DataFrame(columns)
    table.index.name = "financial_year"
    return table
