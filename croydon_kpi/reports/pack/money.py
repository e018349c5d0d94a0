"""The money section: the area's money figures known by the month's end, as the source describes them."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.analysis.finance import finance_table
from croydon_kpi.analysis.money import is_one_financial_year, real_terms
from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.reports.formatting import MONEY_NATURE_WORDS, format_money, source_label
from croydon_kpi.reports.pack.context import PackContext


def finance_position(ctx: PackContext) -> pd.DataFrame:
    """The area's money figures known by the month's end, as the source describes them."""
    table = finance_table(ctx.store, ctx.area.name)
    base = report_settings().base_price_year
    rows = []
    for row in table.itertuples():
        single_year = is_one_financial_year(row.period_label)
        try:
            real = (
                format_money(real_terms(row.pounds, row.period_label, base).pounds, approximate=True)
                if single_year
                else "-"
            )
        except ValueError:
            real = "outside the deflator table"
        rows.append(
            {
                "Money": row.as_written if isinstance(row.as_written, str) else format_money(row.pounds),
                "What": ctx.store.catalogue.measure(row.measure).title
                if row.measure in ctx.store.catalogue.measures
                else row.measure,
                "Recurring or one-off": MONEY_NATURE_WORDS.get(row.money, "not stated by the source"),
                "Year": row.period_label,
                f"In {base} prices": real,
                "Known from": f"{row.available_from.day} {row.available_from:%B %Y}",
                "Source": source_label(ctx.store.catalogue, row.source_id, row.locator, ctx.papers),
            }
        )
    return pd.DataFrame(rows)
