"""The latest published statistics for the area beside its comparators, and the sources behind
the pack."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.core import schema
from croydon_kpi.reports.formatting import COMPARABLE_UNITS, source_label
from croydon_kpi.reports.pack.context import PackContext, stored_figure_text
from croydon_kpi.store.figure_store import FigureStore


def latest_published_table(ctx: PackContext) -> pd.DataFrame:
    rows = [_latest_row(ctx, measure) for measure in _published_measures(ctx)]
    table = pd.DataFrame(rows)
    out = pd.DataFrame(
        {
            "Area of work": table["domain"].map(schema.DOMAIN_LABELS),
            "Measure": table["title"],
            "Period": table["period_label"].fillna("no figure known by this month"),
            ctx.area.name: table["own_text"],
        }
    )
    for comparator in ctx.comparators:
        out[comparator] = table[f"{comparator}_text"]
    out["Source"] = table["provenance"]
    return out


def sources(ctx: PackContext) -> pd.DataFrame:
    used = set(ctx.store.figures.loc[ctx.store.figures["area_name"] == ctx.area.name, "source_id"]) - {"derived"}
    return sources_table(ctx.store, used)


def _published_measures(ctx: PackContext):
    measures = [m for m in ctx.store.catalogue.measures.values() if m.national_sources]
    return sorted(measures, key=lambda m: (m.domain, m.title))


def _latest_row(ctx: PackContext, measure) -> dict:
    own = ctx.store.series(measure.id, area=ctx.area.name, status="published_statistic")
    row = {"domain": measure.domain, "title": measure.title}
    latest = own.iloc[-1] if len(own) else None
    row["period_label"] = latest["period_label"] if latest is not None else None
    row["own_text"] = stored_figure_text(latest, measure)
    row["provenance"] = (
        source_label(ctx.store.catalogue, latest["source_id"], latest["locator"]) if latest is not None else "no figure"
    )
    for comparator in ctx.comparators:
        row[f"{comparator}_text"] = (
            stored_figure_text(_same_period(ctx, measure.id, comparator, latest), measure)
            if measure.unit in COMPARABLE_UNITS
            else "-"
        )
    return row


def _same_period(ctx: PackContext, measure_id: str, area: str, latest) -> pd.Series | None:
    if latest is None:
        return None
    return _by_period(ctx, measure_id, area).get((latest["period_start"], latest["period_end"]))


def _by_period(ctx: PackContext, measure_id: str, area: str) -> dict:
    """A comparator's published figures by period, worked out once per store: every pack of a
    region's run asks for the same region's and England's figures."""

    def index() -> dict:
        series = ctx.store.series(measure_id, area=area, status="published_statistic")
        found = {}
        for position, key in enumerate(zip(series["period_start"], series["period_end"])):
            found.setdefault(key, series.iloc[position])
        return found

    return ctx.store.remembered(("published_by_period", measure_id, area), index)


def sources_table(store: FigureStore, source_ids) -> pd.DataFrame:
    """The sources behind a table: what each is, who published it, where this copy came from."""
    rows = []
    for source_id in sorted(set(source_ids)):
        source = store.catalogue.sources[source_id]
        origin = source.provenance
        where = f"{origin.get('repository', '')} {origin.get('folder', '')} @ {origin.get('commit', '')[:12]}".strip(
            " @"
        )
        rows.append(
            {
                "Source": source.title,
                "Publisher": source.publisher,
                "File": f"data/sources/{source.file}",
                "Copied from": where or origin.get("note", ""),
            }
        )
    return pd.DataFrame(rows)
