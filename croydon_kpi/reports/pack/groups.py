"""The council's three groups as it reported them, with the computed check beside each measure."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.analysis.targets import GROUP_WORDS, GROUPS
from croydon_kpi.reports.pack.context import PackContext


def groups_table(ctx: PackContext) -> pd.DataFrame:
    """Each measure in the council's reported group, with the computed check beside it."""
    table = ctx.overview
    if table.empty:
        return table
    shown = pd.DataFrame(
        {
            "Reported group": table["reported_group"].map(GROUP_WORDS).fillna("not grouped by the council"),
            "Measure": table["title"],
            "Value": [ctx.text(r.measure, r.value, r.as_written) for r in table.itertuples()],
            "Computed check": table["computed_group"].map(GROUP_WORDS),
            "Check agrees": table["agrees"].map({True: "yes", False: "no"}).fillna("no reported group"),
            "Why the check says so": [_why(r) for r in table.itertuples()],
        }
    ).sort_values(["Reported group", "Measure"], key=lambda s: s.map(_group_order) if s.name == "Reported group" else s)
    if table["reported_group"].isna().all():  # no paper grouped them: the check alone, no column of "no"
        return shown.drop(columns=["Reported group", "Check agrees"])
    return shown


def _why(row) -> str:
    """What the check rests on: the SPC verdict where there is one, else the position against a
    stated target; a paper's own words about the direction are quoted as the paper's."""
    if isinstance(row.variation, str):
        basis = row.verdict
    else:
        basis = f"{_POSITION_WORDS.get(row.position, row.position)}; no SPC ({row.spc_points} monthly figure(s))"
    said = f"; {row.paper_says} (the paper's words, not a trend)" if isinstance(row.paper_says, str) else ""
    return basis + said


def group_counts(ctx: PackContext) -> pd.DataFrame:
    table = ctx.overview
    if table.empty:
        return table
    computed = table["computed_group"].value_counts()
    reported = table["reported_group"].value_counts()
    counts = pd.DataFrame(
        {
            "Group": [GROUP_WORDS[g] for g in GROUPS],
            "Reported by the council": [int(reported.get(g, 0)) for g in GROUPS],
            "Computed check": [int(computed.get(g, 0)) for g in GROUPS],
        }
    )
    return counts if len(reported) else counts.drop(columns="Reported by the council")


def _group_order(label: str) -> int:
    order = [GROUP_WORDS[g] for g in GROUPS]
    return order.index(label) if label in order else len(order)


_POSITION_WORDS = {
    "meeting": "meeting its target (as stated)",
    "short": "short of target (as stated)",
    "amber": "just short (as stated)",
    "mixed": "mixed (as stated)",
    "unknown": "no target stated",
}
