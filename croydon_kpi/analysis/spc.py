"""Statistical process control: XmR charts with NHS England's "Making Data Count" (MDC) rules, as
the R package NHSRplotthedots 0.2.2 implements them (reference cases in tests/test_spc.py).

Limits: mean of the baseline ± 2.66 × mean moving range; moving ranges of 3.267 × their mean or
more are screened out once (screen_outliers=False reproduces the MDC Excel tool, which does not).
Special causes, in label priority: a point outside the limits; a run of 7 rising or falling
points; 2 of 3 points close to a limit on one side of the mean; a run of 7 on one side.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from croydon_kpi.errors import AnalysisError

LIMIT_FACTOR = 2.66
NEAR_FACTOR = 2 / 3 * LIMIT_FACTOR
SCREEN_FACTOR = 3.267
RUN_LENGTH = 7
MIN_POINTS_FOR_LIMITS = 13  # fewer: trial limits
MIN_FIXED_BASELINE = 12
DIRECTIONS = {"increase": 1, "decrease": -1, "neutral": 0}
RULES = ("outside_limits", "trend", "two_in_three", "shift")  # label priority


class TrialLimitsWarning(UserWarning):
    """A group has fewer than 13 points: its limits are trial limits."""


@dataclass
class XmrResult:
    mean: float
    lower: float
    upper: float
    points: pd.DataFrame
    variation_icon: str
    assurance: str | None
    improvement: str
    target: float | None
    messages: list[str] = field(default_factory=list)

    @property
    def trial_limits(self) -> bool:
        return bool(self.points["trial_limits"].iloc[-1]) if len(self.points) else True


# --- limits ---------------------------------------------------------------------------------


def mean_moving_range(values: np.ndarray, screen_outliers: bool = True) -> float:
    ranges = np.abs(np.diff(values))
    if len(ranges) == 0:
        return math.nan
    mean_range = ranges.mean()
    if screen_outliers:
        kept = ranges[ranges < SCREEN_FACTOR * mean_range]
        mean_range = kept.mean() if len(kept) else mean_range
    return float(mean_range)


def _limits(baseline: np.ndarray, screen_outliers: bool) -> dict:
    centre = float(baseline.mean())
    spread = mean_moving_range(baseline, screen_outliers)
    return {
        "mean": centre,
        "lower": centre - LIMIT_FACTOR * spread,
        "upper": centre + LIMIT_FACTOR * spread,
        "near_lower": centre - NEAR_FACTOR * spread,
        "near_upper": centre + NEAR_FACTOR * spread,
    }


# --- the four rules, each a signed array (+1 above/rising, -1 below/falling, 0 none) ----------


def outside_limits(values, lower, upper) -> np.ndarray:
    return np.where(values > upper, 1, np.where(values < lower, -1, 0))


def _mark_runs(signs: np.ndarray, run_length: int) -> np.ndarray:
    """Mark every point of each run of `run_length` or more equal non-zero signs."""
    marked = np.zeros(len(signs), dtype=int)
    count = 0
    for i, sign in enumerate(signs):
        count = count + 1 if i and sign != 0 and sign == signs[i - 1] else (1 if sign != 0 else 0)
        if count >= run_length:
            marked[i - run_length + 1 : i + 1] = sign
    return marked


def trend_fires(values: np.ndarray) -> np.ndarray:
    """Where the trend test fires: the point ending 7 strictly rising (+1) or falling (-1) points."""
    steps = np.sign(np.diff(values))  # a tie (0) breaks a run
    fires = np.zeros(len(values), dtype=int)
    count = 0
    for i in range(1, len(values)):
        count = (
            count + 1
            if i > 1 and steps[i - 1] != 0 and steps[i - 1] == steps[i - 2]
            else (1 if steps[i - 1] != 0 else 0)
        )
        if count >= RUN_LENGTH - 1:
            fires[i] = steps[i - 1]
    return fires


def trend(values: np.ndarray) -> np.ndarray:
    fires = trend_fires(values)
    marked = np.zeros(len(values), dtype=int)
    for i in np.flatnonzero(fires):
        marked[i - RUN_LENGTH + 1 : i + 1] = fires[i]
    return marked


def shift_fires(sides: np.ndarray) -> np.ndarray:
    """Where the shift test fires: the point ending 7 on one side of the mean (on the mean breaks)."""
    fires = np.zeros(len(sides), dtype=int)
    count = 0
    for i, side in enumerate(sides):
        count = count + 1 if i and side != 0 and side == sides[i - 1] else (1 if side != 0 else 0)
        if count >= RUN_LENGTH:
            fires[i] = side
    return fires


def shift(sides: np.ndarray) -> np.ndarray:
    return _mark_runs(sides, RUN_LENGTH)


def two_in_three(close: np.ndarray, sides: np.ndarray) -> np.ndarray:
    """Of any 3 consecutive points all on one side of the mean, 2 or more close to a limit: flag the close ones."""
    marked = np.zeros(len(close), dtype=int)
    for start in range(len(close) - 2):
        window = slice(start, start + 3)
        side = sides[window]
        if side[0] != 0 and (side == side[0]).all() and close[window].sum() >= 2:
            marked[window] = np.where(close[window], side[0], marked[window])
    return marked


# --- point types and icons --------------------------------------------------------------------


def point_type(signs: dict[str, int], direction: int) -> str:
    for rule in RULES:
        sign = signs[rule]
        if sign:
            if direction == 0:
                return "special_cause_neutral_high" if sign > 0 else "special_cause_neutral_low"
            return "special_cause_improvement" if sign * direction > 0 else "special_cause_concern"
    return "common_cause"


def variation_icon(last_type: str, improvement: str) -> str:
    if last_type == "common_cause":
        return "common_cause"
    if last_type.startswith("special_cause_neutral"):
        return last_type.replace("special_cause_", "")
    improving = last_type == "special_cause_improvement"
    high = improving if improvement == "increase" else not improving
    return f"{'improvement' if improving else 'concern'}_{'high' if high else 'low'}"


def assurance(lower: float, upper: float, target: float | None, improvement: str) -> str | None:
    """Whether the process will meet the target: from the latest limits."""
    if target is None or improvement == "neutral":
        return None
    if target > upper:
        return "consistent_fail" if improvement == "increase" else "consistent_pass"
    if target < lower:
        return "consistent_pass" if improvement == "increase" else "consistent_fail"
    return "inconsistent"


# --- the chart's data ---------------------------------------------------------------------------


def _groups(count: int, dates, rebase) -> np.ndarray:
    group = np.zeros(count, dtype=int)
    if not rebase:
        return group
    if dates is None:
        raise AnalysisError("rebase needs dates: the dates each new group starts on")
    stamps = pd.to_datetime(pd.Series(list(dates)))
    for start in sorted(pd.to_datetime(pd.Series(list(rebase)))):
        group[(stamps >= start).to_numpy()] += 1
    return group


def xmr(
    values,
    improvement: str = "increase",
    target: float | None = None,
    screen_outliers: bool = True,
    fix_after_n_points: int | None = None,
    rebase=None,
    dates=None,
) -> XmrResult:
    """An XmR chart of `values` (in order) by the MDC rules: limits, special causes, icons."""
    if improvement not in DIRECTIONS:
        raise AnalysisError(f"improvement must be one of {list(DIRECTIONS)}, not {improvement!r}")
    if fix_after_n_points is not None and fix_after_n_points < MIN_FIXED_BASELINE:
        raise AnalysisError(f"fix_after_n_points must be at least {MIN_FIXED_BASELINE}")
    series = np.asarray(pd.to_numeric(pd.Series(list(values)), errors="raise"), dtype=float)
    if dates is not None and len(list(dates)) != len(series):
        raise AnalysisError("dates and values differ in length")
    if np.isnan(series).any():
        raise AnalysisError("values include missing figures: drop them (and say so) before charting")
    if len(series) < 2:
        raise AnalysisError("an XmR chart needs at least 2 values")
    groups = _groups(len(series), dates, rebase)
    frames, messages = [], []
    for group in np.unique(groups):
        positions = np.flatnonzero(groups == group)
        frame, message = _group_points(series[positions], group, improvement, screen_outliers, fix_after_n_points)
        frames.append(frame.set_index(positions))
        if message:
            messages.append(message)
    points = pd.concat(frames)
    if dates is not None:
        points.insert(0, "date", list(dates))
    for message in messages:
        warnings.warn(message, TrialLimitsWarning, stacklevel=2)
    latest = points.iloc[-1]
    return XmrResult(
        mean=float(latest["mean"]),
        lower=float(latest["lower"]),
        upper=float(latest["upper"]),
        points=points,
        variation_icon=variation_icon(latest["point_type"], improvement),
        assurance=assurance(latest["lower"], latest["upper"], target, improvement),
        improvement=improvement,
        target=target,
        messages=messages,
    )


def _group_points(values: np.ndarray, group: int, improvement: str, screen: bool, fix_after: int | None):
    baseline = values[:fix_after] if fix_after else values
    limits = _limits(baseline, screen)
    sides = np.sign(values - limits["mean"]).astype(int)
    beyond = outside_limits(values, limits["lower"], limits["upper"])
    close = ((values > limits["near_upper"]) | (values < limits["near_lower"])) & (beyond == 0)
    signs = {
        "outside_limits": beyond,
        "trend": trend(values),
        "two_in_three": two_in_three(close, sides),
        "shift": shift(sides),
    }
    direction = DIRECTIONS[improvement]
    types = [point_type({rule: signs[rule][i] for rule in RULES}, direction) for i in range(len(values))]
    trial = len(values) < MIN_POINTS_FOR_LIMITS
    frame = pd.DataFrame(
        {
            "value": values,
            "group": group,
            **{k: v for k, v in limits.items()},
            "moving_range": np.concatenate([[np.nan], np.abs(np.diff(values))]),
            "close_to_limits": close,
            **{rule: signs[rule] for rule in RULES},
            "special_cause": [t != "common_cause" for t in types],
            "point_type": types,
            "trial_limits": trial,
        }
    )
    message = (
        f"group {group} has {len(values)} points (fewer than {MIN_POINTS_FOR_LIMITS}): its limits are trial limits"
        if trial
        else None
    )
    return frame, message
