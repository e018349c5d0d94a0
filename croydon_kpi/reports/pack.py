"""What the monthly pack shows, computed from the store as it stood at the end of the month (the
notebook only displays it)."""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from croydon_kpi.core import schema

from croydon_kpi.analysis import spc, visits
from croydon_kpi.core.areas import Area
from croydon_kpi.analysis.benchmarks import benchmark
from croydon_kpi.reports.charts import spc_chart
from croydon_kpi.analysis.finance import finance_table
from croydon_kpi.reports.formatting import format_value
from croydon_kpi.analysis.money import real_terms
from croydon_kpi.core.params import Month, parse_month
from croydon_kpi.core.periods import PUBLICATION_LAG_MONTHS
from croydon_kpi.store.figure_store import FigureStore, load_store
from croydon_kpi.analysis.targets import GROUP_WORDS, GROUPS, overview
from croydon_kpi.analysis.trend import direction_of_travel

COMPARATORS = ("London", "England")
SPC_MIN_POINTS = spc.MIN_POINTS_FOR_LIMITS
COMPARABLE_UNITS = ("percent", "rate_per_10k", "ratio")
WORKFORCE_MEASURES = ("social_workers_agency_percent", "social_workers_vacancy_percent", "social_workers_turnover_percent",
                      "social_worker_average_caseload", "social_workers_in_post_fte", "social_workers_absence_percent")


@dataclass
class MonthlyPack:
    store: FigureStore   # as known at the end of the month
    month: Month
    area: Area

    @property
    def title(self) -> str:
        return f"{self.area.name}: children's services performance pack, {self.month.label}"

    @property
    def assumptions(self) -> str:
        lags = ", ".join(f"{k.replace('_', ' ')} {v} months" for k, v in PUBLICATION_LAG_MONTHS.items())
        return ("Only figures that existed by the end of the month are shown. Publication dates of DfE and ONS "
                f"statistics are not in the bundled data; they are taken as the period's end plus the usual release lag ({lags}).")

    # --- headline groups ---------------------------------------------------------------------

    def overview(self) -> pd.DataFrame:
        return overview(self.store, str(self.month), self.area.name)

    def groups_table(self) -> pd.DataFrame:
        """The three groups, computed, with the group a paper reported beside them; differences marked."""
        table = self.overview()
        if table.empty:
            return table
        titles = table["title"]
        return pd.DataFrame({
            "Computed group": table["computed_group"].map(GROUP_WORDS),
            "Measure": titles,
            "Value": [self._text(r.measure, r.value) for r in table.itertuples()],
            "Position against target": table["position"].map(_POSITION_WORDS),
            "Trend": table["trend"],
            "Reported group": table["reported_group"].map(GROUP_WORDS).fillna("not reported"),
            "Agrees": table["agrees"].map({True: "yes", False: "DIFFERS"}).fillna("-"),
        })

    def group_counts(self) -> pd.DataFrame:
        table = self.overview()
        if table.empty:
            return table
        computed = table["computed_group"].value_counts()
        reported = table["reported_group"].value_counts()
        return pd.DataFrame({"Group": [GROUP_WORDS[g] for g in GROUPS],
                             "Computed": [int(computed.get(g, 0)) for g in GROUPS],
                             "Reported by the paper": [int(reported.get(g, 0)) for g in GROUPS]})

    # --- the KPI table ---------------------------------------------------------------------------

    def kpi_table(self) -> pd.DataFrame:
        rows = [self._kpi_row(row) for row in self.overview().itertuples()]
        return pd.DataFrame(rows)

    def _kpi_row(self, row) -> dict:
        measure = self.store.catalogue.measure(row.measure)
        local = _monthly(self._local_series(row.measure))
        travel = direction_of_travel(local, measure.unit, measure.polarity, measure.decimals)
        previous = travel.changes[0] if travel.changes else None
        return {
            "Measure": measure.title,
            "Value": self._text(row.measure, row.value),
            "Target": format_value(row.target, measure.unit, measure.decimals) if row.target is not None else "no target stated",
            "RAG": row.rag or "no target",
            "Change": (f"{previous.change:+g} {previous.unit_words}".strip() + f" on {previous.from_label}")
                      if previous and previous.change is not None else (previous.note if previous else "no earlier figure"),
            "Trend": " ".join(travel.sentences),
            "SPC": self._spc_words(local, measure),
            "Published comparison": self._comparison_words(row.measure),
        }

    def _local_series(self, measure_id: str) -> pd.DataFrame:
        """The area's own monthly figures: computed from child-level lists where there are any, else reported."""
        computed = self.store.series(measure_id, area=self.area.name, status="computed")
        return computed if len(computed) else self.store.series(measure_id, area=self.area.name, status="reported")

    def _spc_words(self, series: pd.DataFrame, measure) -> str:
        values = series["value"].dropna()
        if len(values) < SPC_MIN_POINTS:
            return f"not enough points for SPC ({len(values)} of {SPC_MIN_POINTS} monthly figures)"
        improvement = {"higher_is_better": "increase", "lower_is_better": "decrease"}.get(measure.polarity, "neutral")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", spc.TrialLimitsWarning)
            result = spc.xmr(values.tolist(), improvement=improvement)
        return f"{result.variation_icon.replace('_', ' ')}; assurance {result.assurance or 'none (no target)'}"

    def _comparison_words(self, measure_id: str) -> str:
        measure = self.store.catalogue.measure(measure_id)
        if not measure.national_sources:
            return "no published comparator"
        published = self.store.series(measure_id, area=self.area.name, status="published_statistic")
        if published.empty:
            return "no published figure yet"
        year = published.iloc[-1]["period_end"].year
        found = benchmark(self.store, measure_id, year, self.area.name)
        parts = [f"{self.area.name} {self._text(measure_id, found.value)} ({found.period_label})"]
        for name, value in found.comparators.items():
            if name.startswith("Statistical neighbours (2025") or name in COMPARATORS:
                parts.append(f"{name.split(' (')[0] if name.startswith('Statistical') else name} {self._text(measure_id, value)}")
        return "; ".join(parts)

    # --- charts ------------------------------------------------------------------------------------

    def domain_charts(self) -> list[tuple[str, go.Figure]]:
        """Per domain, its published measure with the longest series: the area against London and
        England, with SPC limits where the series has enough points."""
        charts = []
        for domain in schema.DOMAINS:
            if domain in ("finance", "population"):
                continue
            best = self._headline_measure(domain)
            if best:
                charts.append((f"{schema.DOMAIN_LABELS[domain]}: {best[0].title}", self._chart(*best)))
        return charts

    def _headline_measure(self, domain: str):
        candidates = []
        for measure in self.store.catalogue.measures.values():
            computed = _monthly(self.store.series(measure.id, area=self.area.name, status="computed")) if measure.domain == domain else []
            if len(computed) >= SPC_MIN_POINTS:  # a computed monthly series gets SPC limits
                candidates.append((True, len(computed) + 1000, measure.id, measure, computed[computed["value"].notna()]))
            if measure.domain == domain and measure.national_sources:
                series = self.store.series(measure.id, area=self.area.name, status="published_statistic")
                series = series[series["value"].notna()]
                if len(series) >= 2:
                    # Rates and percentages compare with London and England; counts do not.
                    comparable = measure.unit in COMPARABLE_UNITS
                    candidates.append((comparable, len(series), measure.id, measure, series))
        if not candidates:
            return None
        *_, measure, series = max(candidates, key=lambda c: (c[0], c[1], c[2]))
        return measure, series

    def _chart(self, measure, series: pd.DataFrame) -> go.Figure:
        labels = series["period_label"].tolist()
        if len(series) >= SPC_MIN_POINTS:
            improvement = {"higher_is_better": "increase", "lower_is_better": "decrease"}.get(measure.polarity, "neutral")
            figure = spc_chart(spc.xmr(series["value"].tolist(), improvement=improvement), measure.title, x=labels)
        else:
            figure = go.Figure()
            figure.add_trace(go.Scatter(x=labels, y=series["value"], mode="lines+markers", name=self.area.name,
                                        marker={"symbol": "circle", "size": 8}, line={"color": "#005EB8", "width": 3}))
            figure.update_layout(title={"text": f"{measure.title}<br><sup>Too few points for SPC limits "
                                                f"({len(series)} of {SPC_MIN_POINTS})</sup>"},
                                 template="simple_white", height=380, legend={"orientation": "h", "y": -0.25})
        for name, symbol, dash in (("London", "square", "dash"), ("England", "diamond", "dot")):
            other = self.store.series(measure.id, area=name, status="published_statistic")
            other = other[other["period_label"].isin(labels)]
            figure.add_trace(go.Scatter(x=other["period_label"], y=other["value"], mode="lines+markers", name=name,
                                        marker={"symbol": symbol, "size": 7}, line={"dash": dash, "color": "#425563"}))
        figure.update_layout(yaxis_title=measure.unit.replace("_", " "))
        return figure

    # --- other sections ------------------------------------------------------------------------------

    def workforce_table(self) -> pd.DataFrame:
        rows = []
        for measure_id in WORKFORCE_MEASURES:
            measure = self.store.catalogue.measure(measure_id)
            series = self.store.series(measure_id, area=self.area.name, status="published_statistic")
            if series.empty:
                continue
            year = series.iloc[-1]["period_end"].year
            found = benchmark(self.store, measure_id, year, self.area.name)
            rows.append({"Measure": measure.title, "Period": found.period_label, self.area.name: self._text(measure_id, found.value),
                         "London": self._text(measure_id, found.comparators.get("London")),
                         "England": self._text(measure_id, found.comparators.get("England")),
                         "Rank (1 = best)": f"{found.rank} of {found.ranked}" if found.rank else "not ranked",
                         "Quartile": found.quartile or "-"})
        return pd.DataFrame(rows)

    def workforce_notes(self) -> pd.DataFrame:
        figures = self._month_figures()
        notes = figures[(figures["measure"].isin(WORKFORCE_MEASURES)) & schema.has_flag(figures["flags"], "caveat")]
        return pd.DataFrame({"Figure": notes["as_written"], "Source": notes["source_id"], "Caveat": notes["note"]})

    def finance_position(self) -> pd.DataFrame:
        table = finance_table(self.store)
        real = []
        for row in table.itertuples():
            year = row.period_label if len(str(row.period_label)) == 7 else None
            try:
                real.append(f"£{real_terms(row.pounds, year).pounds / 1_000_000:,.2f}m" if year else "year not stated")
            except ValueError as error:
                real.append(str(error))
        return pd.DataFrame({"As written": table["as_written"].fillna("(derived)"), "Pounds": [f"£{p:,}" for p in table["pounds"]],
                             "Kind of money": table["money"], "Year": table["period_label"], "In 2024-25 prices": real,
                             "Status": table["status"], "Source": table["source_id"] + ", " + table["locator"]})

    def conflicts_table(self) -> pd.DataFrame:
        found = self.store.conflicts()
        found = found[found["area_name"] == self.area.name]
        return pd.DataFrame({"Measure": found["measure"], "Reason": found["reason"],
                             "One source": found["as_written_a"].fillna(found["value_a"].astype(str)) + " (" + found["period_label_a"] + ", " + found["source_id_a"] + ")",
                             "Other source": found["as_written_b"].fillna(found["value_b"].astype(str)) + " (" + found["period_label_b"] + ", " + found["source_id_b"] + ")"})

    def caveats_table(self) -> pd.DataFrame:
        figures = self._month_figures()
        caveats = figures[schema.has_flag(figures["flags"], "caveat", "ambiguous_pp_or_relative")]
        return pd.DataFrame({"Measure": caveats["measure"], "Figure": caveats["as_written"], "Note": caveats["note"],
                             "Where": caveats["source_id"] + ", " + caveats["locator"]})

    def missing_table(self) -> pd.DataFrame:
        rows = []
        for row in self.overview().itertuples():
            if row.value is None or pd.isna(row.value):
                rows.append({"Measure": row.title, "Missing": "the paper judges it but states no value"})
        rejections = self.store.rejections
        for rejection in rejections.itertuples():
            rows.append({"Measure": f"{rejection.file}, row {rejection.row}", "Missing": f"rejected: {rejection.reason}"})
        return pd.DataFrame(rows)

    def timeline(self) -> pd.DataFrame:
        journey = visits.journey(up_to=self.month.end)
        return pd.DataFrame({"Date": [f"{d:%d %b %Y}" for d in journey["date"]], "Event": journey["event"], "Outcome": journey["outcome"]})

    # --- the published figures table (kept from the first pack) -----------------------------------

    def latest_published_table(self) -> pd.DataFrame:
        rows = [self._latest_row(measure) for measure in self._published_measures()]
        table = pd.DataFrame(rows)
        out = pd.DataFrame({"Domain": table["domain"].map(schema.DOMAIN_LABELS), "Measure": table["title"],
                            "Period": table["period_label"].fillna("no figure known by this month"),
                            self.area.name: table["own_text"]})
        for comparator in COMPARATORS:
            out[comparator] = table[f"{comparator}_text"]
        out["Source (file, place)"] = table["provenance"]
        return out

    def sources(self) -> pd.DataFrame:
        used = set(self.store.figures.loc[self.store.figures["area_name"] == self.area.name, "source_id"]) - {"derived"}
        return sources_table(self.store, used)

    def write_workbook(self, path) -> None:
        """The KPI workbook beside the report; nothing when no path is given (an analyst's run)."""
        if path:
            self.kpi_workbook(path)

    def kpi_workbook(self, path) -> None:
        from croydon_kpi.reports.present import write_workbook

        write_workbook({"KPI table": self.kpi_table(), "Groups": self.groups_table(),
                        "Published figures": self.latest_published_table()}, path)

    # --- helpers ------------------------------------------------------------------------------------------

    def _published_measures(self):
        measures = [m for m in self.store.catalogue.measures.values() if m.national_sources]
        return sorted(measures, key=lambda m: (m.domain, m.title))

    def _latest_row(self, measure) -> dict:
        own = self.store.series(measure.id, area=self.area.name, status="published_statistic")
        row = {"domain": measure.domain, "title": measure.title}
        latest = own.iloc[-1] if len(own) else None
        row["period_label"] = latest["period_label"] if latest is not None else None
        row["own_text"] = _text(latest, measure)
        row["provenance"] = f"{latest['source_id']}, {latest['locator']}" if latest is not None else "no figure"
        for comparator in COMPARATORS:
            row[f"{comparator}_text"] = _text(self._same_period(measure.id, comparator, latest), measure)
        return row

    def _same_period(self, measure_id: str, area: str, latest) -> pd.Series | None:
        if latest is None:
            return None
        series = self.store.series(measure_id, area=area, status="published_statistic")
        match = series[(series["period_start"] == latest["period_start"]) & (series["period_end"] == latest["period_end"])]
        return match.iloc[0] if len(match) else None

    def _month_figures(self) -> pd.DataFrame:
        figures = self.store.figures
        return figures[(figures["area_name"] == self.area.name) & (figures["period_end"] >= pd.Timestamp(self.month.start))
                       & (figures["period_end"] <= pd.Timestamp(self.month.end))]

    def _text(self, measure_id: str, value) -> str:
        measure = self.store.catalogue.measure(measure_id)
        return format_value(None if value is None or pd.isna(value) else float(value), measure.unit, measure.decimals)


def _monthly(series: pd.DataFrame) -> pd.DataFrame:
    """Only figures for a whole calendar month: a monthly series does not mix in "autumn 2019"."""
    whole_month = (series["period_start"].dt.day == 1) & (series["period_start"] + pd.offsets.MonthEnd(0) == series["period_end"])
    return series[whole_month]


_POSITION_WORDS = {"meeting": "meeting target (as stated)", "short": "short of target (as stated)", "amber": "just short (as stated)",
                   "mixed": "mixed (as stated)", "unknown": "unknown: no target stated"}


def _text(figure, measure) -> str:
    if figure is None:
        return "no figure"
    symbol = figure["symbol"] if isinstance(figure["symbol"], str) else None
    return format_value(figure["value"], measure.unit, measure.decimals, symbol)


def prepare(month: str, area: str, store: FigureStore | None = None) -> MonthlyPack:
    """Validate the parameters and load the store as known at the month's end."""
    store = store or load_store()
    checked = parse_month(month)
    return MonthlyPack(store=store.known_at(checked.end), month=checked, area=store.area(area))


def sources_table(store: FigureStore, source_ids) -> pd.DataFrame:
    """The sources behind a table: what each is, who published it, where this copy came from."""
    rows = []
    for source_id in sorted(set(source_ids)):
        source = store.catalogue.sources[source_id]
        origin = source.provenance
        where = f"{origin.get('repository', '')} {origin.get('folder', '')} @ {origin.get('commit', '')[:12]}".strip(" @")
        rows.append({"Source": source_id, "What": source.title, "Publisher": source.publisher,
                     "File": f"data/sources/{source.file}", "Copied from": where or origin.get("note", "")})
    return pd.DataFrame(rows)
