"""The area among its statistical neighbours: for each published rate or percentage, the area and
its ten neighbours (the model in use at the pack's month) side by side, their median marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from croydon_kpi.reports.charts import ROLE_COLOURS, TEMPLATE, new_figure
from croydon_kpi.reports.formatting import COMPARABLE_UNITS, format_value, source_label
from croydon_kpi.reports.pack.context import PackContext

NEIGHBOUR_TITLE = "Among its statistical neighbours: {title}"


def neighbour_charts(ctx: PackContext) -> list[tuple[str, go.Figure]]:
    """One chart per published rate or percentage whose latest period has neighbours' figures."""
    charts = []
    for measure in sorted(ctx.store.catalogue.measures.values(), key=lambda m: (m.domain, m.title)):
        if measure.unit not in COMPARABLE_UNITS or not measure.national_sources or measure.domain == "population":
            continue
        published = ctx.store.series(measure.id, area=ctx.area.name, status="published_statistic")
        published = published[published["value"].notna()]
        if published.empty:
            continue
        found = ctx.benchmark(measure.id, published.iloc[-1]["period_end"].year)
        if found.neighbours is None or found.value is None or found.neighbours["value"].notna().sum() < 3:
            continue
        charts.append((NEIGHBOUR_TITLE.format(title=measure.title), _chart(ctx, measure, found)))
    return charts


def _chart(ctx: PackContext, measure, found) -> go.Figure:
    """Bars, best to worst by the measure's direction (highest first for a neutral one): the area's
    bar in the area's colour and named; a suppressed neighbour says so instead of a bar."""
    rows = pd.concat(
        [
            found.neighbours[["area_name", "value"]].assign(role="neighbour"),
            pd.DataFrame({"area_name": [ctx.area.name], "value": [found.value], "role": ["area"]}),
        ],
        ignore_index=True,
    )
    rows = rows.sort_values("value", ascending=measure.polarity == "lower_is_better", na_position="last")
    # one precision in the chart: the measure's published decimals (24.0% beside 25.7%, never 24%)
    unit, places = measure.unit, measure.decimals
    text = [format_value(float(v), unit, places) if pd.notna(v) else "not published" for v in rows["value"]]
    figure = new_figure(
        go.Bar(
            x=rows["value"].fillna(0),
            y=rows["area_name"],
            orientation="h",
            marker={
                "color": [ROLE_COLOURS[role] for role in rows["role"]],
                "pattern": {"shape": ["" if role == "area" else "/" for role in rows["role"]]},
            },
            text=text,
            textposition="outside",
            name=f"{ctx.area.name} and its neighbours",
            showlegend=False,
        )
    )
    median = found.comparators.get("Statistical neighbours")
    if median is not None:
        figure.add_vline(x=median, line={"color": ROLE_COLOURS["comparator"], "dash": "dash", "width": 1.5})
        figure.add_annotation(  # above the plot: never over a bar or its figure
            x=median,
            y=1,
            yref="paper",
            yanchor="bottom",
            yshift=4,
            showarrow=False,
            text=f"neighbours' median {ctx.text(measure.id, median)}",
            font={"size": 11, "color": ROLE_COLOURS["comparator"]},
        )
    model = found.model.shown if found.model else "no model"
    source = source_label(ctx.store.catalogue, _source_of(ctx, measure.id), None, ctx.papers)
    figure.update_layout(
        title={"text": f"{measure.title}<br><sup>{found.period_label}; statistical neighbours: the {model}</sup>"},
        template=TEMPLATE,
        height=150 + 26 * len(rows),
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"range": [0, float(rows["value"].max() or 1) * 1.3], "automargin": True},  # room for the labels
        margin={"l": 10, "r": 90, "t": 90, "b": 60},
    )
    figure.add_annotation(  # the source inside the picture, under the plot
        text=f"Source: {source}", xref="paper", yref="paper", x=0, y=0, yshift=-45, showarrow=False,
        xanchor="left", yanchor="top", align="left", font={"size": 11, "color": "#425563"},
    )  # fmt: skip
    return figure


def _source_of(ctx: PackContext, measure_id: str) -> str:
    published = ctx.store.series(measure_id, area=ctx.area.name, status="published_statistic")
    return published.iloc[-1]["source_id"]
