"""What every section of the monthly pack works from: the store as known at the end of the month,
the month and the area, with what several sections share worked out once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from croydon_kpi.analysis.benchmarks import benchmark, comparator_areas
from croydon_kpi.analysis.targets import monthly_history, overview
from croydon_kpi.catalogue.papers import paper_catalogue
from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.core.areas import Area
from croydon_kpi.core.params import Month
from croydon_kpi.core.periods import title_for
from croydon_kpi.reports.formatting import figure_text
from croydon_kpi.store.figure_store import FigureStore


@dataclass
class PackContext:
    store: FigureStore  # as known at the end of the month
    month: Month
    area: Area

    @cached_property
    def papers(self) -> dict:
        return paper_catalogue()

    @cached_property
    def overview(self) -> pd.DataFrame:
        return overview(self.store, str(self.month), self.area.name)

    @property
    def has_local_figures(self) -> bool:
        """Whether any scorecard, paper or child-level list gives the area's figures for the month."""
        return not self.overview.empty

    @cached_property
    def missing_measures(self) -> pd.DataFrame:
        """The measures the area reported in any of the months before (MISSING_LOOKBACK_MONTHS) but
        not in this one: a blank cell this month would otherwise vanish from every section."""
        return missing_measures(self.store, self.month, self.area.name)

    @cached_property
    def comparators(self) -> tuple[str, ...]:
        """The area's own region and England (the report settings' roles), by name."""
        return comparator_areas(self.store, self.area.name, report_settings().comparators)

    def month_figures(self) -> pd.DataFrame:
        figures = self.store.figures
        return figures[
            (figures["area_name"] == self.area.name)
            & (figures["period_end"] >= pd.Timestamp(self.month.start))
            & (figures["period_end"] <= pd.Timestamp(self.month.end))
        ]

    def local_series(self, measure_id: str) -> pd.DataFrame:
        """The area's own monthly figures: computed from child-level lists where there are any, else reported."""
        return monthly_history(self.store, measure_id, self.area.name, pd.Timestamp(self.month.end))

    @cached_property
    def own_monthly_measures(self) -> set[str]:
        """The catalogue measures the area reported or computed for whole months up to the month
        (the charts' and the workbook's list: most areas have none)."""
        own = self.store.area_figures(self.area.name)
        local = own[
            own["status"].isin(["computed", "reported"])
            & (own["frequency"] == "month")
            & own["value"].notna()
            & (own["period_end"] <= pd.Timestamp(self.month.end))
        ]
        return {m for m in set(local["measure"]) if m in self.store.catalogue.measures}

    def benchmark(self, measure_id: str, year: int):
        return benchmark(self.store, measure_id, year, self.area.name, as_of=self.month.end)

    def title_of(self, measure_id: str) -> str:
        measures = self.store.catalogue.measures
        return measures[measure_id].title if measure_id in measures else "not matched to a measure"

    def text(self, measure_id: str, value, written: str | None = None) -> str:
        """A figure in its unit: to the measure's published decimals, but a whole number as councils
        write it (96%, not 96.0%), so one table never mixes "17.0%" and "96%"."""
        measure = self.store.catalogue.measure(measure_id)
        return figure_text(value, measure.unit, measure.decimals, written=written)


MISSING_LOOKBACK_MONTHS = 3  # a measure reported in any of the three months before is expected this month


def missing_measures(store: FigureStore, month: Month, area_name: str) -> pd.DataFrame:
    """measure, title, last_month (the latest month before with a figure) of each measure the area
    reported or computed in the three months before `month` but has no figure for in it."""
    figures = store.figures
    local = figures[
        (figures["area_name"] == area_name)
        & figures["status"].isin(["reported", "computed"])
        & (figures["measure"] != "unmapped")
    ]
    local = monthly(local)
    start = pd.Timestamp(month.start)
    # a figure suppressed this month is reported (its row says so), not missing
    this_month = (local["period_start"] == start) & (local["value"].notna() | local["symbol"].notna())
    now = set(local.loc[this_month, "measure"])
    local = local[local["value"].notna()]
    before = local[(local["period_start"] < start) & (local["period_start"] >= start - pd.DateOffset(months=3))]
    gone = before[~before["measure"].isin(now)].sort_values("period_start").drop_duplicates("measure", keep="last")
    titles = [title_for(store.catalogue.measure(m).title, "month") for m in gone["measure"]]
    return pd.DataFrame(
        {"measure": gone["measure"].tolist(), "title": titles, "last_month": gone["period_label"].tolist()}
    ).sort_values("title", ignore_index=True)


def monthly(series: pd.DataFrame) -> pd.DataFrame:
    """Only figures for a calendar month: a monthly series does not mix in "autumn 2019"."""
    return series[series["frequency"] == "month"]


def stored_figure_text(figure, measure) -> str:
    """A stored figure (a row of the store) as every report writes it, with any suppression symbol."""
    if figure is None:
        return "no figure"
    symbol = figure["symbol"] if isinstance(figure["symbol"], str) else None
    return figure_text(figure["value"], measure.unit, measure.decimals, symbol)
