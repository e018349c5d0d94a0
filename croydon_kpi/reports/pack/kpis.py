"""The KPI table: each measure's value, target, RAG, change on the month, SPC and the published
comparison, with its source."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.analysis import spc
from croydon_kpi.analysis.trend import direction_of_travel
from croydon_kpi.reports.formatting import COMPARABLE_UNITS, change_decimals, figure_text, source_label
from croydon_kpi.reports.pack.context import PackContext, monthly

SPC_MIN_POINTS = spc.MIN_POINTS_FOR_LIMITS


def kpi_table(ctx: PackContext) -> pd.DataFrame:
    """Each measure with a figure this month, then each reported in the months before but not this
    one (nothing vanishes: its row says so)."""
    rows = [_kpi_row(ctx, row) for row in ctx.overview.itertuples()]
    rows += [_missing_row(ctx, row) for row in ctx.missing_measures.itertuples()]
    return pd.DataFrame(rows)


def _missing_row(ctx: PackContext, row) -> dict:
    return {
        "Measure": row.title,
        "Value": "not reported this month",
        "Target": "-",
        "RAG": "-",
        "Change on the month": f"last reported {row.last_month}",
        "Variation and assurance (SPC)": "-",
        "Published comparison": _comparison_words(ctx, row.measure),
        "Source": "-",
    }


def _kpi_row(ctx: PackContext, row) -> dict:
    measure = ctx.store.catalogue.measure(row.measure)
    change = month_change(monthly(ctx.local_series(row.measure)), pd.Timestamp(ctx.month.start), measure)
    return {
        "Measure": row.title,  # as the month's figure may carry it: never "at 31 March" for October
        "Value": ctx.text(row.measure, row.value, row.as_written),
        "Target": figure_text(row.target, measure.unit, measure.decimals)
        if pd.notna(row.target)
        else "no target stated",
        "RAG": row.rag if isinstance(row.rag, str) else "no target",
        "Change on the month": change,
        "Variation and assurance (SPC)": row.verdict,
        "Published comparison": _comparison_words(ctx, row.measure),
        "Source": "; ".join(
            source_label(ctx.store.catalogue, s, None, ctx.papers, short=True) for s in row.sources.split(", ")
        ),
    }


def month_change(series: pd.DataFrame, month_start: pd.Timestamp, measure) -> str:
    """The change on the month, in words; never beside a suppressed figure: a change from or to a
    suppressed month would let the suppressed count be worked out from the published one."""
    up_to = series[series["period_start"] <= month_start]
    this = up_to[up_to["period_start"] == month_start]
    before = up_to[up_to["period_start"] == month_start - pd.DateOffset(months=1)]
    if this.empty or this["value"].isna().all():
        return "suppressed this month" if _suppressed(this) else "no figure this month"
    if len(before) and before["value"].isna().all():
        return "not shown: the month before is suppressed" if _suppressed(before) else "no figure for the month before"
    places = change_decimals(up_to[up_to["value"].notna()], measure.decimals)
    travel = direction_of_travel(up_to, measure.unit, measure.polarity, places)
    previous = travel.changes[0] if travel.changes else None
    return travel.sentences[0] if previous and previous.change is not None else "no earlier monthly figure"


def _suppressed(rows: pd.DataFrame) -> bool:
    return bool(rows["symbol"].notna().any()) if "symbol" in rows else False


def _comparison_words(ctx: PackContext, measure_id: str) -> str:
    measure = ctx.store.catalogue.measure(measure_id)
    if not measure.national_sources:
        return "no published comparator"
    published = ctx.store.series(measure_id, area=ctx.area.name, status="published_statistic")
    if published.empty:
        return "no published figure yet"
    found = ctx.benchmark(measure_id, published.iloc[-1]["period_end"].year)
    parts = [f"{ctx.area.name} {ctx.text(measure_id, found.value)} ({found.period_label})"]
    if measure.unit in COMPARABLE_UNITS:
        model = f", {found.model.shown}" if found.model else ""
        neighbours = ctx.text(measure_id, found.comparators.get("Statistical neighbours"))
        parts.append(f"statistical neighbours (median{model}) {neighbours}")
        parts += [f"{name} {ctx.text(measure_id, found.comparators.get(name))}" for name in ctx.comparators]
    return "; ".join(parts)
