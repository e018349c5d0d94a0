"""The monthly pack's workbook, sheet by sheet: KPIs (per measure its last 13 months, change,
target, RAG, variation, assurance, comparators and sources), Trend (measure x month), Finance,
Workforce, Data quality and Sources. The page and the workbook come from the same computation."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.analysis.finance import finance_table
from croydon_kpi.analysis.mdc import ASSURANCE_WORDS, VARIATION_WORDS
from croydon_kpi.core.periods import title_for
from croydon_kpi.reports.formatting import COMPARABLE_UNITS
from croydon_kpi.reports.pack import quality
from croydon_kpi.reports.pack.context import PackContext, monthly
from croydon_kpi.reports.workbook import BY_UNIT, CHANGE_BY_UNIT

MONTHS_SHOWN = 13  # this month and the twelve before: a year's change at a glance


def pack_sheets(pack) -> tuple[dict, dict, dict]:
    """(sheets, kinds, notes) for reports/workbook.write_workbook."""
    ctx: PackContext = pack.context
    months = _months(ctx)
    kpis = _kpis(ctx, months)
    trend = _trend(ctx)
    sheets = {
        "KPIs": kpis,
        "Trend": trend,
        "Finance": _finance(ctx),
        "Workforce": pack.workforce_numbers(),
        "Data quality": _data_quality(ctx),
        "Sources": _sources(pack),
    }
    by_unit = f"{BY_UNIT}Unit"
    numbers = [*months, "Target", "Statistical neighbours (median)", *ctx.comparators]
    kinds = {
        "KPIs": {**{name: by_unit for name in numbers}, "Change on the month": f"{CHANGE_BY_UNIT}Unit"},
        "Trend": {name: by_unit for name in trend.columns if name not in ("Measure", "Measure id", "Unit")},
        "Finance": {"Pounds": "gbp", "Known from": "date"},
        "Workforce": {name: "number" for name in ("Value", "Statistical neighbours", *ctx.comparators, "Rank", "Of")},
    }
    notes = {
        "KPIs": f"{pack.title}. Each measure's last {MONTHS_SHOWN} months in its unit (Unit column; percentages "
        "in a percent format, their change on the month in percentage points); variation and assurance as Making "
        "Data Count reads them.",
        "Trend": f"Every month of {ctx.area.name}'s own figures known by the end of {ctx.month.label}.",
        "Finance": f"Money figures about {ctx.area.name} known by the end of {ctx.month.label}.",
        "Workforce": "Published workforce statistics as shown in the pack.",
        "Data quality": "Where sources disagree, caveats, and what is missing or was rejected.",
        "Sources": "Every source behind the figures; ids match the other sheets.",
    }
    return sheets, kinds, notes


def _months(ctx: PackContext) -> list[str]:
    end = pd.Period(str(ctx.month), "M")
    return [(end - back).strftime("%b %Y") for back in range(MONTHS_SHOWN - 1, -1, -1)]


def _kpis(ctx: PackContext, months: list[str]) -> pd.DataFrame:
    """Each measure with a figure this month, then each reported before but blank this month
    (its earlier months kept: nothing the council sent vanishes from the workbook)."""
    rows = [_kpi_row(ctx, row, months) for row in ctx.overview.itertuples()]
    rows += [_missing_kpi_row(ctx, row, months) for row in ctx.missing_measures.itertuples()]
    columns = ["Measure", "Measure id", "Unit", "Period", *months, "Change on the month", "Target", "RAG"]
    columns += ["Variation", "Assurance", "Statistical neighbours (median)", *ctx.comparators]
    columns += ["Comparison period", "Neighbour model", "Source ids"]
    return pd.DataFrame(rows, columns=columns)


def _kpi_row(ctx: PackContext, row, months: list[str]) -> dict:
    series = _by_month(ctx, row.measure)
    values = {month: series.get(month) for month in months}
    latest, before = values[months[-1]], values[months[-2]]
    change = round(latest - before, 10) if latest is not None and before is not None else None
    comparison = _comparison(ctx, row.measure)
    return {
        "Measure": row.title,
        "Measure id": row.measure,
        "Unit": row.unit,
        "Period": ctx.month.label,
        **values,
        "Change on the month": change,
        "Target": row.target if pd.notna(row.target) else None,
        "RAG": row.rag if isinstance(row.rag, str) else None,
        "Variation": VARIATION_WORDS.get(row.variation, "too few monthly figures for SPC"),
        "Assurance": ASSURANCE_WORDS.get(row.assurance, "no target" if isinstance(row.variation, str) else None),
        **comparison,
        "Source ids": row.sources,
    }


def _missing_kpi_row(ctx: PackContext, row, months: list[str]) -> dict:
    series = _by_month(ctx, row.measure)
    return {
        "Measure": row.title,
        "Measure id": row.measure,
        "Unit": ctx.store.catalogue.measure(row.measure).unit,
        "Period": f"{ctx.month.label}: not reported (last {row.last_month})",
        **{month: series.get(month) for month in months},
        **_comparison(ctx, row.measure),
    }


def _by_month(ctx: PackContext, measure_id: str) -> dict:
    series = monthly(ctx.local_series(measure_id))
    series = series[series["value"].notna() & (series["period_end"] <= pd.Timestamp(ctx.month.end))]
    return {f"{end:%b %Y}": float(value) for end, value in zip(series["period_end"], series["value"])}


def _comparison(ctx: PackContext, measure_id: str) -> dict:
    measure = ctx.store.catalogue.measure(measure_id)
    empty = {"Statistical neighbours (median)": None, **dict.fromkeys(ctx.comparators), "Comparison period": None}
    if not measure.national_sources or measure.unit not in COMPARABLE_UNITS:
        return {**empty, "Neighbour model": None}
    published = ctx.store.series(measure_id, area=ctx.area.name, status="published_statistic")
    if published.empty:
        return {**empty, "Neighbour model": None}
    found = ctx.benchmark(measure_id, published.iloc[-1]["period_end"].year)
    return {
        "Statistical neighbours (median)": found.comparators.get("Statistical neighbours"),
        **{name: found.comparators.get(name) for name in ctx.comparators},
        "Comparison period": found.period_label,
        "Neighbour model": found.model.name if found.model else None,
    }


def _trend(ctx: PackContext) -> pd.DataFrame:
    rows = []
    for row in ctx.overview.itertuples():
        rows.append({"Measure": row.title, "Measure id": row.measure, "Unit": row.unit, **_by_month(ctx, row.measure)})
    shown = set(ctx.overview["measure"]) if len(ctx.overview) else set()
    for measure_id in sorted(ctx.own_monthly_measures - shown):  # blank this month, but the council's months
        measure = ctx.store.catalogue.measure(measure_id)
        title = title_for(measure.title, "month")
        rows.append({"Measure": title, "Measure id": measure_id, "Unit": measure.unit, **_by_month(ctx, measure_id)})
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=["Measure", "Measure id", "Unit"])
    month_columns = sorted(
        (c for c in frame.columns if c not in ("Measure", "Measure id", "Unit")),
        key=lambda label: pd.Period(pd.Timestamp("1 " + label), "M"),
    )
    return frame[["Measure", "Measure id", "Unit", *month_columns]]


def _finance(ctx: PackContext) -> pd.DataFrame:
    money = finance_table(ctx.store, ctx.area.name)
    return pd.DataFrame(
        {
            "As written": money["as_written"],
            "Pounds": [float(p) for p in money["pounds"]],
            "Recurring or one-off": money["money"],
            "Year": money["period_label"],
            "Known from": money["available_from"],
            "Measure id": money["measure"],
            "Source id": money["source_id"],
            "Where in the source": money["locator"],
        }
    )


def _data_quality(ctx: PackContext) -> pd.DataFrame:
    conflicts = quality.conflicts_table(ctx).assign(Kind="sources disagree")
    caveats = quality.caveats_table(ctx).assign(Kind="caveat")
    missing = quality.missing_table(ctx).assign(Kind="missing or rejected")
    frames = [
        conflicts.rename(columns={"One source": "Detail", "The other": "Other"}),
        caveats.rename(columns={"Figure": "Detail", "Note": "Other"}),
        missing.rename(columns={"What": "Measure", "Why": "Detail"}),
    ]
    table = pd.concat([f for f in frames if len(f)], ignore_index=True) if any(len(f) for f in frames) else None
    columns = ["Kind", "Measure", "Detail", "Other", "Why", "Source"]
    return pd.DataFrame(columns=columns) if table is None else table.reindex(columns=columns)


def _sources(pack) -> pd.DataFrame:
    store = pack.store
    sources = pack.sources()
    used = sorted(set(store.figures.loc[store.figures["area_name"] == pack.area.name, "source_id"]) - {"derived"})
    sources.insert(0, "Source id", used)
    return sources
