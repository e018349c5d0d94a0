"""The pack's charts: per area of work, the measure with the longest series, the area against its
comparators, with SPC limits where the series has enough points."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from croydon_kpi.analysis import spc, visits
from croydon_kpi.core import schema
from croydon_kpi.core.periods import title_for
from croydon_kpi.reports.charts import COMPARATOR_MARKERS, ROLE_COLOURS, spc_chart, style_chart
from croydon_kpi.reports.formatting import COMPARABLE_UNITS, source_label
from croydon_kpi.reports.pack.context import PackContext, monthly
from croydon_kpi.reports.pack.kpis import SPC_MIN_POINTS


def domain_charts(ctx: PackContext) -> list[tuple[str, go.Figure]]:
    """Per domain, its published measure with the longest series: the area against its
    comparators, with SPC limits where the series has enough points."""
    charts = []
    for domain in schema.DOMAINS:
        if domain in ("finance", "population"):
            continue
        best = _headline_measure(ctx, domain)
        if best:
            charts.append((f"{schema.DOMAIN_LABELS[domain]}: {_title(*best)}", _chart(ctx, *best)))
    return charts


def _headline_measure(ctx: PackContext, domain: str):
    candidates = []
    for measure in ctx.store.catalogue.measures.values():
        computed = (
            monthly(ctx.store.series(measure.id, area=ctx.area.name, status="computed"))
            if measure.domain == domain
            else []
        )
        if len(computed) >= SPC_MIN_POINTS:  # a computed monthly series gets SPC limits
            candidates.append((True, len(computed) + 1000, measure.id, measure, computed[computed["value"].notna()]))
        if measure.domain == domain and measure.national_sources:
            series = ctx.store.series(measure.id, area=ctx.area.name, status="published_statistic")
            series = series[series["value"].notna()]
            if len(series) >= 2:
                # Rates and percentages compare with the comparators; counts do not.
                comparable = measure.unit in COMPARABLE_UNITS
                candidates.append((comparable, len(series), measure.id, measure, series))
    if not candidates:
        return None
    *_, measure, series = max(candidates, key=lambda c: (c[0], c[1], c[2]))
    return measure, series


def _title(measure, series: pd.DataFrame) -> str:
    """The measure's title as its charted figures carry it: a monthly series is not "at 31 March"."""
    latest = series.iloc[-1]
    return title_for(measure.title, latest["frequency"], latest["period_end"])


def _chart(ctx: PackContext, measure, series: pd.DataFrame) -> go.Figure:
    labels = series["period_label"].tolist()
    title = _title(measure, series)
    if len(series) >= SPC_MIN_POINTS:
        improvement = measure.spc_improvement
        figure = spc_chart(spc.xmr(series["value"].tolist(), improvement=improvement), title, x=labels)
    else:
        figure = go.Figure()
        figure.add_trace(
            go.Scatter(
                x=labels,
                y=series["value"],
                mode="lines+markers",
                name=ctx.area.name,
                marker={"symbol": "circle", "size": 8},
                line={"color": ROLE_COLOURS["area"], "width": 3},
            )
        )
        figure.update_layout(
            title={"text": f"{title}<br><sup>Too few points for SPC limits ({len(series)} of {SPC_MIN_POINTS})</sup>"},
            template="simple_white",
            height=400,
            legend={"orientation": "h", "y": -0.3},
        )
    if measure.unit in COMPARABLE_UNITS:
        for name, (symbol, dash) in zip(ctx.comparators, COMPARATOR_MARKERS):
            other = ctx.store.series(measure.id, area=name, status="published_statistic")
            other = other[other["period_label"].isin(labels)]
            figure.add_trace(
                go.Scatter(
                    x=other["period_label"],
                    y=other["value"],
                    mode="lines+markers",
                    name=name,
                    marker={"symbol": symbol, "size": 7},
                    line={"dash": dash, "color": ROLE_COLOURS["comparator"]},
                )
            )
    sources = sorted({source_label(ctx.store.catalogue, s, None, ctx.papers) for s in series["source_id"]})
    events = visits.journey(ctx.area.name, up_to=ctx.month.end)
    return style_chart(
        figure,
        unit=measure.unit,
        source="; ".join(sources),
        x_labels=labels,
        events=events,
        periods=series[["period_label", "period_start", "period_end"]],
    )
