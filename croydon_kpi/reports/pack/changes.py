"""Every measure's change on the month, the biggest first: each change set against the measure's
own usual month-to-month movement (its mean moving range, as SPC measures variation), so a board
reads the changes that matter, for the worse as well as the better, and is told how many more."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from croydon_kpi.analysis import spc
from croydon_kpi.analysis.trend import direction_of_travel
from croydon_kpi.core.periods import title_for
from croydon_kpi.reports.formatting import change_decimals
from croydon_kpi.reports.pack.context import PackContext, monthly

SHOWN_FIRST = 4  # changes named on the first screen; the rest are counted, with a link to the table


@dataclass(frozen=True)
class Change:
    title: str
    sentence: str  # "up 2 percentage points on September 2019 (better)"
    better: bool | None  # None: neither (a neutral measure, or no change)
    size: float  # the change against the usual monthly movement (or against the figure, if too few)


def ranked_changes(ctx: PackContext) -> list[Change]:
    """Each measure with a figure this month and the month before, the biggest change first."""
    found = [change for row in ctx.overview.itertuples() if (change := _change(ctx, row.measure))]
    return sorted(found, key=lambda change: -change.size)


def _change(ctx: PackContext, measure_id: str) -> Change | None:
    series = monthly(ctx.local_series(measure_id))
    series = series[series["period_end"] <= pd.Timestamp(ctx.month.end)]
    before = series[series["period_start"] == pd.Timestamp(ctx.month.start) - pd.DateOffset(months=1)]
    if len(before) and before["value"].isna().all():
        return None  # the month before is suppressed or missing: no change to show, nor to work it out from
    series = series[series["value"].notna()]
    if len(series) < 2 or series.iloc[-1]["period_start"] != pd.Timestamp(ctx.month.start):
        return None
    measure = ctx.store.catalogue.measure(measure_id)
    places = change_decimals(series, measure.decimals)
    travel = direction_of_travel(series, measure.unit, measure.polarity, places)
    if not travel.sentences:
        return None
    step = float(series.iloc[-1]["value"] - series.iloc[-2]["value"])
    sentence = travel.sentences[0].rstrip(".")
    better = (
        None if step == 0 or measure.polarity == "neutral" else (step > 0) == (measure.polarity == "higher_is_better")
    )
    title = title_for(measure.title, "month")
    return Change(title, sentence[0].lower() + sentence[1:], better, _size(series["value"].to_numpy(), step))


def _size(values, step: float) -> float:
    """|step| in units of the series' usual monthly movement; with fewer than 3 figures, in units
    of the earlier figure (a proportion), so the ranking still puts the large moves first."""
    usual = spc.mean_moving_range(values[:-1]) if len(values) >= 4 else float("nan")
    if usual == usual and usual > 0:
        return abs(step) / usual
    return abs(step) / (abs(float(values[-2])) or 1.0)


def changes_words(ctx: PackContext, table_link: str) -> str:
    """The first screen's "Since last month" line."""
    changes = ranked_changes(ctx)
    if not changes:
        return "no measure has a figure for the month before"
    worse = sum(1 for c in changes if c.better is False)
    better = sum(1 for c in changes if c.better is True)
    neither = len(changes) - better - worse  # no better direction (a count of referrals), or no change
    named = "; ".join(f"{c.title}: {c.sentence}{_judged(c)}" for c in changes[:SHOWN_FIRST])
    more = len(changes) - SHOWN_FIRST
    rest = f"; and {more} more in [the KPI table]({table_link})" if more > 0 else ""
    counted = f"{better} better, {worse} worse" if better or worse else "none better or worse"
    counted += f", {neither} neither (no better direction, or no change)" if neither else ""
    return f"{counted}; biggest first: {named}{rest}"


def _judged(change: Change) -> str:
    """A change's verdict as the count above says it: "(neither)" beside a neutral one, so a fall in a
    count of referrals is never read as one of the better."""
    if change.better is None and not change.sentence.startswith(("unchanged", "no change")):
        return " (neither better nor worse)"
    return ""
