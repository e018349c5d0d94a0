"""Charts in the Making Data Count style. Every state is told by marker shape and words as well as
colour (a board member may print in black and white or not see colour)."""

from __future__ import annotations

import plotly.graph_objects as go

from croydon_kpi.analysis.benchmarks import region_of_area
from croydon_kpi.analysis.money import spend_per_child
from croydon_kpi.analysis.spc import XmrResult

# The one palette: who a line or mark stands for -> its colour. A role is told by marker and dash
# as well (COMPARATOR_MARKERS, POINT_STYLES), never by colour alone.
ROLE_COLOURS = {
    "area": "#005EB8",  # the area the report is about
    "comparator": "#425563",  # London, England, a region: told apart by marker and dash
    "neighbour": "#768692",
    "target": "#DA291C",
    "event": "#AE2573",  # an inspection or monitoring visit
}
# The comparators' markers and dashes, in the order of the report settings' comparators.
COMPARATOR_MARKERS = (("square", "dash"), ("diamond", "dot"), ("triangle-up", "dashdot"), ("cross", "longdash"))

# point type -> (legend words, colour, marker symbol)
POINT_STYLES = {
    "common_cause": ("Common cause variation", "#768692", "circle"),
    "special_cause_improvement": ("Special cause: improvement", "#41B6E6", "diamond"),
    "special_cause_concern": ("Special cause: concern", "#ED8B00", "square"),
    "special_cause_neutral_high": ("Special cause: neutral, high", "#490092", "triangle-up"),
    "special_cause_neutral_low": ("Special cause: neutral, low", "#490092", "triangle-down"),
}
ICON_WORDS = {
    "common_cause": "Common cause variation: no significant change",
    "improvement_high": "Special cause variation: improvement (higher)",
    "improvement_low": "Special cause variation: improvement (lower)",
    "concern_high": "Special cause variation: concern (higher)",
    "concern_low": "Special cause variation: concern (lower)",
    "neutral_high": "Special cause variation: higher (neither better nor worse)",
    "neutral_low": "Special cause variation: lower (neither better nor worse)",
}
ASSURANCE_WORDS = {
    "consistent_pass": "Assurance: will consistently meet the target",
    "consistent_fail": "Assurance: will consistently fail the target",
    "inconsistent": "Assurance: will hit and miss the target",
    None: "Assurance: no target, or neither direction is better",
}


def spc_chart(result: XmrResult, title: str, x=None, y_title: str = "") -> go.Figure:
    points = result.points
    x = (
        list(points["date"])
        if x is None and "date" in points
        else (x if x is not None else list(range(1, len(points) + 1)))
    )
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=x,
            y=points["value"],
            mode="lines",
            line={"color": "#768692", "width": 1},
            name="Value",
            hoverinfo="skip",
            showlegend=False,
        )
    )
    for point_type, (words, colour, symbol) in POINT_STYLES.items():
        chosen = points["point_type"] == point_type
        if chosen.any():
            figure.add_trace(
                go.Scatter(
                    x=[x[i] for i, keep in enumerate(chosen) if keep],
                    y=points.loc[chosen, "value"],
                    mode="markers",
                    marker={"color": colour, "symbol": symbol, "size": 9, "line": {"color": "#212b32", "width": 1}},
                    name=words,
                    hovertemplate=f"%{{x}}: %{{y}}<br>{words}<extra></extra>",
                )
            )
    trial = " (trial limits)" if result.trial_limits else ""
    for column, words, dash in (
        ("mean", "Mean", "solid"),
        ("upper", "Upper process limit" + trial, "dash"),
        ("lower", "Lower process limit" + trial, "dash"),
    ):
        figure.add_trace(
            go.Scatter(
                x=x,
                y=points[column],
                mode="lines",
                name=words,
                line={"color": "#212b32" if column == "mean" else "#768692", "dash": dash, "width": 1.5},
            )
        )
    if result.target is not None:
        figure.add_trace(
            go.Scatter(
                x=x,
                y=[result.target] * len(x),
                mode="lines",
                name=f"Target {result.target:g}",
                line={"color": ROLE_COLOURS["target"], "dash": "dot", "width": 1.5},
            )
        )
    summary = f"{ICON_WORDS[result.variation_icon]}. {ASSURANCE_WORDS[result.assurance]}."
    figure.update_layout(
        title={"text": f"{title}<br><sup>{summary}</sup>"},
        yaxis_title=y_title,
        template="simple_white",
        legend={"orientation": "h", "y": -0.2},
        margin={"t": 80, "b": 80},
        height=420,
    )
    return figure


def s251_chart(store, measure: str = "s251_cla_gross_spend_gbp", *, area: str):
    """S251 spend per child aged 0-17: the area against its region, London and England."""
    figure = go.Figure()
    names = [name for name in dict.fromkeys((area, region_of_area(store, area), "London", "England")) if name]
    styles = (("circle", "solid"), ("triangle-up", "dash"), ("square", "dashdot"), ("diamond", "dot"))
    for name, (symbol, dash) in zip(names, styles):
        per_child = spend_per_child(store, measure, area=name)
        figure.add_trace(
            go.Scatter(
                x=per_child["financial_year"],
                y=per_child["per_child"],
                name=name,
                mode="lines+markers",
                marker={"symbol": symbol, "size": 8},
                line={"dash": dash},
            )
        )
    title = store.catalogue.measure(measure).title
    years = sorted({x for trace in figure.data for x in trace.x})
    style_chart(
        figure,
        unit="gbp",
        source="DfE S251 outturn (LAIT); ONS mid-year estimates of children aged 0 to 17",
        x_labels=years,
        axis_title="£ per child aged 0 to 17 (cash)",
    )
    figure.update_layout(title={"text": f"{title}, per child aged 0 to 17 (cash)"}, template="simple_white")
    return figure


UNIT_AXIS = {
    "percent": "Per cent",
    "rate_per_10k": "Per 10,000 children aged 0 to 17",
    "rate_per_100k": "Per 100,000",
    "count": "Number",
    "gbp": "£",
    "fte": "Full-time equivalent staff",
    "ratio": "Ratio",
    "days": "Days",
}
EVENT_COLOUR = ROLE_COLOURS["event"]


def style_chart(
    figure: go.Figure,
    unit: str,
    source: str,
    x_labels: list[str],
    events=None,
    periods=None,
    axis_title: str | None = None,
) -> go.Figure:
    """Every chart the same way: units on the value axis, period labels whole (angled, never cut),
    a source line under the plot, and the inspections and monitoring visits marked with a dotted
    line and their name (text, not colour alone) at the period they fall in."""
    figure.update_layout(
        yaxis_title=axis_title or UNIT_AXIS.get(unit, unit),
        xaxis={"type": "category", "tickangle": -45, "automargin": True},
        yaxis={"automargin": True, "rangemode": "tozero"},
        margin={"t": 90, "b": 150, "l": 70, "r": 30},
        height=500,
        legend={"orientation": "h", "y": -0.45, "yanchor": "top"},
    )
    figure.add_annotation(
        text=f"Source: {source}",
        xref="paper",
        yref="paper",
        x=0,
        y=-0.62,
        showarrow=False,
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": 11, "color": "#425563"},
    )
    for label, name in _event_positions(events, periods, x_labels):
        figure.add_vline(x=label, line={"color": EVENT_COLOUR, "dash": "dot", "width": 1})
        figure.add_annotation(
            x=label,
            y=1,
            yref="paper",
            text=name,
            showarrow=False,
            textangle=-90,
            xanchor="right",
            yanchor="top",
            font={"size": 10, "color": EVENT_COLOUR},
        )
    return figure


def _event_positions(events, periods, x_labels: list[str]) -> list[tuple[str, str]]:
    """(the period label an event falls in, its short name), for events whose date is known to
    within the chart's periods; an event of unknown date is not placed."""
    if events is None or periods is None or len(events) == 0:
        return []
    import pandas as pd

    placed = []
    spans = list(
        zip(periods["period_label"], pd.to_datetime(periods["period_start"]), pd.to_datetime(periods["period_end"]))
    )
    for event in events.itertuples():
        if "not" in str(event.when) or event.date is None:
            continue
        day = pd.Timestamp(event.date)
        inside = [label for label, start, end in spans if start <= day <= end + pd.Timedelta(days=31)]
        if inside and inside[0] in x_labels:
            short = str(event.event).replace("Ofsted monitoring visit ", "Visit ").replace("inspection", "insp.")
            placed.append((inside[0], short))
    return placed
