"""What the monthly pack shows, computed from the store (the notebook only displays it)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import schema
from .areas import Area
from .formatting import format_value
from .params import Month, parse_month
from .store import FigureStore, load_store

COMPARATORS = ("London", "England")


@dataclass
class MonthlyPack:
    store: FigureStore
    month: Month
    area: Area

    @property
    def title(self) -> str:
        return f"{self.area.name}: children's services performance pack, {self.month.label}"

    def latest_published(self) -> pd.DataFrame:
        """For each published measure: the area's latest figure for a period ending by the end of
        the month, and London's and England's figures for the same period (like with like)."""
        rows = [self._latest_row(measure) for measure in self._published_measures()]
        return pd.DataFrame(rows)

    def latest_published_table(self) -> pd.DataFrame:
        """latest_published() written for a reader: values in their units, unknowns in words."""
        table = self.latest_published()
        out = pd.DataFrame({
            "Domain": table["domain"].map(schema.DOMAIN_LABELS),
            "Measure": table["title"],
            "Period": table["period_label"].fillna("no figure by this month"),
            self.area.name: table[f"{self.area.name}_text"],
        })
        for comparator in COMPARATORS:
            out[comparator] = table[f"{comparator}_text"]
        out["Source (file, place)"] = table["provenance"]
        return out

    def sources(self) -> pd.DataFrame:
        used = self.latest_published()["provenance"].str.split(",").str[0]
        return sources_table(self.store, [s for s in used if s != "no figure"])

    def _published_measures(self):
        measures = [m for m in self.store.catalogue.measures.values() if m.national_sources]
        return sorted(measures, key=lambda m: (m.domain, m.title))

    def _known_by_month(self, measure_id: str, area: str) -> pd.DataFrame:
        series = self.store.series(measure_id, area=area, status="published_statistic")
        return series[series["period_end"] <= pd.Timestamp(self.month.end)]

    def _latest_row(self, measure) -> dict:
        own = self._known_by_month(measure.id, self.area.name)
        row = {"measure": measure.id, "domain": measure.domain, "title": measure.title, "unit": measure.unit}
        latest = own.iloc[-1] if len(own) else None
        row["period_label"] = latest["period_label"] if latest is not None else None
        row[f"{self.area.name}_value"] = latest["value"] if latest is not None else None
        row[f"{self.area.name}_text"] = _text(latest, measure)
        row["provenance"] = f"{latest['source_id']}, {latest['locator']}" if latest is not None else "no figure"
        for comparator in COMPARATORS:
            same_period = self._same_period(measure.id, comparator, latest)
            row[f"{comparator}_value"] = same_period["value"] if same_period is not None else None
            row[f"{comparator}_text"] = _text(same_period, measure)
        return row

    def _same_period(self, measure_id: str, area: str, latest) -> pd.Series | None:
        if latest is None:
            return None
        series = self._known_by_month(measure_id, area)
        match = series[(series["period_start"] == latest["period_start"]) & (series["period_end"] == latest["period_end"])]
        return match.iloc[0] if len(match) else None


def _text(figure, measure) -> str:
    if figure is None:
        return "no figure"
    symbol = figure["symbol"] if isinstance(figure["symbol"], str) else None
    return format_value(figure["value"], measure.unit, measure.decimals, symbol)


def prepare(month: str, area: str, store: FigureStore | None = None) -> MonthlyPack:
    """Validate the parameters and load the store: the first call of the monthly pack notebook."""
    store = store or load_store()
    return MonthlyPack(store=store, month=parse_month(month), area=store.area(area))


def sources_table(store: FigureStore, source_ids) -> pd.DataFrame:
    """The sources behind a table: what each is, who published it, where this copy came from."""
    rows = []
    for source_id in sorted(set(source_ids)):
        source = store.catalogue.sources[source_id]
        origin = source.provenance
        where = f"{origin.get('repository', '')} {origin.get('folder', '')} @ {origin.get('commit', '')[:12]}".strip()
        rows.append({"Source": source_id, "What": source.title, "Publisher": source.publisher,
                     "File": f"data/sources/{source.file}", "Copied from": where})
    return pd.DataFrame(rows)
