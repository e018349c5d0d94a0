"""Direction of travel: changes on earlier figures, in the measure's own unit, and plain sentences
("fallen for the third month running", "highest since April 2018", "no figure for September 2019").

Series can be monthly, annual or irregular. A comparison is only ever made with a figure that
exists; where the figure it would need is missing, the sentence says so instead.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field

import pandas as pd

from croydon_kpi.core.rounding import round_half_up

LOOKBACKS = {"previous": None, "3 months": 3, "6 months": 6, "12 months": 12}
ORDINALS = {
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
    10: "tenth",
}


@dataclass
class Change:
    against: str  # "previous", "3 months", ...
    from_label: str | None  # the period compared with
    change: float | None  # in the measure's unit (percentage points for percentages)
    unit_words: str
    note: str | None = None  # why there is no change


@dataclass
class DirectionOfTravel:
    latest_label: str | None
    latest_value: float | None
    cadence: str  # monthly, annual or irregular
    changes: list[Change] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


def unit_words(unit: str) -> str:
    return {
        "percent": "percentage points",
        "rate_per_10k": "per 10,000",
        "rate_per_100k": "per 100,000",
        "gbp": "pounds",
        "fte": "FTE",
        "days": "days",
        "ratio": "",
        "count": "",
    }.get(unit, "")


def _months(timestamp) -> int:
    return timestamp.year * 12 + timestamp.month


def cadence(ends: pd.Series) -> str:
    if len(ends) < 2:
        return "irregular"
    gaps = pd.Series([_months(b) - _months(a) for a, b in zip(ends, ends.iloc[1:])])
    typical = gaps.median()
    if typical == 1:
        return "monthly"
    if typical == 12:
        return "annual"
    return "irregular"


def _month_label(months: int) -> str:
    year, month = divmod(months - 1, 12)
    return f"{calendar.month_name[month + 1]} {year}"


def _step_word(kind: str) -> str:
    return {"monthly": "month", "annual": "year"}.get(kind, "time")


def direction_of_travel(
    series: pd.DataFrame, unit: str, polarity: str = "neutral", decimals: int = 1
) -> DirectionOfTravel:
    """`series`: store.series() output (period_end, period_label, value), oldest first."""
    valued = series[series["value"].notna()].sort_values("period_end").reset_index(drop=True)
    if valued.empty:
        return DirectionOfTravel(None, None, "irregular", sentences=["No figure."])
    latest = valued.iloc[-1]
    kind = cadence(valued["period_end"])
    words = unit_words(unit)
    result = DirectionOfTravel(latest["period_label"], float(latest["value"]), kind)
    by_month = {_months(end): row for end, row in zip(valued["period_end"], valued.itertuples())}
    for name, months in LOOKBACKS.items():
        result.changes.append(_change(valued, by_month, latest, name, months, words))
    result.sentences = _sentences(valued, latest, kind, result.changes, words, polarity, decimals)
    return result


def _change(valued, by_month, latest, name, months, words) -> Change:
    if months is None:
        if len(valued) < 2:
            return Change(name, None, None, words, "no earlier figure")
        earlier = valued.iloc[-2]
        return Change(name, earlier["period_label"], round(float(latest["value"] - earlier["value"]), 6), words)
    wanted = _months(latest["period_end"]) - months
    earlier = by_month.get(wanted)
    if earlier is None:
        return Change(name, None, None, words, f"no figure for {_month_label(wanted)}")
    return Change(name, earlier.period_label, round(float(latest["value"] - earlier.value), 6), words)


def _fmt(value: float, decimals: int) -> str:
    """The size of a change, half up as DfE rounds, without trailing zeros."""
    text = f"{abs(round_half_up(value, decimals)):,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if decimals else text


def _sentences(valued, latest, kind, changes, words, polarity, decimals) -> list[str]:
    sentences = []
    previous = changes[0]
    if previous.change is not None:
        gap = _months(latest["period_end"]) - _months(valued.iloc[-2]["period_end"])
        expected = {"monthly": 1, "annual": 12}.get(kind)
        if expected and gap != expected:
            missing = _month_label(_months(latest["period_end"]) - expected)
            sentences.append(f"No figure for {missing}; compared with {previous.from_label} instead.")
        sentences.append(_movement(previous, latest, words, polarity, decimals))
    run = _run_length(valued, kind)
    if run >= 2:
        direction = "risen" if valued["value"].iloc[-1] > valued["value"].iloc[-2] else "fallen"
        sentences.append(f"It has {direction} for the {ORDINALS.get(run, f'{run}th')} {_step_word(kind)} running.")
    sentences.append(_extreme(valued, latest))
    return sentences


def _movement(change: Change, latest, words, polarity, decimals) -> str:
    if round_half_up(change.change, decimals) == 0:  # a change too small to show is no change, not "up 0"
        return f"Unchanged on {change.from_label}."
    verb = "Up" if change.change > 0 else "Down"
    better = {
        ("higher_is_better", True): " (better)",
        ("higher_is_better", False): " (worse)",
        ("lower_is_better", True): " (worse)",
        ("lower_is_better", False): " (better)",
    }.get((polarity, change.change > 0), "")
    size = _fmt(change.change, decimals)
    if size == "1" and words.endswith("points"):
        words = words[: -len("s")]  # 1 percentage point
    unit = f" {words}" if words else ""
    return f"{verb} {size}{unit} on {change.from_label}{better}."


def _run_length(valued, kind) -> int:
    """How many consecutive steps (each one period apart, no gap) moved the same way as the last."""
    if kind not in ("monthly", "annual") or len(valued) < 2:
        return 0
    step = 1 if kind == "monthly" else 12
    values, ends = valued["value"].tolist(), [_months(e) for e in valued["period_end"]]
    sign = (values[-1] > values[-2]) - (values[-1] < values[-2])
    count = 0
    for i in range(len(values) - 1, 0, -1):
        this = (values[i] > values[i - 1]) - (values[i] < values[i - 1])
        if this != sign or sign == 0 or ends[i] - ends[i - 1] != step:
            break
        count += 1
    return count


def _extreme(valued, latest) -> str:
    earlier = valued.iloc[:-1]
    if earlier.empty:
        return f"The only figure so far ({latest['period_label']})."
    value = latest["value"]
    higher = earlier[earlier["value"] > value]
    lower = earlier[earlier["value"] < value]
    if higher.empty:
        return f"The highest of the {len(valued)} figures since {valued.iloc[0]['period_label']}."
    if lower.empty:
        return f"The lowest of the {len(valued)} figures since {valued.iloc[0]['period_label']}."
    last_higher, last_lower = higher.iloc[-1], lower.iloc[-1]
    if last_higher["period_end"] < last_lower["period_end"]:
        return f"The highest since {last_higher['period_label']}."
    return f"The lowest since {last_lower['period_label']}."
