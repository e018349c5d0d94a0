"""The money section: the area's money known by the month's end that bears on the month (its
financial year and the one before), each allocation once, as its sources describe it, in real
terms at the report settings' base year with the deflator vintage named."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.analysis.finance import money_once, relevant_to_month
from croydon_kpi.analysis.money import is_one_financial_year, load_deflators, real_terms
from croydon_kpi.catalogue.report_settings import number_word, report_settings
from croydon_kpi.reports.formatting import MONEY_NATURE_WORDS, also_stated, format_money, source_label
from croydon_kpi.reports.pack.context import PackContext


def _relevant(ctx: PackContext) -> tuple[pd.DataFrame, int]:
    """The money bearing on the month, and how many earlier figures were known but are left to the finance report."""
    table = money_once(ctx.store, ctx.area.name)
    if table.empty:
        return table, 0
    keep = relevant_to_month(table, ctx.month.start, ctx.month.end, report_settings().money_financial_years)
    return table[keep].reset_index(drop=True), int((~keep).sum())


def finance_position(ctx: PackContext) -> pd.DataFrame:
    """Each allocation bearing on the month, once, as the source describes it."""
    table, _ = _relevant(ctx)
    base = report_settings().base_price_year
    deflators = load_deflators()
    label = _labeller(ctx)
    rows = []
    for row in table.itertuples():
        rows.append(
            {
                "Money": row.as_written if isinstance(row.as_written, str) else format_money(row.pounds),
                "What": ctx.title_of(row.measure) if row.measure in ctx.store.catalogue.measures else row.measure,
                "Recurring or one-off": MONEY_NATURE_WORDS.get(row.money, "not stated by the source"),
                "Year": row.period_label,
                f"In {base} prices": _real(row, base, deflators),
                "Known from": f"{row.available_from.day} {row.available_from:%B %Y}",
                "Source": "; ".join(filter(None, [label(row.source_id, row.locator), also_stated(row.others, label)])),
            }
        )
    return pd.DataFrame(rows)


def money_note(ctx: PackContext) -> str:
    """What the money section holds and on what prices, in words, above its table."""
    table, earlier = _relevant(ctx)
    deflators = load_deflators()
    before = report_settings().money_financial_years - 1
    years = "financial year" + (f" and the {number_word(before)} before it" if before else "")
    parts = [
        f"Money about {ctx.area.name} known by the end of {ctx.month.label} that bears on the month: its {years}, "
        "and money whose year no source states made known in the twelve months to the month's end; each allocation "
        "once, with every source that states it. Recurring and one-off money are never added together."
    ]
    if earlier:
        parts.append(f"{earlier} earlier figure(s) are left to the money report.")
    parts.append(
        f"Real terms are at {report_settings().base_price_year} prices on the {deflators.vintage}, the one "
        "deflator vintage bundled, whatever the month of the pack."
    )
    return " ".join(parts)


def _real(row, base: str, deflators) -> str:
    if not is_one_financial_year(row.period_label):
        return "-"
    try:
        return format_money(real_terms(row.pounds, row.period_label, base, deflators).pounds, approximate=True)
    except ValueError:
        return "outside the deflator table"


def _labeller(ctx: PackContext):
    return lambda source_id, locator: source_label(ctx.store.catalogue, source_id, locator, ctx.papers)
