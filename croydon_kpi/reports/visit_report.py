"""What the analysis of one Ofsted monitoring visit shows (the notebook only displays it)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pandas as pd

from croydon_kpi.analysis import visits
from croydon_kpi.analysis.benchmarks import benchmark
from croydon_kpi.reports.formatting import format_value
from croydon_kpi.store.figure_store import FigureStore, load_store

PAPERS_WINDOW_DAYS = 92   # committee papers within about three months of the visit


@dataclass
class VisitReport:
    store: FigureStore
    visit: visits.Visit

    @property
    def title(self) -> str:
        return f"Ofsted monitoring visit {self.visit.number}: {self.visit.dates_label}"

    def facts_table(self) -> pd.DataFrame:
        facts = self.visit.facts
        rows = [("Dates", self.visit.dates_label),
                ("Focus", facts.get("focus") or f"unknown: {facts.get('focus_note', 'no source gives it')}"),
                ("Focus areas (catalogue domains)", ", ".join(facts.get("focus_domains") or []) or "none known"),
                ("Findings (paraphrased from the sources)", facts.get("headline") or "unknown: no source gives them"),
                ("Letter published", f"{facts['letter_published']:%d %B %Y}" if facts.get("letter_published") else f"unknown: {facts.get('letter_note', 'no source gives it')}"),
                ("Sources", "; ".join(facts.get("sources") or []))]
        rows += [("Flag", flag) for flag in facts.get("flags") or []]
        return pd.DataFrame(rows, columns=["Fact", "What the sources say"])

    def unknowns(self) -> pd.DataFrame:
        return pd.DataFrame({"Not known": self.visit.unknown})

    def journey(self) -> pd.DataFrame:
        table = visits.journey()
        marker = f"Monitoring visit {self.visit.number} ("
        return pd.DataFrame({"Date": [f"{d:%d %b %Y}" for d in table["date"]],
                             "Event": table["event"],
                             "This visit": ["<- this visit" if e.startswith(marker) else "" for e in table["event"]],
                             "Outcome": table["outcome"]})

    def _span(self):
        start, end = visits._centre(self.visit.facts)
        return pd.Timestamp(start), pd.Timestamp(end)

    def focus_figures(self) -> pd.DataFrame:
        """The focus measures' figures in the year before and after the visit, local and published."""
        if not self.visit.measures:
            return pd.DataFrame()
        start, end = self._span()
        figures = self.store.figures
        near = figures[figures["measure"].isin(self.visit.measures) & (figures["area_name"] == self.visit.area)
                       & (figures["period_end"] >= start - timedelta(days=366)) & (figures["period_end"] <= end + timedelta(days=366))
                       & figures["value"].notna()].sort_values(["measure", "period_end"])
        when = ["before" if e < start else ("after" if e > end else "during") for e in near["period_end"]]
        return pd.DataFrame({"Measure": near["measure"], "Period": near["period_label"], "When": when,
                             "Value": [self._text(m, v) for m, v in zip(near["measure"], near["value"])],
                             "Kind": near["status"].map({"reported": "local (reported)", "published_statistic": "published",
                                                         "computed": "local (computed)", "derived": "derived"}),
                             "Source": near["source_id"] + ", " + near["locator"]})

    def benchmarks(self) -> pd.DataFrame:
        """Published focus measures against neighbours, London and England, as known at the visit."""
        start, end = self._span()
        known = self.store.known_at(end)
        rows = []
        for measure_id in self.visit.measures:
            measure = known.catalogue.measure(measure_id)
            if not measure.national_sources:
                continue
            series = known.series(measure_id, area=self.visit.area, status="published_statistic")
            if series.empty:
                continue
            found = benchmark(known, measure_id, series.iloc[-1]["period_end"].year, self.visit.area)
            sn = next((v for k, v in found.comparators.items() if k.startswith("Statistical neighbours (2021")), None)
            rows.append({"Measure": measure.title, "Period": found.period_label, self.visit.area: self._text(measure_id, found.value),
                         "Neighbours (2021 model)": self._text(measure_id, sn),
                         "London": self._text(measure_id, found.comparators.get("London")),
                         "England": self._text(measure_id, found.comparators.get("England")),
                         "Rank (1 = best)": f"{found.rank} of {found.ranked}" if found.rank else "not ranked"})
        return pd.DataFrame(rows)

    def since_previous_visit(self) -> pd.DataFrame:
        """For each focus measure: the latest figure known at the previous visit and at this one."""
        if self.visit.number == 1 or not self.visit.measures:
            return pd.DataFrame()
        previous = visits.visit(self.visit.number - 1, self.store)
        _, before_end = visits._centre(previous.facts)
        _, now_end = self._span()
        rows = []
        for measure_id in self.visit.measures:
            then = self._latest(measure_id, before_end)
            now = self._latest(measure_id, now_end)
            if then is None and now is None:
                continue
            change = (now["value"] - then["value"]) if then is not None and now is not None and now["period_end"] != then["period_end"] else None
            rows.append({"Measure": self.store.catalogue.measure(measure_id).title,
                         f"Known at visit {previous.number}": self._figure_words(then),
                         f"Known at visit {self.visit.number}": self._figure_words(now),
                         "Change": "no newer figure" if change is None else f"{change:+g}"})
        return pd.DataFrame(rows)

    def papers_near(self) -> pd.DataFrame:
        start, end = self._span()
        window = timedelta(days=PAPERS_WINDOW_DAYS)
        figures = self.store.figures
        papers = figures[(figures["status"] == "reported") & figures["source_id"].str.contains("cabinet|scrutiny", na=False)
                         & (figures["available_from"] >= start - window) & (figures["available_from"] <= end + window)]
        return pd.DataFrame({"Paper": papers["source_id"], "Where": papers["locator"], "Figure": papers["as_written"].fillna("(no value)"),
                             "Measure": papers["measure"], "What it says": papers["quote"]}).drop_duplicates()

    def _latest(self, measure_id, day):
        series = self.store.known_at(day).series(measure_id, area=self.visit.area)
        series = series[series["value"].notna()]
        return series.iloc[-1] if len(series) else None

    def _figure_words(self, figure) -> str:
        if figure is None:
            return "no figure"
        return f"{self._text(figure['measure'], figure['value'])} ({figure['period_label']}, {figure['source_id']})"

    def _text(self, measure_id, value) -> str:
        measure = self.store.catalogue.measure(measure_id)
        return format_value(None if value is None or pd.isna(value) else float(value), measure.unit, measure.decimals)


def prepare(visit: int, store: FigureStore | None = None) -> VisitReport:
    store = store or load_store()
    return VisitReport(store, visits.visit(int(visit), store))
