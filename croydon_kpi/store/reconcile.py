"""Where sources disagree: the same measure, area and (nearly) the same period, different values.

Two figures are compared when their periods overlap, or when both are short (a month or a
snapshot, at most SHORT_PERIOD_DAYS long) and lie within MAX_GAP_DAYS of each other: a board's
October figure against DfE's 30 September snapshot. Whole years that only touch are not compared.
Unmapped figures are never compared: nothing says they measure the same thing. The reason is `definition_differs`
when one is a council's reported figure and the other a published statistic (local and national
definitions differ: the board's agency share counts the whole workforce), else `conflict`.
"""
from __future__ import annotations

import pandas as pd

MAX_GAP_DAYS = 31
SHORT_PERIOD_DAYS = 31
_KEEP = ["measure", "area_name", "kind", "value", "as_written", "period_start", "period_end", "period_label",
         "source_id", "locator", "quote", "status"]


def _tolerance(decimals: int) -> float:
    """Values differ when they differ by more than one unit in the last published place."""
    return 10.0 ** -decimals


def conflicts(store, max_gap_days: int = MAX_GAP_DAYS) -> pd.DataFrame:
    figures = store.figures
    candidates = figures[figures["value"].notna() & (figures["kind"] == "level") & figures["period_end"].notna()
                         & (figures["measure"] != "unmapped")]
    # Published files are compared with each other too: a revision shows as EES against LAIT.
    pairs = candidates[_KEEP].merge(candidates[_KEEP], on=["measure", "area_name", "kind"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["source_id_a"] < pairs["source_id_b"]]
    overlap = (pairs["period_start_a"] <= pairs["period_end_b"]) & (pairs["period_start_b"] <= pairs["period_end_a"])
    gap = pd.Timedelta(days=max_gap_days)
    short = pd.Timedelta(days=SHORT_PERIOD_DAYS)
    both_short = ((pairs["period_end_a"] - pairs["period_start_a"]) <= short) & ((pairs["period_end_b"] - pairs["period_start_b"]) <= short)
    near = (pairs["period_start_a"] <= pairs["period_end_b"] + gap) & (pairs["period_start_b"] <= pairs["period_end_a"] + gap)
    pairs = pairs[overlap | (both_short & near)]
    decimals = pairs["measure"].map(lambda m: store.catalogue.measures[m].decimals if m in store.catalogue.measures else 0)
    pairs = pairs[(pairs["value_a"] - pairs["value_b"]).abs() > decimals.map(_tolerance)]
    mixed = pairs["status_a"] != pairs["status_b"]
    out = pairs.assign(
        difference=pairs["value_a"] - pairs["value_b"],
        reason=mixed.map({True: "definition_differs", False: "conflict"}),
    )
    return out.sort_values(["measure", "area_name", "period_end_a"]).reset_index(drop=True)
