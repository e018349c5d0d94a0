"""The pack's charts, in two groups a reader can tell apart by their titles: first the area's own
months (every measure the council reported or computed for whole calendar months up to the pack's
month), each an MDC XmR chart with its target and the latest published comparators beside it;
then, per area of work, the published statistic with the longest series against its comparators."""

from __future__ import annotations

import warnings

import pandas as pd
import plotly.graph_objects as go

from croydon_kpi.analysis import spc, visits
from croydon_kpi.analysis.targets import load_targets, stated_target, target_for
from croydon_kpi.catalogue.changes import changes_for
from croydon_kpi.core import schema
from croydon_kpi.core.periods import title_for
from croydon_kpi.reports.charts import (
    COMPARATOR_LINE_WIDTH,
    COMPARATOR_MARKERS,
    ROLE_COLOURS,
    month_position,
    points_chart,
    spc_chart,
    style_chart,
    target_trace,
)
from croydon_kpi.reports.formatting import COMPARABLE_UNITS, source_label
from croydon_kpi.reports.pack.context import PackContext, monthly

MONTHLY_TITLE = "By month: {domain}: {title}"
PUBLISHED_TITLE = "Published statistics: {domain}: {title}"
# Fewer points than this: the points alone with a note. From here to spc.MIN_POINTS_FOR_LIMITS:
# trial limits, said so. Not an MDC rule but a judgement: limits from four moving ranges or fewer
# say little, and MDC's own tools warn below 12 points.
MIN_POINTS_FOR_TRIAL_LIMITS = 6
NEIGHBOURS = "Statistical neighbours"
# Marker and dash of the statistical neighbours, the other comparators taking COMPARATOR_MARKERS.
NEIGHBOUR_MARKER = ("circle-open", "dot")


def monthly_chart_title(measure) -> str:
    """The title a measure's monthly chart is shown under (its id, for links, is made from it)."""
    title = title_for(measure.title, "month")  # a month's count is never "at 31 March"
    return MONTHLY_TITLE.format(domain=schema.DOMAIN_LABELS[measure.domain], title=title)


CHARTS_OWN_MONTHS = (
    "First the area's own months: one Making Data Count XmR chart for each measure the council reported, or "
    "computed from its child-level lists, for whole calendar months up to the pack's month. Each point is "
    "coloured and shaped by what the SPC rules say of it (common cause, special cause improvement or concern); "
    "the mean and the process limits are drawn (trial limits, said so, with fewer than 13 months; the points "
    "alone, with a note, with fewer than 6); the target where a source states one; limits re-based only at a "
    "recorded change; and for a rate or percentage the latest published figures of the statistical neighbours "
    "(their median), the area's region and England as thin reference lines, their period in the legend. Then, "
)
CHARTS_PUBLISHED = (
    'titled "Published statistics", for each area of work the published measure with the longest series against '
    "the area's region and England. Last, for each published rate or percentage, the area among its ten "
    "statistical neighbours (the model in use named), their median marked. On every chart the numbered dotted "
    "lines are inspections and monitoring visits, named under the chart above its source."
)


def charts_intro(ctx: PackContext) -> str:
    """What the charts section shows, in words: the XmR charts are described only where there are
    months of the area's own to chart (a pack of published statistics alone says so in one line)."""
    if _monthly_measures(ctx):
        return CHARTS_OWN_MONTHS + CHARTS_PUBLISHED
    return (
        f"No monthly figures of {ctx.area.name}'s own are in the data up to {ctx.month.label}, so no "
        f"Making Data Count chart of its months: first, {CHARTS_PUBLISHED}"
    )


def domain_charts(ctx: PackContext) -> list[tuple[str, go.Figure]]:
    """Every chart of the pack's charts section: the area's months first, then published statistics."""
    return monthly_charts(ctx) + published_charts(ctx)


# --- the area's own months -------------------------------------------------------------------


def monthly_charts(ctx: PackContext) -> list[tuple[str, go.Figure]]:
    """One XmR chart per measure with a local monthly series, in the order of the areas of work."""
    charts = []
    for measure in _monthly_measures(ctx):
        series = monthly_series(ctx, measure.id)
        title = monthly_chart_title(measure)
        charts.append((title, monthly_chart(ctx, measure, series)))
    return charts


def _monthly_measures(ctx: PackContext) -> list:
    order = {domain: rank for rank, domain in enumerate(schema.DOMAINS)}
    candidates = [m for m in ctx.store.catalogue.measures.values() if m.id in ctx.own_monthly_measures]
    found = [m for m in candidates if len(monthly_series(ctx, m.id))]
    return sorted(found, key=lambda m: (order.get(m.domain, len(order)), m.title))


def monthly_series(ctx: PackContext, measure_id: str) -> pd.DataFrame:
    """The area's figures for whole calendar months up to the pack's month, oldest first."""
    series = monthly(ctx.local_series(measure_id))  # computed from child-level lists where there are any
    series = series[series["value"].notna()]
    return series.sort_values("period_start").drop_duplicates("period_start", keep="last")


def mid_month(series: pd.DataFrame) -> list[float]:
    """Where a month's point is drawn on the month axis: the middle of its month, under its label,
    so an event is drawn before or after it as its date falls."""
    first = series["period_start"].min()
    return [month_position(start, first) + 0.5 for start in series["period_start"]]


def monthly_chart(ctx: PackContext, measure, series: pd.DataFrame) -> go.Figure:
    months = mid_month(series)
    target = chart_target(ctx, measure.id, series)
    comparators = latest_comparators(ctx, measure)
    x_range = (series["period_start"].min(), pd.Timestamp(ctx.month.end) + pd.Timedelta(days=1))
    figure = _xmr_or_points(ctx, measure, series, target)
    across = [0, month_position(x_range[1], x_range[0])]  # the whole axis, for reference lines
    if target is not None and len(series) < MIN_POINTS_FOR_TRIAL_LIMITS:
        figure.add_trace(target_trace(across, target, lambda v: ctx.text(measure.id, v)))
    for trace in _comparator_traces(ctx, measure, comparators, across):
        figure.add_trace(trace)
    sources = {source_label(ctx.store.catalogue, s, None, ctx.papers) for s in series["source_id"]}
    sources |= {source_label(ctx.store.catalogue, s, None, ctx.papers) for s in comparators["source_id"].dropna()}
    return style_chart(
        figure,
        unit=measure.unit,
        source="; ".join(sorted(sources)),
        x_labels=months,
        events=_events(ctx, measure.id),
        x_range=x_range,
        from_zero=len(series) < MIN_POINTS_FOR_TRIAL_LIMITS,  # limits: the axis shows the variation
        short=len(series) < MIN_POINTS_FOR_TRIAL_LIMITS,
    )


def _xmr_or_points(ctx: PackContext, measure, series: pd.DataFrame, target) -> go.Figure:
    months, name = mid_month(series), ctx.area.name
    title = f"{measure.title}: {name}, by month"
    if len(series) < MIN_POINTS_FOR_TRIAL_LIMITS:
        count = "one month" if len(series) == 1 else f"{len(series)} months"
        note = f"Only {count} so far: too few for process limits (trial limits from {MIN_POINTS_FOR_TRIAL_LIMITS})"
        return points_chart(months, series["value"], title, note, name, labels=list(series["period_label"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", spc.TrialLimitsWarning)  # the chart says so in its title and legend
        rebase = _rebase_dates(ctx, measure.id, series)
        result = spc.xmr(
            series["value"].tolist(),
            improvement=measure.spc_improvement,
            target=target,
            dates=series["period_end"].tolist(),
            rebase=rebase or None,
        )
    return spc_chart(
        result,
        title,
        x=months,
        name=name,
        value_text=lambda v: ctx.text(measure.id, v),
        labels=list(series["period_label"]),
    )


def _rebase_dates(ctx: PackContext, measure_id: str, series: pd.DataFrame) -> list:
    """The recorded changes (data/changes.yaml) inside the series: the limits step there, and only there."""
    first, last = series["period_end"].min(), series["period_end"].max()
    found = changes_for(ctx.area.name, measure_id, up_to=ctx.month.end)
    return [c.date for c in found if first < pd.Timestamp(c.date) <= last]


def _events(ctx: PackContext, measure_id: str) -> pd.DataFrame:
    """The area's inspections and visits, and its recorded changes, as a chart marks them."""
    journey = visits.journey(ctx.area.name, up_to=ctx.month.end)
    changes = [
        {"date": c.date, "when": f"{c.date:%B %Y}", "event": f"Recorded change: {c.what}", "outcome": c.source}
        for c in changes_for(ctx.area.name, measure_id, up_to=ctx.month.end)
    ]
    return pd.concat([journey, pd.DataFrame(changes)], ignore_index=True) if changes else journey


def chart_target(ctx: PackContext, measure_id: str, series: pd.DataFrame) -> float | None:
    """The target for the series' latest month: the one its scorecard states beside the figure,
    else the one data/targets.yaml or the catalogue gives for the area and month."""
    latest = series[series["period_start"] == series["period_start"].max()]
    month = f"{latest['period_start'].iloc[0]:%Y-%m}"
    found = stated_target(latest, month) or target_for(
        load_targets(ctx.store.catalogue), measure_id, ctx.area.name, month
    )
    return found.value if found else None


def latest_comparators(ctx: PackContext, measure) -> pd.DataFrame:
    """name, period_label, period_start, period_end, value, source_id of each comparator's latest
    published figure known by the month's end: only for a rate or percentage a published series
    compares (a count of another area's children is not a comparator)."""
    columns = ["name", "period_label", "period_start", "period_end", "value", "source_id"]
    if measure.unit not in COMPARABLE_UNITS or not measure.national_sources:
        return pd.DataFrame(columns=columns)
    rows = []
    for name in ctx.comparators:
        published = ctx.store.series(measure.id, area=name, status="published_statistic")
        published = published[published["value"].notna()]
        if len(published):
            latest = published.sort_values("period_end").iloc[-1]
            rows.append({"name": name, **{c: latest[c] for c in columns[1:]}})
    if rows:
        neighbours = ctx.benchmark(measure.id, rows[-1]["period_end"].year).comparators.get(NEIGHBOURS)
        if neighbours is not None:
            rows.insert(0, {**rows[-1], "name": f"{NEIGHBOURS} (median)", "value": neighbours, "source_id": None})
    return pd.DataFrame(rows, columns=columns)


def _comparator_traces(ctx: PackContext, measure, comparators: pd.DataFrame, across) -> list[go.Scatter]:
    """Each comparator's latest figure as a thin reference line across the chart, the period it is
    for in its name: beside the area's months, never on a month it is not for."""
    traces = []
    styles = iter(COMPARATOR_MARKERS)
    for row in comparators.itertuples():
        is_neighbours = row.name.startswith(NEIGHBOURS)
        symbol, dash = NEIGHBOUR_MARKER if is_neighbours else next(styles)
        words = f"{row.name}, {row.period_label}: {ctx.text(measure.id, row.value)}"
        colour = ROLE_COLOURS["neighbour" if is_neighbours else "comparator"]
        traces.append(
            go.Scatter(
                x=across,
                y=[row.value, row.value],
                mode="lines+markers",
                name=words,
                marker={"symbol": symbol, "size": [0, 9], "color": colour},
                line={"dash": dash, "width": COMPARATOR_LINE_WIDTH, "color": colour},
                hovertemplate=f"{words}<extra></extra>",
                cliponaxis=False,  # the marker at the axis' end is drawn whole
            )
        )
    return traces


# --- published statistics, per area of work -----------------------------------------------------


def published_charts(ctx: PackContext) -> list[tuple[str, go.Figure]]:
    """Per domain, its published measure with the longest series: the area against its
    comparators, with SPC limits where the series has enough points."""
    charts = []
    for domain in schema.DOMAINS:
        if domain in ("finance", "population"):
            continue
        best = _headline_measure(ctx, domain)
        if best:
            title = PUBLISHED_TITLE.format(domain=schema.DOMAIN_LABELS[domain], title=_title(*best))
            charts.append((title, _published_chart(ctx, *best)))
    return charts


def _headline_measure(ctx: PackContext, domain: str):
    candidates = []
    for measure in ctx.store.catalogue.measures.values():
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


def _published_chart(ctx: PackContext, measure, series: pd.DataFrame) -> go.Figure:
    labels = series["period_label"].tolist()
    title = f"Published statistics: {_title(measure, series)}"
    if len(series) >= spc.MIN_POINTS_FOR_LIMITS:
        result = spc.xmr(series["value"].tolist(), improvement=measure.spc_improvement)
        figure = spc_chart(result, title, x=labels, name=ctx.area.name)
    else:
        note = f"Too few years for SPC limits ({len(series)} of {spc.MIN_POINTS_FOR_LIMITS}): the figures alone"
        figure = points_chart(labels, series["value"], title, note, ctx.area.name)
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
                    line={"dash": dash, "color": ROLE_COLOURS["comparator"], "width": COMPARATOR_LINE_WIDTH},
                )
            )
    sources = sorted({source_label(ctx.store.catalogue, s, None, ctx.papers) for s in series["source_id"]})
    return style_chart(
        figure,
        unit=measure.unit,
        source="; ".join(sources),
        x_labels=labels,
        events=visits.journey(ctx.area.name, up_to=ctx.month.end),
        periods=series[["period_label", "period_start", "period_end"]],
    )
