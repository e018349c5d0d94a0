"""Charts in the Making Data Count style. Every state is told by marker shape and words as well as
colour (a board member may print in black and white or not see colour)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from croydon_kpi.analysis.benchmarks import comparable_areas
from croydon_kpi.analysis.money import spend_per_child
from croydon_kpi.analysis.spc import MIN_POINTS_FOR_LIMITS, XmrResult

# The one palette: who a line or mark stands for -> its colour. A role is told by marker and dash
# as well (COMPARATOR_MARKERS, POINT_STYLES), never by colour alone.
ROLE_COLOURS = {
    "area": "#005EB8",  # the area the report is about
    "comparator": "#425563",  # London, England, a region: told apart by marker and dash
    "neighbour": "#768692",
    "target": "#DA291C",
    "event": "#AE2573",  # an inspection or monitoring visit
}
AREA_LINE_WIDTH = 3  # the area's own line; a comparator's is thinner (COMPARATOR_LINE_WIDTH)
COMPARATOR_LINE_WIDTH = 1.5
# The comparators' markers and dashes, in the order of the report settings' comparators.
# None dashed as the process limits are ("dash"): a region's line must not read as a limit.
COMPARATOR_MARKERS = (("square", "dashdot"), ("diamond", "dot"), ("triangle-up", "longdashdot"), ("cross", "longdash"))


def _lean_template() -> go.layout.Template:
    """plotly's simple_white, with the defaults of only the trace kinds these charts draw: the same
    look, but a third of the bytes in every chart of a page, and a third of the time to copy into
    each figure (plotly copies the whole template into every figure it builds)."""
    import plotly.io as pio

    white = pio.templates["simple_white"]
    used = {kind: traces for kind, traces in white.data.to_plotly_json().items() if kind in ("scatter", "bar")}
    return go.layout.Template(layout=white.layout, data=used)


TEMPLATE = _lean_template()


def new_figure(*traces) -> go.Figure:
    """A figure that does not check each property as it is set: plotly's checks cost two thirds
    of a chart's time (a pack draws twenty, a region's run thousands), and give the same figure.
    The tests check every chart of the built reports with plotly's checks on
    (tests/reports/test_charts.py), so a misspelt property still fails there."""
    return go.Figure(data=list(traces), _validate=False)


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


def spc_chart(
    result: XmrResult, title: str, x=None, y_title: str = "", name: str = "Value", value_text=None, labels=None
) -> go.Figure:
    """An XmR chart: the series as the most visible line (named `name`, the area's colour), each
    point coloured and shaped by its MDC point type, the mean, the process limits (marked as trial
    limits when the series is short) and the target where one is known. `value_text` writes a
    value in its unit for the target's legend entry; `labels`, the points' periods on hover."""
    points = result.points
    x = (
        list(points["date"])
        if x is None and "date" in points
        else (x if x is not None else list(range(1, len(points) + 1)))
    )
    figure = new_figure()
    labels = labels if labels is not None else x
    figure.add_trace(area_trace(x, points["value"], name, markers=False, labels=labels))
    for point_type, (words, colour, symbol) in POINT_STYLES.items():
        chosen = points["point_type"] == point_type
        if chosen.any():
            figure.add_trace(
                go.Scatter(
                    x=[x[i] for i, keep in enumerate(chosen) if keep],
                    y=points.loc[chosen, "value"],
                    mode="markers",
                    marker={"color": colour, "symbol": symbol, "size": 10, "line": {"color": "#212b32", "width": 1}},
                    name=words,
                    text=[labels[i] for i, keep in enumerate(chosen) if keep],
                    hovertemplate=f"%{{text}}: %{{y}}<br>{words}<extra></extra>",
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
                hoverinfo="skip",
            )
        )
    if result.target is not None:
        figure.add_trace(target_trace(x, result.target, value_text))
    summary = f"{ICON_WORDS[result.variation_icon]}. {ASSURANCE_WORDS[result.assurance]}."
    if result.trial_limits:
        summary += f"<br>Trial limits: {len(points)} points, fewer than the {MIN_POINTS_FOR_LIMITS} MDC asks for"
    figure.update_layout(
        title={"text": f"{title}<br><sup>{summary}</sup>"},
        yaxis={"title": {"text": y_title}},
        template=TEMPLATE,
        legend={"orientation": "h", "y": -0.2},
        margin={"t": 80, "b": 80},
        height=420,
    )
    return figure


def points_chart(x, values, title: str, note: str, name: str, labels=None) -> go.Figure:
    """A series too short for process limits: the points alone, and a note that says why."""
    figure = new_figure(area_trace(x, values, name, markers=True, labels=labels))
    figure.update_layout(title={"text": f"{title}<br><sup>{note}</sup>"}, template=TEMPLATE)
    return figure


def area_trace(x, values, name: str, markers: bool = True, labels=None) -> go.Scatter:
    """The area's own series: the most visible line on any chart, in the area's colour."""
    return go.Scatter(
        x=x,
        y=values,
        mode="lines+markers" if markers else "lines",
        name=name,
        line={"color": ROLE_COLOURS["area"], "width": AREA_LINE_WIDTH},
        marker={"symbol": "circle", "size": 9, "color": ROLE_COLOURS["area"]},
        text=list(labels if labels is not None else x),
        hovertemplate="%{text}: %{y}<extra>" + name + "</extra>",
    )


def target_trace(x, target: float, value_text=None) -> go.Scatter:
    words = value_text(target) if value_text else f"{target:g}"
    return go.Scatter(
        x=[x[0], x[-1]] if len(x) > 1 else [x[0], x[0]],
        y=[target, target],
        mode="lines",
        name=f"Target {words}",
        line={"color": ROLE_COLOURS["target"], "dash": "dot", "width": 2},
        hoverinfo="skip",
    )


def s251_chart(store, measure: str = "s251_cla_gross_spend_gbp", *, area: str):
    """S251 spend per child aged 0-17: the area against its regions and the nation."""
    figure = new_figure()
    names = [area, *comparable_areas(store, store.area(area))]
    own = spend_per_child(store, measure, area=area)
    figure.add_trace(area_trace(own["financial_year"], own["per_child"], area))
    for name, (symbol, dash) in zip(names[1:], COMPARATOR_MARKERS):
        per_child = spend_per_child(store, measure, area=name)
        figure.add_trace(
            go.Scatter(
                x=per_child["financial_year"],
                y=per_child["per_child"],
                name=name,
                mode="lines+markers",
                marker={"symbol": symbol, "size": 8, "color": ROLE_COLOURS["comparator"]},
                line={"dash": dash, "color": ROLE_COLOURS["comparator"], "width": COMPARATOR_LINE_WIDTH},
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
    figure.update_layout(title={"text": f"{title}, per child aged 0 to 17 (cash)"}, template=TEMPLATE)
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

# The picture's vertical budget in pixels, top to bottom: the title above the paper; inside it a
# band for the event numbers, the plot, the period labels, the legend and the caption (events
# and source). Everything sits inside the paper (y from 0 to 1), so nothing is cut off at the
# figure's edge whatever the legend holds: the plot's domain leaves the room.
TITLE_PX = 95
PLOT_PX = 300
SHORT_PLOT_PX = 200
TICKS_PX = {"category": 100, "month": 36}  # angled period labels; one-line month labels
EVENT_ROW_PX = 20
LEGEND_ROW_PX = 22
CAPTION_LINE_PX = 15
ASSUMED_WIDTH_PX = 720  # the narrowest paper a report is read at: legend rows and caption lines fit it
CAPTION_CHARS = 100  # characters of 11px text in that width (an A4 page's too, printed)
LEGEND_FIT_PX = 600  # the legend's own width at that paper (the plot's margins and the legend's padding aside)


def style_chart(
    figure: go.Figure,
    unit: str,
    source: str,
    x_labels: list,
    events=None,
    periods=None,
    axis_title: str | None = None,
    x_range=None,
    from_zero: bool = True,
    short: bool = False,
) -> go.Figure:
    """Every chart the same way: units on the value axis, period labels whole, the legend and a
    caption (the events marked, the source) inside the picture. Inspections and monitoring visits
    are a dotted line and a number in a band above the plot (never over the data), named in the
    caption. With `x_range` (the first month's first day, the last day shown) the axis is a month
    axis (x = month_position) ending there, and an event is drawn at its own day; otherwise each
    event is drawn on the period that contains it.
    `from_zero`: the value axis starts at 0 (not for an XmR chart, whose limits show the variation);
    `short`: a lower plot, for a series of a few points."""
    axis = "month" if x_range is not None else "category"
    placed, unplaced = (
        _event_dates(events, x_range) if axis == "month" else _event_positions(events, periods, x_labels, unplaced=True)
    )
    rows = _stagger(placed, x_range if axis == "month" else None, x_labels)
    caption = _caption_lines(placed, unplaced, source)
    legend_rows = _legend_rows(figure)
    band = EVENT_ROW_PX * (max(rows, default=-1) + 1) + (6 if rows else 0)
    below = TICKS_PX[axis] + LEGEND_ROW_PX * legend_rows + CAPTION_LINE_PX * len(caption) + 10
    paper = band + (SHORT_PLOT_PX if short else PLOT_PX) + below
    figure.update_layout(
        yaxis={
            "title": {"text": axis_title or UNIT_AXIS.get(unit, unit)},
            "automargin": True,
            "rangemode": "tozero" if from_zero else "normal",
        },
        xaxis=_x_axis(axis, x_range),
        margin={"t": TITLE_PX, "b": 10, "l": 70, "r": 30},
        height=TITLE_PX + paper + 10,
        legend={
            "orientation": "h",
            "x": 0,
            "y": (CAPTION_LINE_PX * len(caption) + 10 + LEGEND_ROW_PX * legend_rows) / paper,
            "yanchor": "top",
            "yref": "paper",
        },
    )
    figure.update_yaxes(domain=[below / paper, 1 - band / paper])
    figure.add_annotation(
        text="<br>".join(caption),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        align="left",
        font={"size": 11, "color": "#425563"},
        name="caption",
    )
    for (x, number, _), row in zip(placed, rows):
        figure.add_vline(x=x, line={"color": EVENT_COLOUR, "dash": "dot", "width": 1.5})
        figure.add_annotation(
            x=x,
            y=1 - (row * EVENT_ROW_PX + 2) / paper,
            xref="x",
            yref="paper",
            text=f"<b>{number}</b>",
            showarrow=False,
            yanchor="top",
            bordercolor=EVENT_COLOUR,
            borderwidth=1.5,
            borderpad=2,
            bgcolor="white",
            font={"size": 11, "color": EVENT_COLOUR},
            name="event",
        )
    return figure


def month_position(day, first) -> float:
    """Where a day falls on a month axis: whole months since the first month's start, plus the
    part of its own month gone (a month's point is drawn at its middle, + 0.5). Numbers, not
    dates, go into the page: a report built from child-level lists holds no date a birth date
    could be mistaken for (tests/reports/test_pack_privacy.py)."""
    day, first = pd.Timestamp(day), pd.Timestamp(first)
    return (day.year - first.year) * 12 + day.month - first.month + (day.day - 1) / day.days_in_month


def _x_axis(axis: str, x_range) -> dict:
    if axis == "category":
        return {"type": "category", "tickangle": -45, "automargin": False}
    start, end = (pd.Timestamp(d) for d in x_range)
    months = int(round(month_position(end, start)))
    step = 1 if months <= 8 else 3 if months <= 36 else 6
    shown = range(months - 1, -1, -step)  # counted back from the last month, so it is labelled
    return {
        "type": "linear",
        "range": [0, month_position(end, start)],
        "tickvals": [m + 0.5 for m in reversed(shown)],
        "ticktext": [f"{start + pd.DateOffset(months=m):%b %Y}" for m in reversed(shown)],
        "automargin": False,
    }


def _legend_rows(figure: go.Figure) -> int:
    """How many rows the horizontal legend takes at the narrowest width a report is read at. Plotly
    puts a legend that does not fit on one row into a grid whose columns are all as wide as its
    widest entry, so one long entry (a comparator with its period) decides how many fit a row."""
    widths = [40 + 7 * len(trace.name or "") for trace in figure.data if trace.showlegend is not False and trace.name]
    if not widths:
        return 0
    if sum(widths) <= LEGEND_FIT_PX:
        return 1
    per_row = max(1, int(LEGEND_FIT_PX // max(widths)))
    return -(-len(widths) // per_row)


def _caption_lines(placed, unplaced, source: str) -> list[str]:
    """The events named by their numbers, those not drawn and why, and the source: wrapped to lines."""
    parts = []
    if placed:
        parts.append("Marked (dotted lines): " + "; ".join(f"{number} {name}" for _, number, name in placed) + ".")
    if unplaced:
        parts.append("Not marked: " + "; ".join(unplaced) + ".")
    parts.append(f"Source: {source}")
    return [line for part in parts for line in _wrap(part, CAPTION_CHARS)]


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width, break_long_words=False) or [""]


def _short_name(event) -> str:
    return str(event.event).replace("Ofsted monitoring visit ", "Monitoring visit ")


def _event_dates(events, x_range) -> tuple[list[tuple], list[str]]:
    """On a month axis: (position, number, name and when) of each event of known date inside the
    range, and the words for those not drawn (date not known)."""
    if events is None or len(events) == 0:
        return [], []
    start, end = (pd.Timestamp(d) for d in x_range)
    placed, unknown = [], []
    for event in events.itertuples():
        if not _date_known(event):
            unknown.append(_short_name(event))
            continue
        day = pd.Timestamp(event.date)
        if start <= day <= end:
            placed.append((month_position(day, start), len(placed) + 1, f"{_short_name(event)}, {event.when}"))
    return placed, _unknown_words(unknown)


def _date_known(event) -> bool:
    return event.date is not None and "not" not in str(event.when)


def _unknown_words(names: list[str]) -> list[str]:
    """ "Monitoring visits 1 and 4 (days not known)": visits said once, not each time."""
    if not names:
        return []
    visits = [n.removeprefix("Monitoring visit ") for n in names if n.startswith("Monitoring visit ")]
    others = [n for n in names if not n.startswith("Monitoring visit ")]
    if len(visits) > 1:
        others.append(f"Monitoring visits {', '.join(visits[:-1])} and {visits[-1]}")
    elif visits:
        others.append(f"Monitoring visit {visits[0]}")
    return [f"{'; '.join(others)} (days not known)"]


def _event_positions(events, periods, x_labels: list, unplaced: bool = False):
    """On a period axis: (the label of the period that contains an event's date, its number, its
    name and when) for each event of known date; an event of unknown date, or outside every
    period shown, is not placed. With `unplaced`, also the words for those not drawn."""
    if events is None or periods is None or len(events) == 0:
        return ([], []) if unplaced else []
    spans = list(
        zip(periods["period_label"], pd.to_datetime(periods["period_start"]), pd.to_datetime(periods["period_end"]))
    )
    placed, unknown, outside = [], [], []
    for event in events.itertuples():
        if not _date_known(event):
            unknown.append(_short_name(event))
            continue
        day = pd.Timestamp(event.date)
        inside = [label for label, start, end in spans if start <= day <= end and label in x_labels]
        if inside:
            placed.append((inside[0], len(placed) + 1, f"{_short_name(event)}, {event.when}"))
        else:
            where = (
                "after the last period shown" if day > max(end for *_, end in spans) else "between the periods shown"
            )
            outside.append(f"{_short_name(event)}, {event.when} ({where})")
    if not unplaced:
        return placed
    return placed, _unknown_words(unknown) + outside


def _stagger(placed, x_range, x_labels: list) -> list[int]:
    """The band row of each event number: the first row where it keeps clear of the numbers
    already there, so no two share a place or overlap."""
    if x_range is not None:
        span = max(month_position(x_range[1], x_range[0]), 1)
        where = [x / span for x, *_ in placed]
        clearance = 0.05
    else:
        where = [x_labels.index(x) / max(len(x_labels), 1) for x, *_ in placed]
        clearance = 0.5 / max(len(x_labels), 1)
    rows, last = [], {}
    for position in where:
        row = next(r for r in range(len(where) + 1) if r not in last or position - last[r] >= clearance)
        rows.append(row)
        last[row] = position
    return rows
