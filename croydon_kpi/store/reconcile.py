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
_KEEP = [
    "measure",
    "area_name",
    "kind",
    "value",
    "as_written",
    "period_start",
    "period_end",
    "period_label",
    "source_id",
    "locator",
    "quote",
    "status",
]


def _tolerance(decimals: int) -> float:
    """Values differ when they differ by more than one unit in the last published place."""
    return 10.0**-decimals


def conflicts(store, max_gap_days: int = MAX_GAP_DAYS, area_name: str | None = None) -> pd.DataFrame:
    """Every disagreement in the store, or (pairs being of one area) only those of `area_name`."""
    figures = store.figures
    if area_name is not None:
        figures = figures[figures["area_name"] == area_name]
    candidates = figures[
        figures["value"].notna()
        & (figures["kind"] == "level")
        & figures["period_end"].notna()
        & (figures["measure"] != "unmapped")
    ]
    # Pairs are found on the few columns that decide them; the text of both sides (quotes,
    # locators) is fetched only for the pairs that disagree: most candidate pairs agree.
    # Text keys become integer codes first, so the self-join and its filters run on numbers.
    deciding = pd.DataFrame(
        {
            "_group": candidates.groupby(["measure", "area_name", "kind"], sort=False).ngroup().to_numpy(),
            "source_id": pd.factorize(candidates["source_id"], sort=True)[
                0
            ],  # codes in the ids' order: a < b as for the text
            "value": candidates["value"].to_numpy(),
            "period_start": candidates["period_start"].to_numpy(),
            "period_end": candidates["period_end"].to_numpy(),
            "_row": range(len(candidates)),
            "_decimals": candidates["measure"]
            .map({m: d.decimals for m, d in store.catalogue.measures.items()})
            .fillna(0)
            .to_numpy(),
        }
    )
    # Only a measure, area and kind given by two sources or more can disagree between sources.
    deciding = deciding[deciding.groupby("_group")["source_id"].transform("nunique").to_numpy() > 1]
    # Published files are compared with each other too: a revision shows as EES against LAIT.
    pairs = deciding.merge(deciding.drop(columns="_decimals"), on="_group", suffixes=("_a", "_b"))
    pairs = pairs[pairs["source_id_a"] < pairs["source_id_b"]]
    overlap = (pairs["period_start_a"] <= pairs["period_end_b"]) & (pairs["period_start_b"] <= pairs["period_end_a"])
    gap = pd.Timedelta(days=max_gap_days)
    short = pd.Timedelta(days=SHORT_PERIOD_DAYS)
    both_short = ((pairs["period_end_a"] - pairs["period_start_a"]) <= short) & (
        (pairs["period_end_b"] - pairs["period_start_b"]) <= short
    )
    near = (pairs["period_start_a"] <= pairs["period_end_b"] + gap) & (
        pairs["period_start_b"] <= pairs["period_end_a"] + gap
    )
    pairs = pairs[overlap | (both_short & near)]
    pairs = pairs[(pairs["value_a"] - pairs["value_b"]).abs() > _tolerance(pairs["_decimals"].astype(float))]
    kept = candidates[_KEEP]
    side_a = kept.iloc[pairs["_row_a"].to_numpy()].reset_index(drop=True).add_suffix("_a")
    side_b = (
        kept.drop(columns=["measure", "area_name", "kind"])
        .iloc[pairs["_row_b"].to_numpy()]
        .reset_index(drop=True)
        .add_suffix("_b")
    )
    pairs = pd.concat(
        [side_a.rename(columns={"measure_a": "measure", "area_name_a": "area_name", "kind_a": "kind"}), side_b], axis=1
    )
    pairs = pairs[_PAIR_COLUMNS]
    mixed = pairs["status_a"] != pairs["status_b"]
    out = pairs.assign(
        difference=pairs["value_a"] - pairs["value_b"],
        reason=mixed.map({True: "definition_differs", False: "conflict"}),
    )
    return out.sort_values(["measure", "area_name", "period_end_a"]).reset_index(drop=True)


# The columns of a pair, in the order a merge of two figures on measure, area and kind gives them.
_PAIR_COLUMNS = [
    "measure",
    "area_name",
    "kind",
    *[f"{column}_a" for column in _KEEP[3:]],
    *[f"{column}_b" for column in _KEEP[3:]],
]
