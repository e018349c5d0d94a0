"""The first screen's matrix, as Making Data Count's integrated performance reports show it:
measures by variation (rows, concern first) against assurance (columns, failing first), and the
few measures a board should look at first, from the concern / failing corner out."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.analysis.mdc import ASSURANCE_WORDS, VARIATION_WORDS
from croydon_kpi.reports.pack.context import PackContext
from croydon_kpi.reports.present import chart_id

VARIATIONS = ("concern", "common_cause", "improvement", "neutral")
ASSURANCES = ("consistent_fail", "inconsistent", "consistent_pass", None)
NO_TARGET = "no target"
NO_SPC = "too few monthly figures for SPC"
LOOK_FIRST = 4
# How urgent each (variation, assurance) is for a board: the concern / failing corner first.
_URGENCY = {
    ("concern", "consistent_fail"): 0,
    ("concern", "inconsistent"): 1,
    ("concern", None): 2,
    ("common_cause", "consistent_fail"): 3,
    ("improvement", "consistent_fail"): 4,
    ("concern", "consistent_pass"): 5,
    ("common_cause", "inconsistent"): 6,
}


def summary_matrix(ctx: PackContext) -> pd.DataFrame:
    """Variation x assurance, each cell the measures in it (a dash for none); the measures too
    short for SPC in a row of their own."""
    table = ctx.overview
    if table.empty:
        return pd.DataFrame()
    columns = [ASSURANCE_WORDS.get(a, NO_TARGET) for a in ASSURANCES]
    rows = []
    for variation in VARIATIONS:
        mine = table[table["variation"] == variation]
        if variation == "neutral" and mine.empty:
            continue
        cells = {
            column: "; ".join(mine.loc[_same(mine["assurance"], a), "title"]) or "-"
            for a, column in zip(ASSURANCES, columns)
        }
        rows.append({"Variation": VARIATION_WORDS[variation], **cells})
    short = table[table["variation"].isna()]
    if len(short):
        rows.append({"Variation": NO_SPC, **{c: "-" for c in columns}, NO_TARGET: "; ".join(short["title"])})
    return pd.DataFrame(rows, columns=["Variation", *columns])


def _same(column: pd.Series, value) -> pd.Series:
    return column.isna() if value is None else column.eq(value)


def look_first(ctx: PackContext, chart_title) -> list[str]:
    """Up to LOOK_FIRST measures, the most urgent first, each in plain words with a link to its
    chart (`chart_title(measure)` gives the title its chart is shown under)."""
    table = ctx.overview
    if table.empty:
        return []
    urgent = table.assign(
        _rank=[
            _URGENCY.get((v, a))
            for v, a in zip(table["variation"], table["assurance"].where(table["assurance"].notna(), None))
        ]
    )
    urgent = urgent[urgent["_rank"].notna()].sort_values(["_rank", "title"])
    lines = []
    for row in urgent.head(LOOK_FIRST).itertuples():
        measure = ctx.store.catalogue.measure(row.measure)
        link = f"#{chart_id(chart_title(measure))}"
        figure = ctx.text(row.measure, row.value, row.as_written)
        lines.append(f"{row.title} ({figure}): {row.verdict} ([chart]({link}))")
    return lines
