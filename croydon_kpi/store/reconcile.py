"""Where sources disagree: the same measure, area, period and period type, different values.

Two figures are compared only when they have the same frequency (core/schema.py FREQUENCIES) and
their periods overlap: within one frequency an overlap is the same month, quarter, year or day.
A monthly figure is never set against an annual one or a 31 March snapshot: their definitions
differ, which is context, not a conflict. Whole years that only touch are not compared.
One exception, between local figures only: a paper's short irregular span ("other", at most
SHORT_SPAN_DAYS: "autumn 2019, before 16 October") has no period type to match, and is compared
with the council's figure of any frequency whose period it overlaps, as two local counts of the
same weeks (a board's October count against the scrutiny minutes' count that autumn).
Unmapped figures are never compared: nothing says they measure the same thing. The reason is `definition_differs`
when one is a council's reported figure and the other a published statistic of the same period
type (local and national definitions differ), else `conflict`.
"""

from __future__ import annotations

import pandas as pd

SHORT_SPAN_DAYS = 92  # a quarter: a longer irregular span ("two financial years together") is a total of its own
LOCAL_STATUSES = ("reported", "computed", "derived")  # a council's own figures, not published statistics

_KEEP = [
    "measure",
    "area_name",
    "kind",
    "value",
    "as_written",
    "period_start",
    "period_end",
    "period_label",
    "frequency",
    "source_id",
    "locator",
    "quote",
    "status",
]


def _tolerance(decimals: int) -> float:
    """Values differ when they differ by more than one unit in the last published place."""
    return 10.0**-decimals


def conflicts(store, area_name: str | None = None) -> pd.DataFrame:
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
            "frequency": pd.factorize(candidates["frequency"])[0],
            "_local": candidates["status"].isin(LOCAL_STATUSES).to_numpy(),
            "_short_span": (
                (candidates["frequency"] == "other")
                & (candidates["period_end"] - candidates["period_start"] <= pd.Timedelta(days=SHORT_SPAN_DAYS))
            ).to_numpy(),
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
    same_type = pairs["frequency_a"] == pairs["frequency_b"]
    short_span_of_local = (pairs["_short_span_a"] | pairs["_short_span_b"]) & pairs["_local_a"] & pairs["_local_b"]
    pairs = pairs[overlap & (same_type | short_span_of_local)]
    pairs = pairs[(pairs["value_a"] - pairs["value_b"]).abs() > _tolerance(pairs["_decimals"].astype(float))]
    kept = candidates[_KEEP]
    side_a = kept.iloc[pairs["_row_a"].to_numpy()].reset_index(drop=True).add_suffix("_a")
    side_b = kept.drop(columns=_SHARED).iloc[pairs["_row_b"].to_numpy()].reset_index(drop=True).add_suffix("_b")
    pairs = pd.concat([side_a.rename(columns={f"{column}_a": column for column in _SHARED}), side_b], axis=1)
    pairs = pairs[_PAIR_COLUMNS]
    mixed = pairs["status_a"] != pairs["status_b"]
    out = pairs.assign(
        difference=pairs["value_a"] - pairs["value_b"],
        reason=mixed.map({True: "definition_differs", False: "conflict"}),
    )
    # A total order (sources and places too): the same pairs in the same order in every process,
    # whatever order the pairing met them in, so two builds of a report are the same bytes.
    order = ["measure", "area_name", "period_end_a", "source_id_a", "locator_a", "source_id_b", "locator_b"]
    return out.sort_values([c for c in order if c in out], kind="stable").reset_index(drop=True)


# What both figures of a pair share, and the columns of a pair in the order a merge on them gives.
_SHARED = ["measure", "area_name", "kind"]
_OWN = [column for column in _KEEP if column not in _SHARED]
_PAIR_COLUMNS = [*_SHARED, *[f"{column}_a" for column in _OWN], *[f"{column}_b" for column in _OWN]]
