"""The data quality section: where sources disagree, the caveats they give, and what is missing
or was rejected."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.core import schema
from croydon_kpi.reports.formatting import source_label
from croydon_kpi.reports.pack.context import PackContext


def conflicts_table(ctx: PackContext) -> pd.DataFrame:
    # Only what is relevant to the pack's month: conflicts whose periods overlap the window of
    # report_settings' data_quality_months ending with the month (12: the year to its end), not
    # every disagreement ever found for the area.
    found = _in_window(ctx, ctx.store.conflicts(area_name=ctx.area.name))
    catalogue = ctx.store.catalogue

    def side(r, s: str) -> str:
        written = getattr(r, "as_written_" + s) or ctx.text(r.measure, getattr(r, "value_" + s))
        label = source_label(catalogue, getattr(r, "source_id_" + s), getattr(r, "locator_" + s), ctx.papers)
        return f"{written} ({getattr(r, 'period_label_' + s)}; {label})"

    return pd.DataFrame(
        {
            "Measure": [catalogue.measure(m).title for m in found["measure"]],
            "Why": found["reason"].map(
                {
                    "conflict": "sources disagree",
                    "definition_differs": "different definitions (local against published)",
                }
            ),
            "One source": [side(r, "a") for r in found.itertuples()],
            "The other": [side(r, "b") for r in found.itertuples()],
        }
    )


def _in_window(ctx: PackContext, found: pd.DataFrame) -> pd.DataFrame:
    end = pd.Timestamp(ctx.month.end)
    start = pd.Timestamp(ctx.month.start) - pd.DateOffset(months=report_settings().data_quality_months - 1)
    overlaps = pd.Series(True, index=found.index)
    for side in ("a", "b"):
        overlaps &= (found[f"period_start_{side}"] <= end) & (found[f"period_end_{side}"] >= start)
    return found[overlaps].reset_index(drop=True)


def caveats_table(ctx: PackContext) -> pd.DataFrame:
    figures = ctx.month_figures()
    caveats = figures[schema.has_tag(figures["tags"], "caveat", "ambiguous_pp_or_relative")]
    return pd.DataFrame(
        {
            "Measure": [ctx.title_of(m) for m in caveats["measure"]],
            "Figure": caveats["as_written"],
            "Note": caveats["note"],
            "Source": [
                source_label(ctx.store.catalogue, s, loc, ctx.papers)
                for s, loc in zip(caveats["source_id"], caveats["locator"])
            ],
        }
    )


def missing_table(ctx: PackContext) -> pd.DataFrame:
    rows = []
    if not ctx.has_local_figures:
        rows.append(
            {
                "What": f"Local figures for {ctx.month.label}",
                "Why": "no scorecard, paper or child-level list gives them",
            }
        )
    for row in ctx.missing_measures.itertuples():
        rows.append({"What": row.title, "Why": f"reported in {row.last_month} but not in {ctx.month.label}"})
    for row in ctx.overview.itertuples():
        if row.value is None or pd.isna(row.value):
            rows.append({"What": row.title, "Why": "the paper judges it but states no value"})
    for rejection in ctx.store.rejections.itertuples():
        rows.append({"What": f"{rejection.file}, row {rejection.row}", "Why": f"rejected: {rejection.reason}"})
    return pd.DataFrame(rows, columns=["What", "Why"])
