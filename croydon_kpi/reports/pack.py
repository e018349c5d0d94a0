"""What the monthly pack shows, computed from the store as it stood at the end of the month (the
notebook only displays it).

The pack opens with a short summary written from the data: what the council reported in its
three groups, what the computed check says beside it (and why they differ), what changed on the
month, the biggest risks and what is missing. Every section is about the pack's own area; where
the area has no such data, the section says so in one line.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from croydon_kpi.analysis import spc, visits
from croydon_kpi.analysis.benchmarks import benchmark
from croydon_kpi.analysis.finance import finance_table
from croydon_kpi.analysis.money import is_one_financial_year, real_terms
from croydon_kpi.analysis.targets import GROUP_WORDS, GROUPS, local_figures, overview
from croydon_kpi.analysis.trend import direction_of_travel
from croydon_kpi.catalogue.neighbours import model_for
from croydon_kpi.core import schema
from croydon_kpi.core.areas import Area
from croydon_kpi.core.params import Month, parse_month
from croydon_kpi.core.periods import PUBLICATION_LAG_MONTHS
from croydon_kpi.errors import ParameterError, UnknownArea
from croydon_kpi.readers.papers import paper_catalogue
from croydon_kpi.reports.charts import spc_chart, style_chart
from croydon_kpi.reports.formatting import (
    COMPARABLE_UNITS,
    MONEY_NATURE_WORDS,
    format_money,
    format_value,
    source_label,
)
from croydon_kpi.reports.registry import Plan, slug
from croydon_kpi.store.figure_store import FigureStore, load_store

COMPARATORS = ("London", "England")
SPC_MIN_POINTS = spc.MIN_POINTS_FOR_LIMITS
WORKFORCE_MEASURES = (
    "social_workers_agency_percent",
    "social_workers_vacancy_percent",
    "social_workers_turnover_percent",
    "social_worker_average_caseload",
    "social_workers_in_post_fte",
    "social_workers_absence_percent",
)
KIND_WORDS = {
    "reported": "reported by the council",
    "computed": "computed from child-level lists",
    "derived": "derived",
}


@dataclass
class MonthlyPack:
    store: FigureStore  # as known at the end of the month
    month: Month
    area: Area

    @property
    def title(self) -> str:
        return pack_title(self.area.name, self.month)

    @property
    def assumptions(self) -> str:
        lags = ", ".join(f"{k.replace('_', ' ')} {v} months" for k, v in PUBLICATION_LAG_MONTHS.items())
        return (
            "Only figures that existed by the end of the month are shown. Publication dates of DfE and ONS "
            f"statistics are not in the bundled data; they are taken as the period's end plus the usual release lag ({lags}). "
            "A committee paper's figures are known from the paper's date, or from the Board meeting its overview was first reported to."
        )

    @cached_property
    def _papers(self) -> dict:
        return paper_catalogue()

    @cached_property
    def _overview(self) -> pd.DataFrame:
        return overview(self.store, str(self.month), self.area.name)

    def overview(self) -> pd.DataFrame:
        return self._overview

    @property
    def has_local_figures(self) -> bool:
        """Whether any scorecard, paper or child-level list gives the area's figures for the month."""
        return not self._overview.empty

    @property
    def neighbour_model(self):
        return model_for(self.month.end)

    # --- the message first -------------------------------------------------------------------

    def summary(self) -> str:
        if not self.has_local_figures:
            return (
                f"**No local figures for {self.month.label}.** No scorecard, committee paper or child-level list in the data "
                f"gives {self.area.name}'s figures for this month, so there is no overview, no RAG and no change on the month. "
                "The published statistics further down are the latest known by the month's end."
            )
        lines = [
            self._synthetic_words(),
            self._reported_words(),
            self._check_words(),
            self._change_words(),
            self._risk_words(),
            self._gap_words(),
        ]
        return "\n".join(f"- {line}" for line in lines if line)

    def _synthetic_words(self) -> str:
        figures = self._month_figures()
        local = figures[figures["status"].isin(["reported", "computed"])]
        if len(local) and schema.has_flag(local["flags"], "synthetic").all():
            return "**Synthetic data:** every local figure here is computed from made-up child-level lists; no real child is in them."
        return ""

    def _reported_words(self) -> str:
        table = self._overview
        reported = table["reported_group"].value_counts()
        if reported.empty:
            return f"**What the council reported:** no paper grouped {self.area.name}'s measures for this month."
        counts = ", ".join(f"{int(reported.get(g, 0))} {GROUP_WORDS[g].lower()}" for g in GROUPS)
        papers = sorted(
            {
                source_label(self.store.catalogue, s, None, self._papers, short=True)
                for s in table.loc[table["reported_group"].notna(), "sources"].str.split(", ").explode()
                if s in self._papers
            }
        )
        return f"**What the council reported:** {counts}. This is the council's own grouping, as set out in: {'; '.join(papers)}."

    def _check_words(self) -> str:
        table = self._overview
        judged = table[table["reported_group"].notna()]
        if judged.empty:
            return ""
        differ = judged[~judged["agrees"].astype(bool)]
        if differ.empty:
            return f"**Check:** the computed rule agrees with the council on all {len(judged)} measures."
        no_basis = differ[(differ["position"] == "unknown") & (differ["trend"] == "unknown")]
        reasons = []
        if len(no_basis):
            reasons.append(
                f"for {len(no_basis)} no source states a target and no earlier figure of the same kind is known, so the rule "
                "can only call them ones to watch"
            )
        other = len(differ) - len(no_basis)
        if other:
            reasons.append(f"for {other} the stated position or direction points elsewhere")
        return (
            f"**Check:** a rule applied to the same figures (position against a stated target, then direction of travel) "
            f"differs from the council on {len(differ)} of {len(judged)} measures: {'; '.join(reasons)}. "
            "The council's grouping is the reported one; the check shows where its judgement rests on more than the figures give."
        )

    def _change_words(self) -> str:
        rows = [(r, self._local_series(r.measure)) for r in self._overview.itertuples()]
        months = max((len(_monthly(series)) for _, series in rows), default=0)
        if months <= 1:
            return "**Since last month:** one month of local figures only: no change on the month or trend can be judged yet."
        moves = []
        for row, series in rows:
            monthly = _monthly(series)
            if len(monthly) >= 2 and monthly.iloc[-1]["period_end"].month == self.month.month:
                measure = self.store.catalogue.measure(row.measure)
                travel = direction_of_travel(monthly, measure.unit, measure.polarity, measure.decimals)
                if travel.sentences:
                    sentence = travel.sentences[0].rstrip(".")
                    moves.append(f"{measure.title}: {sentence[0].lower()}{sentence[1:]}")
        shown = "; ".join(moves[:4]) if moves else "no measure has a figure for the month before"
        return f"**Since last month:** {shown}."

    def _risk_words(self) -> str:
        table = self._overview
        worst = table[table["reported_group"] == "do_better"]
        if worst.empty:
            worst = table[table["computed_group"] == "do_better"]
        if worst.empty:
            return "**Biggest risks:** no measure is in things to do better."
        named = [
            f"{r.title} ({self._text(r.measure, r.value)})" if pd.notna(r.value) else r.title
            for r in worst.itertuples()
        ]
        return f"**Biggest risks (things to do better):** {'; '.join(named[:5])}" + (
            "; and more below." if len(named) > 5 else "."
        )

    def _gap_words(self) -> str:
        table = self._overview
        no_value = int(table["value"].isna().sum())
        conflicts = len(self.conflicts_table())
        rejected = len(self.store.rejections)
        parts = []
        if no_value:
            parts.append(f"{no_value} measure(s) are judged by the paper without a value")
        if conflicts:
            parts.append(f"{conflicts} figure(s) disagree between sources (Data quality)")
        if rejected:
            parts.append(f"{rejected} scorecard row(s) were rejected")
        no_target = int(table["target"].isna().sum())
        if no_target == len(table):
            parts.append("no source states a target for any measure, so there is no RAG")
        return f"**Missing or unreliable:** {'; '.join(parts)}." if parts else ""

    # --- the three groups ----------------------------------------------------------------------

    def groups_table(self) -> pd.DataFrame:
        """Each measure in the council's reported group, with the computed check beside it."""
        table = self._overview
        if table.empty:
            return table
        return pd.DataFrame(
            {
                "Reported group": table["reported_group"].map(GROUP_WORDS).fillna("not grouped by the council"),
                "Measure": table["title"],
                "Value": [self._text(r.measure, r.value) for r in table.itertuples()],
                "Computed check": table["computed_group"].map(GROUP_WORDS),
                "Check agrees": table["agrees"].map({True: "yes", False: "no"}).fillna("no reported group"),
                "Why the check says so": [self._why(r) for r in table.itertuples()],
            }
        ).sort_values(
            ["Reported group", "Measure"], key=lambda s: s.map(_group_order) if s.name == "Reported group" else s
        )

    def _why(self, row) -> str:
        position = _POSITION_WORDS.get(row.position, row.position)
        trend = {"unknown": "no earlier figure or stated direction"}.get(row.trend, row.trend)
        return f"{position}; {trend}"

    def group_counts(self) -> pd.DataFrame:
        table = self._overview
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

    # --- the KPI table ---------------------------------------------------------------------------

    def kpi_table(self) -> pd.DataFrame:
        rows = [self._kpi_row(row) for row in self._overview.itertuples()]
        return pd.DataFrame(rows)

    def _kpi_row(self, row) -> dict:
        measure = self.store.catalogue.measure(row.measure)
        local = _monthly(self._local_series(row.measure))
        travel = direction_of_travel(local, measure.unit, measure.polarity, measure.decimals)
        previous = travel.changes[0] if travel.changes else None
        change = travel.sentences[0] if previous and previous.change is not None else "no earlier monthly figure"
        return {
            "Measure": measure.title,
            "Value": self._text(row.measure, row.value),
            "Target": format_value(row.target, measure.unit, measure.decimals)
            if row.target is not None
            else "no target stated",
            "RAG": row.rag or "no target",
            "Change on the month": change,
            "SPC": self._spc_words(local, measure),
            "Published comparison": self._comparison_words(row.measure),
            "Source": "; ".join(
                source_label(self.store.catalogue, s, None, self._papers, short=True) for s in row.sources.split(", ")
            ),
        }

    def _local_series(self, measure_id: str) -> pd.DataFrame:
        """The area's own monthly figures: computed from child-level lists where there are any, else reported."""
        computed = self.store.series(measure_id, area=self.area.name, status="computed")
        return computed if len(computed) else self.store.series(measure_id, area=self.area.name, status="reported")

    def _spc_words(self, series: pd.DataFrame, measure) -> str:
        values = series["value"].dropna()
        if len(values) < SPC_MIN_POINTS:
            return f"fewer than {SPC_MIN_POINTS} monthly figures: no SPC"
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
        found = self._benchmark(measure_id, published.iloc[-1]["period_end"].year)
        parts = [f"{self.area.name} {self._text(measure_id, found.value)} ({found.period_label})"]
        if measure.unit in COMPARABLE_UNITS:
            parts.append(
                f"statistical neighbours {self._text(measure_id, found.comparators.get('Statistical neighbours'))}"
            )
            parts += [f"{name} {self._text(measure_id, found.comparators.get(name))}" for name in COMPARATORS]
        return "; ".join(parts)

    def _benchmark(self, measure_id: str, year: int):
        return benchmark(self.store, measure_id, year, self.area.name, as_of=self.month.end)

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
            computed = (
                _monthly(self.store.series(measure.id, area=self.area.name, status="computed"))
                if measure.domain == domain
                else []
            )
            if len(computed) >= SPC_MIN_POINTS:  # a computed monthly series gets SPC limits
                candidates.append(
                    (True, len(computed) + 1000, measure.id, measure, computed[computed["value"].notna()])
                )
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
            improvement = {"higher_is_better": "increase", "lower_is_better": "decrease"}.get(
                measure.polarity, "neutral"
            )
            figure = spc_chart(spc.xmr(series["value"].tolist(), improvement=improvement), measure.title, x=labels)
        else:
            figure = go.Figure()
            figure.add_trace(
                go.Scatter(
                    x=labels,
                    y=series["value"],
                    mode="lines+markers",
                    name=self.area.name,
                    marker={"symbol": "circle", "size": 8},
                    line={"color": "#005EB8", "width": 3},
                )
            )
            figure.update_layout(
                title={
                    "text": f"{measure.title}<br><sup>Too few points for SPC limits "
                    f"({len(series)} of {SPC_MIN_POINTS})</sup>"
                },
                template="simple_white",
                height=400,
                legend={"orientation": "h", "y": -0.3},
            )
        if measure.unit in COMPARABLE_UNITS:
            for name, symbol, dash in (("London", "square", "dash"), ("England", "diamond", "dot")):
                other = self.store.series(measure.id, area=name, status="published_statistic")
                other = other[other["period_label"].isin(labels)]
                figure.add_trace(
                    go.Scatter(
                        x=other["period_label"],
                        y=other["value"],
                        mode="lines+markers",
                        name=name,
                        marker={"symbol": symbol, "size": 7},
                        line={"dash": dash, "color": "#425563"},
                    )
                )
        sources = sorted({source_label(self.store.catalogue, s, None, self._papers) for s in series["source_id"]})
        events = visits.journey(self.area.name, up_to=self.month.end)
        return style_chart(
            figure,
            unit=measure.unit,
            source="; ".join(sources),
            x_labels=labels,
            events=events,
            periods=series[["period_label", "period_start", "period_end"]],
        )

    # --- other sections ------------------------------------------------------------------------------

    def workforce_numbers(self) -> pd.DataFrame:
        """The published workforce measures against neighbours, London and England, as numbers
        (comparators only for rates and percentages: a count is not compared with a total)."""
        rows = []
        for measure_id in WORKFORCE_MEASURES:
            measure = self.store.catalogue.measure(measure_id)
            series = self.store.series(measure_id, area=self.area.name, status="published_statistic")
            if series.empty:
                continue
            found = self._benchmark(measure_id, series.iloc[-1]["period_end"].year)
            comparable = measure.unit in COMPARABLE_UNITS
            compare = lambda name, found=found, comparable=comparable: (
                found.comparators.get(name) if comparable else None
            )
            rows.append(
                {
                    "Measure": measure.title,
                    "Measure id": measure_id,
                    "Unit": measure.unit,
                    "Period": found.period_label,
                    "Value": found.value,
                    "Statistical neighbours": compare("Statistical neighbours"),
                    "London": compare("London"),
                    "England": compare("England"),
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
                "London",
                "England",
                "Rank",
                "Of",
                "Quartile (A = best)",
            ],
        )

    def workforce_table(self) -> pd.DataFrame:
        numbers = self.workforce_numbers()
        text = lambda column: [
            self._text(m, v) if pd.notna(v) else "-" for m, v in zip(numbers["Measure id"], numbers[column])
        ]
        return pd.DataFrame(
            {
                "Measure": numbers["Measure"],
                "Period": numbers["Period"],
                self.area.name: text("Value"),
                "Statistical neighbours": text("Statistical neighbours"),
                "London": text("London"),
                "England": text("England"),
                "Rank (1 = best)": [
                    f"{int(r)} of {int(o)}" if pd.notna(r) else "not ranked (no better direction)"
                    for r, o in zip(numbers["Rank"], numbers["Of"])
                ],
                "Quartile (A = best)": numbers["Quartile (A = best)"].fillna("-"),
            }
        )

    def workforce_notes(self) -> pd.DataFrame:
        figures = self._month_figures()
        notes = figures[(figures["measure"].isin(WORKFORCE_MEASURES)) & schema.has_flag(figures["flags"], "caveat")]
        return pd.DataFrame(
            {
                "Figure": notes["as_written"],
                "Caveat": notes["note"],
                "Source": [
                    source_label(self.store.catalogue, s, loc, self._papers)
                    for s, loc in zip(notes["source_id"], notes["locator"])
                ],
            }
        )

    def finance_position(self) -> pd.DataFrame:
        """The area's money figures known by the month's end, as the source describes them."""
        table = finance_table(self.store, self.area.name)
        rows = []
        for row in table.itertuples():
            single_year = is_one_financial_year(row.period_label)
            try:
                real = (
                    format_money(real_terms(row.pounds, row.period_label).pounds, approximate=True)
                    if single_year
                    else "-"
                )
            except ValueError:
                real = "outside the deflator table"
            rows.append(
                {
                    "Money": row.as_written if isinstance(row.as_written, str) else format_money(row.pounds),
                    "What": self.store.catalogue.measure(row.measure).title
                    if row.measure in self.store.catalogue.measures
                    else row.measure,
                    "Recurring or one-off": MONEY_NATURE_WORDS.get(row.money, "not stated by the source"),
                    "Year": row.period_label,
                    "In 2024-25 prices": real,
                    "Known from": f"{row.available_from.day} {row.available_from:%B %Y}",
                    "Source": source_label(self.store.catalogue, row.source_id, row.locator, self._papers),
                }
            )
        return pd.DataFrame(rows)

    def conflicts_table(self) -> pd.DataFrame:
        found = self.store.conflicts(area_name=self.area.name)
        catalogue = self.store.catalogue
        side = lambda r, s: (
            f"{getattr(r, 'as_written_' + s) or self._text(r.measure, getattr(r, 'value_' + s))} "
            f"({getattr(r, 'period_label_' + s)}; {source_label(catalogue, getattr(r, 'source_id_' + s), getattr(r, 'locator_' + s), self._papers)})"
        )
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

    def caveats_table(self) -> pd.DataFrame:
        figures = self._month_figures()
        caveats = figures[schema.has_flag(figures["flags"], "caveat", "ambiguous_pp_or_relative")]
        return pd.DataFrame(
            {
                "Measure": [self._title(m) for m in caveats["measure"]],
                "Figure": caveats["as_written"],
                "Note": caveats["note"],
                "Source": [
                    source_label(self.store.catalogue, s, loc, self._papers)
                    for s, loc in zip(caveats["source_id"], caveats["locator"])
                ],
            }
        )

    def missing_table(self) -> pd.DataFrame:
        rows = []
        if not self.has_local_figures:
            rows.append(
                {
                    "What": f"Local figures for {self.month.label}",
                    "Why": "no scorecard, paper or child-level list gives them",
                }
            )
        for row in self._overview.itertuples():
            if row.value is None or pd.isna(row.value):
                rows.append({"What": row.title, "Why": "the paper judges it but states no value"})
        for rejection in self.store.rejections.itertuples():
            rows.append({"What": f"{rejection.file}, row {rejection.row}", "Why": f"rejected: {rejection.reason}"})
        return pd.DataFrame(rows, columns=["What", "Why"])

    def timeline(self) -> pd.DataFrame:
        journey = visits.journey(self.area.name, up_to=self.month.end)
        return pd.DataFrame({"When": journey["when"], "Event": journey["event"], "Outcome": journey["outcome"]})

    # --- the published figures table (kept from the first pack) -----------------------------------

    def latest_published_table(self) -> pd.DataFrame:
        rows = [self._latest_row(measure) for measure in self._published_measures()]
        table = pd.DataFrame(rows)
        out = pd.DataFrame(
            {
                "Area of work": table["domain"].map(schema.DOMAIN_LABELS),
                "Measure": table["title"],
                "Period": table["period_label"].fillna("no figure known by this month"),
                self.area.name: table["own_text"],
            }
        )
        for comparator in COMPARATORS:
            out[comparator] = table[f"{comparator}_text"]
        out["Source"] = table["provenance"]
        return out

    def sources(self) -> pd.DataFrame:
        used = set(self.store.figures.loc[self.store.figures["area_name"] == self.area.name, "source_id"]) - {"derived"}
        return sources_table(self.store, used)

    def write_workbook(self, path) -> None:
        """The KPI workbook beside the report; nothing when no path is given (an analyst's run)."""
        if path:
            self.kpi_workbook(path)

    def kpi_workbook(self, path) -> None:
        from croydon_kpi.reports.workbook import pack_workbook

        pack_workbook(self, path)

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
        row["provenance"] = (
            source_label(self.store.catalogue, latest["source_id"], latest["locator"])
            if latest is not None
            else "no figure"
        )
        for comparator in COMPARATORS:
            row[f"{comparator}_text"] = (
                _text(self._same_period(measure.id, comparator, latest), measure)
                if measure.unit in COMPARABLE_UNITS
                else "-"
            )
        return row

    def _same_period(self, measure_id: str, area: str, latest) -> pd.Series | None:
        if latest is None:
            return None
        series = self.store.series(measure_id, area=area, status="published_statistic")
        match = series[
            (series["period_start"] == latest["period_start"]) & (series["period_end"] == latest["period_end"])
        ]
        return match.iloc[0] if len(match) else None

    def _month_figures(self) -> pd.DataFrame:
        figures = self.store.figures
        return figures[
            (figures["area_name"] == self.area.name)
            & (figures["period_end"] >= pd.Timestamp(self.month.start))
            & (figures["period_end"] <= pd.Timestamp(self.month.end))
        ]

    def _title(self, measure_id: str) -> str:
        measures = self.store.catalogue.measures
        return measures[measure_id].title if measure_id in measures else "not matched to a measure"

    def _text(self, measure_id: str, value) -> str:
        """A figure in its unit: to the measure's published decimals, but a whole number as councils
        write it (96%, not 96.0%), so one table never mixes "17.0%" and "96%"."""
        measure = self.store.catalogue.measure(measure_id)
        if value is None or pd.isna(value):
            return format_value(None, measure.unit)
        decimals = 0 if float(value).is_integer() else measure.decimals
        return format_value(float(value), measure.unit, decimals)


def pack_title(area_name: str, month: Month) -> str:
    """The pack's title: its heading, its browser tab and its entry in the index."""
    return f"{area_name}: children's services performance pack, {month.label}"


def plan(store: FigureStore, month: str, area: str) -> Plan:
    """The pack's file and title; a month before anything was known of the area is refused here,
    before any kernel starts."""
    checked = parse_month(month)
    place = store.area(area)
    require_known_by(store.known_at(checked.end), store, place, checked)
    return Plan(
        f"monthly_pack_{checked}_{slug(place.name)}",
        {"month": str(checked), "area": place.name},
        pack_title(place.name, checked),
    )


def empty_warning(store: FigureStore, parameters: dict) -> str | None:
    """Said (and exit 3) when the month has no local figures: the pack is built and says so."""
    if has_local_figures(store, parse_month(parameters["month"]), parameters["area"]):
        return None
    return f"{parameters['area']} has no local figures for {parameters['month']}"


def has_local_figures(store: FigureStore, month: Month, area_name: str) -> bool:
    """Whether any scorecard, paper or child-level list gives the area's figures for the month
    (as known at its end)."""
    known = store.known_at(month.end)
    return not local_figures(known, month, known.area(area_name)).empty


def _monthly(series: pd.DataFrame) -> pd.DataFrame:
    """Only figures for a whole calendar month: a monthly series does not mix in "autumn 2019"."""
    whole_month = (series["period_start"].dt.day == 1) & (
        series["period_start"] + pd.offsets.MonthEnd(0) == series["period_end"]
    )
    return series[whole_month]


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


def _text(figure, measure) -> str:
    if figure is None:
        return "no figure"
    symbol = figure["symbol"] if isinstance(figure["symbol"], str) else None
    return format_value(figure["value"], measure.unit, measure.decimals, symbol)


def prepare(month: str, area: str, store: FigureStore | None = None) -> MonthlyPack:
    """Validate the parameters and load the store as known at the month's end."""
    store = store or load_store()
    checked = parse_month(month)
    place = store.area(area)
    known = store.known_at(checked.end)
    require_known_by(known, store, place, checked)
    return MonthlyPack(store=known, month=checked, area=place)


def require_known_by(known: FigureStore, store: FigureStore, place: Area, month: Month) -> None:
    """A pack needs something known about its area by the month's end (checked before any kernel
    starts): a month before any source, or an authority that had ceased before it, is refused."""
    try:
        known.area(place.name)
    except UnknownArea:
        dated = store.figures.loc[store.figures["area_name"] == place.name, "available_from"].dropna()
        earliest = f"; the earliest became known in {dated.min():%B %Y}" if len(dated) else ""
        raise ParameterError(
            f"month {month}: nothing about {place.name} was known by the end of {month.label} in the bundled "
            f"sources{earliest}"
        ) from None
    if place.level == "local_authority":
        _require_still_reporting(store, place, month)


def _require_still_reporting(store: FigureStore, place: Area, month: Month) -> None:
    """An authority with no published statistic for any period reaching the month, while other
    authorities have one, had ceased by then (merged or abolished in a local government
    reorganisation): its pack would be of nothing."""
    figures = store.figures
    valued = figures[
        figures["value"].notna()
        & (figures["area_level"] == "local_authority")
        & (figures["status"] == "published_statistic")
    ]
    own_last = valued.loc[valued["area_name"] == place.name, "period_end"].max()
    others_last = valued["period_end"].max()
    start = pd.Timestamp(month.start)
    if pd.notna(own_last) and own_last < start <= others_last:
        raise ParameterError(
            f"area {place.name}: its last published statistic is for {own_last:%B %Y}, while other "
            f"authorities' go on past {month.label}; it is no longer an authority by then (merged or abolished)"
        )


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
