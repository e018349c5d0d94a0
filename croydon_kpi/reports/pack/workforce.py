"""The workforce section: the published social work workforce measures against neighbours and
comparators, and any caveat a source gives on the month's figures."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.core import schema
from croydon_kpi.reports.formatting import COMPARABLE_UNITS, source_label
from croydon_kpi.reports.pack.context import PackContext


def workforce_numbers(ctx: PackContext) -> pd.DataFrame:
    """The published workforce measures against neighbours and the comparators, as numbers
    (comparators only for rates and percentages: a count is not compared with a total)."""
    rows = []
    for measure_id in report_settings().workforce_measures:
        measure = ctx.store.catalogue.measure(measure_id)
        series = ctx.store.series(measure_id, area=ctx.area.name, status="published_statistic")
        if series.empty:
            continue
        found = ctx.benchmark(measure_id, series.iloc[-1]["period_end"].year)
        comparable = measure.unit in COMPARABLE_UNITS
        compare = lambda name, found=found, comparable=comparable: found.comparators.get(name) if comparable else None
        rows.append(
            {
                "Measure": measure.title,
                "Measure id": measure_id,
                "Unit": measure.unit,
                "Period": found.period_label,
                "Value": found.value,
                "Statistical neighbours": compare("Statistical neighbours"),
                **{name: compare(name) for name in ctx.comparators},
                "Rank": found.rank,
                "Of": found.ranked if found.rank else None,
                "Quartile (A = best)": found.quartile,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "Measure",
            "Measure id",
            "Unit",
            "Period",
            "Value",
            "Statistical neighbours",
            *ctx.comparators,
            "Rank",
            "Of",
            "Quartile (A = best)",
        ],
    )


def workforce_table(ctx: PackContext) -> pd.DataFrame:
    numbers = workforce_numbers(ctx)
    text = lambda column: [
        ctx.text(m, v) if pd.notna(v) else "-" for m, v in zip(numbers["Measure id"], numbers[column])
    ]
    return pd.DataFrame(
        {
            "Measure": numbers["Measure"],
            "Period": numbers["Period"],
            ctx.area.name: text("Value"),
            "Statistical neighbours": text("Statistical neighbours"),
            **{name: text(name) for name in ctx.comparators},
            "Rank (1 = best)": [
                f"{int(r)} of {int(o)}" if pd.notna(r) else "not ranked (no better direction)"
                for r, o in zip(numbers["Rank"], numbers["Of"])
            ],
            "Quartile (A = best)": numbers["Quartile (A = best)"].fillna("-"),
        }
    )


def workforce_notes(ctx: PackContext) -> pd.DataFrame:
    figures = ctx.month_figures()
    notes = figures[
        (figures["measure"].isin(report_settings().workforce_measures)) & schema.has_tag(figures["tags"], "caveat")
    ]
    return pd.DataFrame(
        {
            "Figure": notes["as_written"],
            "Caveat": notes["note"],
            "Source": [
                source_label(ctx.store.catalogue, s, loc, ctx.papers)
                for s, loc in zip(notes["source_id"], notes["locator"])
            ],
        }
    )
