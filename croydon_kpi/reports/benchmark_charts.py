"""The benchmarks report's pictures: each published rate or percentage as the area's line over the
years beside its statistical neighbours' median, its region and England (DfE's children's
services dashboard shows the same views), every point labelled with its figure."""

from __future__ import annotations

import plotly.graph_objects as go

from croydon_kpi.analysis.benchmarks import benchmark, comparator_areas
from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.reports.charts import (
    AREA_LINE_WIDTH,
    COMPARATOR_LINE_WIDTH,
    COMPARATOR_MARKERS,
    ROLE_COLOURS,
    TEMPLATE,
    UNIT_AXIS,
    new_figure,
)
from croydon_kpi.reports.formatting import COMPARABLE_UNITS, format_value

NEIGHBOURS = "Statistical neighbours"
FIRST_YEAR = 2010  # no bundled published series starts earlier


def benchmark_charts(store, area: str, year: int) -> list[tuple[str, go.Figure]]:
    """(title, figure) for each published rate or percentage the area has a figure for by `year`."""
    place = store.area(area).name
    comparators = comparator_areas(store, area, report_settings().comparators)
    charts = []
    for measure in sorted(store.catalogue.measures.values(), key=lambda m: (m.domain, m.title)):
        if not measure.national_sources or measure.domain == "population" or measure.unit not in COMPARABLE_UNITS:
            continue
        years = [benchmark(store, measure.id, y, area) for y in _years(store, measure.id, place, year)]
        years = [found for found in years if found.period_label is not None]
        if years:
            charts.append((f"{measure.title}: {place} and its comparators", _chart(measure, place, comparators, years)))
    return charts


def _years(store, measure_id: str, place: str, year: int) -> list[int]:
    published = store.series(measure_id, area=place, status="published_statistic")
    ends = published["period_end"].dt.year
    return sorted({int(y) for y in ends if FIRST_YEAR <= y <= year})


def _chart(measure, place: str, comparators, years) -> go.Figure:
    x = [found.period_label for found in years]
    text = lambda value: format_value(value, measure.unit, measure.decimals)  # one precision a measure: 16.0%, 16.7%
    figure = new_figure()
    lines = [
        (NEIGHBOURS, "neighbour", ("circle-open", "dot")),
        *zip(comparators, ["comparator"] * 9, COMPARATOR_MARKERS),
    ]
    for name, role, (symbol, dash) in lines:
        values = [found.comparators.get(name) for found in years]
        if all(value is None for value in values):
            continue
        label = f"{name} (median)" if name == NEIGHBOURS else name
        figure.add_trace(_line(x, values, label, ROLE_COLOURS[role], symbol, dash, COMPARATOR_LINE_WIDTH, text))
    values = [found.value for found in years]
    figure.add_trace(_line(x, values, place, ROLE_COLOURS["area"], "circle", "solid", AREA_LINE_WIDTH, text, True))
    latest = years[-1]
    model = latest.model.shown if latest.model else "no model"
    rank = f"; rank {latest.rank} of {latest.ranked} authorities with a figure (1 = best)" if latest.rank else ""
    figure.update_layout(
        title={
            "text": f"{measure.title}<br><sup>{latest.period_label}: {place} {text(latest.value)}{rank}; "
            f"neighbours: the {model}</sup>"
        },
        template=TEMPLATE,
        # From zero, with room above the highest point for its label.
        yaxis={
            "title": {"text": UNIT_AXIS.get(measure.unit, measure.unit)},
            "range": [0, _top(figure)],
            "automargin": True,
        },
        xaxis={"type": "category", "automargin": True},
        legend={"orientation": "h", "y": -0.25},
        margin={"t": 80, "b": 40, "l": 70, "r": 30},
        height=430,
    )
    return figure


def _top(figure: go.Figure) -> float:
    highest = max((v for trace in figure.data for v in trace.y if v is not None), default=1)
    return highest * 1.15 or 1


def _line(x, values, name, colour, symbol, dash, width, text, labelled=False) -> go.Scatter:
    words = [text(v) if v is not None else "" for v in values]
    return go.Scatter(
        x=x,
        y=values,
        name=name,
        mode="lines+markers+text" if labelled else "lines+markers",
        text=words if labelled else None,
        textposition="top center",
        line={"color": colour, "width": width, "dash": dash},
        marker={"symbol": symbol, "size": 9 if labelled else 7, "color": colour},
        customdata=words,
        hovertemplate=f"{name}, %{{x}}: %{{customdata}}<extra></extra>",
        connectgaps=False,
    )
