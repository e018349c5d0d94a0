"""The pack's message first: what the council reported in its three groups, what the computed
check says beside it (and why they differ), what changed on the month, the biggest risks and what
is missing, written from the data."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.analysis.targets import GROUP_WORDS, GROUPS
from croydon_kpi.core import schema
from croydon_kpi.reports.formatting import source_label
from croydon_kpi.reports.pack.changes import changes_words
from croydon_kpi.reports.pack.context import PackContext, monthly
from croydon_kpi.reports.pack.domain_charts import monthly_chart_title
from croydon_kpi.reports.pack.matrix import look_first
from croydon_kpi.reports.pack.quality import conflicts_table


def summary(ctx: PackContext) -> str:
    if not ctx.has_local_figures:
        return (
            f"**No local figures for {ctx.month.label}.** No scorecard, committee paper or child-level "
            "list in the data "
            f"gives {ctx.area.name}'s figures for this month, so there is no overview, no RAG and no "
            "change on the month. "
            "The published statistics further down are the latest known by the month's end."
        )
    lines = [
        _synthetic_words(ctx),
        _reported_words(ctx),
        _check_words(ctx),
        _look_first_words(ctx),
        _change_words(ctx),
        _risk_words(ctx),
        _missing_words(ctx),
        _gap_words(ctx),
    ]
    return "\n".join(f"- {line}" for line in lines if line)


def _synthetic_words(ctx: PackContext) -> str:
    figures = ctx.month_figures()
    local = figures[figures["status"].isin(["reported", "computed"])]
    if len(local) and schema.has_tag(local["tags"], "synthetic").all():
        return (
            "**Synthetic data:** every local figure here is computed from made-up child-level lists; "
            "no real child is in them."
        )
    return ""


def _reported_words(ctx: PackContext) -> str:
    table = ctx.overview
    reported = table["reported_group"].value_counts()
    if reported.empty:
        return f"**What the council reported:** no paper grouped {ctx.area.name}'s measures for this month."
    counts = ", ".join(f"{int(reported.get(g, 0))} {GROUP_WORDS[g].lower()}" for g in GROUPS)
    papers = sorted(
        {
            source_label(ctx.store.catalogue, s, None, ctx.papers, short=True)
            for s in table.loc[table["reported_group"].notna(), "sources"].str.split(", ").explode()
            if s in ctx.papers
        }
    )
    return (
        f"**What the council reported:** {counts}. This is the council's own grouping, as set out in: "
        f"{'; '.join(papers)}."
    )


def _check_words(ctx: PackContext) -> str:
    table = ctx.overview
    judged = table[table["reported_group"].notna()]
    if judged.empty:
        return ""
    differ = judged[~judged["agrees"].astype(bool)]
    if differ.empty:
        return f"**Check:** the computed rule agrees with the council on all {len(judged)} measures."
    no_basis = differ[differ["variation"].isna() & (differ["position"] == "unknown")]
    reasons = []
    if len(no_basis):
        reasons.append(
            f"for {len(no_basis)} there are too few monthly figures for SPC and no source states their "
            "position against a target, so the check can only call them ones to watch"
        )
    other = len(differ) - len(no_basis)
    if other:
        reasons.append(f"for {other} the SPC verdict or the stated position points elsewhere")
    return (
        "**Check:** a rule applied to the same figures (SPC variation and assurance where there are enough "
        "monthly figures, else the position against a stated target; never a change between two months) "
        f"differs from the council on {len(differ)} of {len(judged)} measures: {'; '.join(reasons)}. "
        "The council's grouping is the reported one; the check shows where its judgement rests on more "
        "than the figures give."
    )


def _look_first_words(ctx: PackContext) -> str:
    """The measures a board should look at first: the concern / failing corner of the matrix."""
    first = look_first(ctx, chart_title=monthly_chart_title)
    return f"**Look at first:** {'; '.join(first)}." if first else ""


def _change_words(ctx: PackContext) -> str:
    months = max((len(monthly(ctx.local_series(r.measure))) for r in ctx.overview.itertuples()), default=0)
    if months <= 1:
        return "**Since last month:** one month of local figures only: no change on the month can be shown yet."
    return f"**Since last month:** {changes_words(ctx, KPI_TABLE_LINK)}."


# The KPI table's heading in the pack notebook, as nbconvert anchors it.
KPI_TABLE_LINK = "#Key-performance-indicators"


def _risk_words(ctx: PackContext) -> str:
    table = ctx.overview
    worst = table[table["reported_group"] == "do_better"]
    if worst.empty:
        worst = table[table["computed_group"] == "do_better"]
    if worst.empty:
        return "**Biggest risks:** no measure is in things to do better."
    named = [
        f"{r.title} ({ctx.text(r.measure, r.value, r.as_written)})" if pd.notna(r.value) else r.title
        for r in worst.itertuples()
    ]
    return f"**Biggest risks (things to do better):** {'; '.join(named[:5])}" + (
        "; and more below." if len(named) > 5 else "."
    )


def _missing_words(ctx: PackContext) -> str:
    """A measure reported before but blank this month is named first, not left to vanish."""
    missing = ctx.missing_measures
    if missing.empty:
        return ""
    named = "; ".join(f"{r.title} (last reported {r.last_month})" for r in missing.itertuples())
    return f"**Not reported this month:** {named}."


def _gap_words(ctx: PackContext) -> str:
    table = ctx.overview
    no_value = int(table["value"].isna().sum())
    conflicts = len(conflicts_table(ctx))
    rejected = len(ctx.store.rejections)
    parts = []
    if no_value:
        parts.append(f"{no_value} measure(s) are judged by the paper without a value")
    if conflicts:
        parts.append(f"{conflicts} figure(s) disagree between sources (Data quality)")
    if rejected:
        parts.append(f"{rejected} scorecard row(s) were rejected")
    no_target = int(table["target"].isna().sum())
    if no_target == len(table):
        stated = int(table["position"].isin(["meeting", "short", "amber", "mixed"]).sum())
        words = (
            f"; for {stated} a paper says where it stands against its target, and the check takes its word "
            "('as stated')"
            if stated
            else ""
        )
        parts.append(f"no source states a target value for any measure, so there is no RAG{words}")
    return f"**Missing or unreliable:** {'; '.join(parts)}." if parts else ""
