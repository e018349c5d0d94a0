"""The regional overview: every authority of a region side by side for one month, as known at its
end. For each headline measure (report_settings.yaml `regional_measures`) the latest published
figure of each authority, its rank and quartile among English authorities, the region's and
England's figures; each authority linked to its own pack where the run built the packs too."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go

from croydon_kpi.analysis.benchmarks import national_area
from croydon_kpi.analysis.regional import RegionalFigures, region_named, regional_figures
from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.core.areas import Area
from croydon_kpi.core.params import Month, parse_month
from croydon_kpi.reports.charts import ROLE_COLOURS, TEMPLATE, new_figure
from croydon_kpi.reports.formatting import format_value, source_label
from croydon_kpi.reports.pack.facade import pack_file_name, region_members
from croydon_kpi.reports.registry import Plan, slug
from croydon_kpi.store.figure_store import FigureStore, load_store

NAMED_UP_TO = 40  # a chart names each authority on its axis up to this many; beyond, the table does
WORST, BEST = "D", "A"


def overview_title(region: str, month: Month) -> str:
    return f"{region}: every authority side by side, {month.label}"


def plan(store: FigureStore, month: str, region: str, link_packs: bool = False) -> Plan:
    checked = parse_month(month)
    name = region_named(store, region)
    return Plan(
        f"regional_overview_{checked}_{slug(name)}",
        {"month": str(checked), "region": name, "link_packs": bool(link_packs)},
        overview_title(name, checked),
        name,
        checked.label,
    )


def every(store: FigureStore, defaults: dict, area: str | None = None, month: str | None = None) -> list[Plan]:
    """`build` makes the default overview (the notebook's month and region); a build for one
    area and month makes none (the region's run does: croydon-kpi pack --region)."""
    return [] if area is not None else [plan(store, defaults["month"], defaults["region"])]


@dataclass
class RegionalOverview:
    store: FigureStore  # as known at the end of the month
    month: Month
    region: str
    members: list[Area]
    link_packs: bool = False

    @property
    def title(self) -> str:
        return overview_title(self.region, self.month)

    @cached_property
    def nation(self) -> str:
        return national_area(self.store) or "the nation"

    @cached_property
    def measures(self) -> list[RegionalFigures]:
        found = [
            regional_figures(self.store, measure, self.members, self.region)
            for measure in report_settings().regional_measures
        ]
        return [figures for figures in found if figures.period_label]

    def _text(self, measure_id: str, value, symbol=None) -> str:
        """One precision a measure (its published decimals), so a column never mixes 15% and 12.6%."""
        measure = self.store.catalogue.measure(measure_id)
        shown = None if value is None or pd.isna(value) else float(value)
        return format_value(shown, measure.unit, measure.decimals, symbol if isinstance(symbol, str) else None)

    def summary(self) -> str:
        lines = [
            f"**{len(self.members)} authorities of {self.region}**, each with its latest published figure known by "
            f"the end of {self.month.label}" + ("; each authority links to its own pack." if self.link_packs else ".")
        ]
        found = (self._against_england(), self._most_often(WORST), self._most_often(BEST), self._not_shown())
        lines += [line for line in found if line]
        return "\n".join(f"- {line}" for line in lines)

    def _against_england(self) -> str:
        better, worse = [], []
        for figures in self.measures:
            measure = self.store.catalogue.measure(figures.measure)
            if measure.polarity == "neutral" or None in (figures.region_value, figures.nation_value):
                continue
            if figures.region_value == figures.nation_value:
                continue
            higher = figures.region_value > figures.nation_value
            (better if higher == (measure.polarity == "higher_is_better") else worse).append(measure.title)
        if not better and not worse:
            return ""
        return (
            f"**Against {self.nation}:** {self.region} is better on {len(better)} and worse on {len(worse)} of the "
            f"measures with a better direction" + (f" (worse: {'; '.join(worse)})." if worse else ".")
        )

    def _most_often(self, band: str) -> str:
        """The authorities in the band (A best, D worst) on half the ranked measures or more (at
        least two), every one of them: a reader can trust that an authority not named is not."""
        ranked = self._ranked_measures
        counts = pd.Series(
            [row.area_name for f in self.measures for row in f.table.itertuples() if row.quartile == band],
            dtype=object,
        ).value_counts()
        which = "worst" if band == WORST else "best"
        if not ranked:
            return ""
        least = max(2, -(-ranked // 2))
        often = counts[counts >= least].sort_index().sort_values(ascending=False, kind="stable")
        if often.empty:
            return f"**In the {which} quarter on {least} or more of the {ranked} ranked measures:** no authority."
        named = "; ".join(f"{name} ({count})" for name, count in often.items())
        where = f"the {which} quarter of {self.nation}'s authorities on {least} or more of the {ranked} ranked measures"
        return f"**In {where}:** {named}."

    def _not_shown(self) -> str:
        """Headline measures the settings name that have no published figure for these authorities by then."""
        shown = {figures.measure for figures in self.measures}
        missing = [m for m in report_settings().regional_measures if m not in shown]
        if not missing:
            return ""
        titles = "; ".join(self.store.catalogue.measure(m).title for m in missing)
        return f"**No published figure by the end of {self.month.label}:** {titles}."

    @property
    def _ranked_measures(self) -> int:
        return sum(1 for figures in self.measures if figures.table["quartile"].notna().any())

    def authorities_table(self) -> tuple[pd.DataFrame, list[str | None]]:
        """Authority x measure: each figure with its quartile (A best); and each row's link to its pack."""
        frame = pd.DataFrame({"Authority": [area.name for area in self.members]})
        for figures in self.measures:
            shown = [
                _with_band(self._text(figures.measure, r.value, r.symbol), r.quartile)
                for r in figures.table.itertuples()
            ]
            frame[self._short_title(figures)] = shown
        links = [pack_file_name(self.month, area.name) + ".html" if self.link_packs else None for area in self.members]
        return frame, links

    def _short_title(self, figures: RegionalFigures) -> str:
        return f"{self.store.catalogue.measure(figures.measure).title} ({figures.period_label})"

    def comparison_table(self) -> pd.DataFrame:
        """Each measure: its period, the region's and England's figures, how many authorities are ranked."""
        rows = []
        for figures in self.measures:
            measure = self.store.catalogue.measure(figures.measure)
            rows.append(
                {
                    "Measure": measure.title,
                    "Period": figures.period_label,
                    self.region: self._text(figures.measure, figures.region_value),
                    self.nation: self._text(figures.measure, figures.nation_value),
                    "Quarters": f"among {figures.ranked} authorities with a figure"
                    if measure.polarity != "neutral"
                    else "none: no better direction",
                    "Source": source_label(self.store.catalogue, figures.source_id),
                }
            )
        return pd.DataFrame(rows)

    def charts(self) -> list[tuple[str, go.Figure]]:
        return [(self._short_title(figures), _dot_chart(self, figures)) for figures in self.measures]


def _dot_chart(self: RegionalOverview, figures: RegionalFigures) -> go.Figure:
    """The authorities as dots, best first by the measure's direction (highest first for a neutral
    one), each labelled with its figure and quartile; the region and England as dashed lines."""
    measure = self.store.catalogue.measure(figures.measure)
    rows = figures.table[figures.table["value"].notna()]
    rows = rows.sort_values("value", ascending=measure.polarity == "lower_is_better")
    named = len(rows) <= NAMED_UP_TO
    figure = new_figure(
        go.Scatter(
            x=rows["value"],
            y=rows["area_name"] if named else list(range(len(rows))),
            mode="markers+text" if named else "markers",
            marker={"color": ROLE_COLOURS["area"], "size": 9, "symbol": "circle"},
            text=[_with_band(self._text(measure.id, r.value), r.quartile) for r in rows.itertuples()],
            textposition="middle right",
            hovertext=rows["area_name"],
            name=f"Authorities of {self.region}",
            showlegend=False,
        )
    )
    lines = ((figures.region_value, self.region, "dash"), (figures.nation_value, self.nation, "dot"))
    for value, name, dash in lines:
        if value is not None and name:
            figure.add_vline(x=value, line={"color": ROLE_COLOURS["comparator"], "dash": dash, "width": 1.5})
            figure.add_annotation(
                x=value, y=1, yref="paper", yanchor="bottom", yshift=4 if dash == "dash" else 18, showarrow=False,
                text=f"{name} {self._text(measure.id, value)}",
                font={"size": 11, "color": ROLE_COLOURS["comparator"]},
            )  # fmt: skip
    missing = len(figures.table) - len(rows)
    note = f"; {missing} with no figure (suppressed or not published)" if missing else ""
    shown = [v for v in (*rows["value"], figures.region_value, figures.nation_value) if v is not None]
    low, high = (min(shown), max(shown)) if shown else (0, 1)
    span = (high - low) or abs(high) or 1
    figure.update_layout(
        title={"text": f"{measure.title}<br><sup>{figures.period_label}: {len(rows)} authorities{note}</sup>"},
        template=TEMPLATE,
        height=170 + (22 * len(rows) if named else 260),
        yaxis={"autorange": "reversed", "automargin": True, "showticklabels": named},
        xaxis={"automargin": True, "range": [low - 0.05 * span, high + 0.3 * span]},  # room for the labels
        margin={"l": 10, "r": 110, "t": 110, "b": 60},
    )
    figure.add_annotation(
        text=f"Source: {source_label(self.store.catalogue, figures.source_id)}", xref="paper", yref="paper", x=0,
        y=0, yshift=-40, showarrow=False, xanchor="left", yanchor="top", font={"size": 11, "color": "#425563"},
    )  # fmt: skip
    return figure


def _with_band(text: str, quartile) -> str:
    return f"{text} ({quartile})" if isinstance(quartile, str) else text


def prepare(month: str, region: str, link_packs: bool = False, store: FigureStore | None = None) -> RegionalOverview:
    """Check the parameters; the store as known at the month's end; the region's authorities then."""
    store = store or load_store()
    checked = parse_month(month)
    name = region_named(store, region)
    members, _ = region_members(store, str(checked), name)
    return RegionalOverview(store.known_at(checked.end), checked, name, members, bool(link_packs))
