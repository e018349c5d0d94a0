"""A measure's verdict in the Making Data Count way (../methods §1, §4): its variation (special
cause improvement or concern, common cause) and its assurance against the target (consistently
passing, hit and miss, consistently failing, no target), from an XmR chart of its own monthly
series; and the three groups placed from them. Never from two points: a one-month change is a
fact, not a trend. Where there is no SPC, only the position against a stated target places it."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pandas as pd

from croydon_kpi.analysis import spc

# Fewer monthly figures than this: no SPC verdict (the points alone). From 12, a verdict; below
# spc.MIN_POINTS_FOR_LIMITS (13) its limits are trial limits, and it says so.
SPC_VERDICT_POINTS = 12


@dataclass(frozen=True)
class Verdict:
    points: int  # monthly figures the verdict rests on
    variation: str | None  # improvement, concern, common_cause, neutral; None: too few points for SPC
    assurance: str | None  # consistent_pass, consistent_fail, inconsistent; None: no target (or no SPC)
    trial_limits: bool = False
    result: spc.XmrResult | None = None
    rebased_from: tuple = ()  # the recorded changes the limits were re-based at, within the series

    @property
    def has_spc(self) -> bool:
        return self.variation is not None


def verdict(series: pd.DataFrame, improvement: str, target: float | None = None, rebase=None) -> Verdict:
    """The verdict of a monthly series (period_end, value; in order) against a target, if any.
    `rebase`: the dates of recorded changes at which the limits are recalculated."""
    valued = series[series["value"].notna()].sort_values("period_end")
    if len(valued) < SPC_VERDICT_POINTS:
        return Verdict(len(valued), None, None)
    first, last = valued["period_end"].iloc[0], valued["period_end"].iloc[-1]
    inside = tuple(d for d in (rebase or ()) if first < pd.Timestamp(d) <= last)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", spc.TrialLimitsWarning)
        result = spc.xmr(
            valued["value"].tolist(),
            improvement=improvement,
            target=target,
            dates=valued["period_end"].tolist(),
            rebase=list(inside) or None,
        )
    variation = _variation(result.variation_icon)
    return Verdict(len(valued), variation, result.assurance, result.trial_limits, result, inside)


def _variation(icon: str) -> str:
    """improvement_high -> improvement; neutral_low -> neutral; common_cause stays."""
    return icon.split("_")[0] if icon != "common_cause" else "common_cause"


def group_from_verdict(found: Verdict, position_now: str) -> str:
    """The group a measure's evidence places it in: by variation and assurance where there is SPC
    (the concern / failing corner first), else by its position against a stated target alone."""
    if found.has_spc:
        variation, assurance = found.variation, found.assurance
        if variation == "concern" and assurance != "consistent_pass":
            return "do_better"
        if assurance == "consistent_fail" and variation != "improvement":
            return "do_better"
        if variation == "improvement" and assurance != "consistent_fail":
            return "going_well"
        if assurance == "consistent_pass" and variation != "concern":
            return "going_well"
        return "ones_to_watch"
    return {"meeting": "going_well", "short": "do_better"}.get(position_now, "ones_to_watch")


VARIATION_WORDS = {
    "improvement": "special cause improvement",
    "concern": "special cause concern",
    "common_cause": "common cause (no significant change)",
    "neutral": "special cause, neither better nor worse",
}
ASSURANCE_WORDS = {
    "consistent_pass": "consistently passing the target",
    "consistent_fail": "consistently failing the target",
    "inconsistent": "hit and miss against the target",
}


def verdict_words(found: Verdict) -> str:
    """The verdict in MDC's words: "special cause improvement; hit and miss against the target"."""
    if not found.has_spc:
        return f"{found.points} monthly figure(s): too few for SPC (it needs {SPC_VERDICT_POINTS})"
    assurance = ASSURANCE_WORDS.get(found.assurance, "no target to assure against")
    trial = " (trial limits)" if found.trial_limits else ""
    rebased = "".join(f"; limits re-based from {pd.Timestamp(d):%B %Y}" for d in found.rebased_from)
    return f"{VARIATION_WORDS[found.variation]}; {assurance}{trial}{rebased}"
