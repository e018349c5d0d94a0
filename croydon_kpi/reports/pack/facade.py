"""The monthly pack as its notebook sees it: one object whose methods are the pack's sections
(each a function of one context in its own module), and the checks a run makes before any kernel
starts. Computed from the store as it stood at the end of the month; the notebook only displays it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from croydon_kpi.analysis.regional import authorities_in
from croydon_kpi.analysis.targets import local_figures
from croydon_kpi.catalogue.neighbours import model_for
from croydon_kpi.core.areas import Area
from croydon_kpi.core.params import Month, parse_month
from croydon_kpi.core.periods import PUBLICATION_LAG_MONTHS
from croydon_kpi.errors import ParameterError, UnknownArea
from croydon_kpi.reports.pack import (
    domain_charts,
    groups,
    journey,
    kpis,
    matrix,
    money,
    neighbour_charts,
    published,
    quality,
    summary,
    workforce,
)
from croydon_kpi.reports.pack.context import PackContext, missing_measures
from croydon_kpi.reports.registry import Plan, slug
from croydon_kpi.store.figure_store import FigureStore, load_store


@dataclass
class MonthlyPack:
    store: FigureStore  # as known at the end of the month
    month: Month
    area: Area

    @cached_property
    def context(self) -> PackContext:
        return PackContext(self.store, self.month, self.area)

    @property
    def title(self) -> str:
        return pack_title(self.area.name, self.month)

    @property
    def assumptions(self) -> str:
        lags = ", ".join(f"{k.replace('_', ' ')} {v} months" for k, v in PUBLICATION_LAG_MONTHS.items())
        return (
            "Only figures that existed by the end of the month are shown. Publication dates of DfE and ONS "
            "statistics are not in the bundled data; they are taken as the period's end plus the usual "
            f"release lag ({lags}). "
            "A committee paper's figures are known from the paper's date, or from the Board meeting its "
            "overview was first reported to."
        )

    @property
    def has_local_figures(self) -> bool:
        return self.context.has_local_figures

    @property
    def neighbour_model(self):
        return model_for(self.month.end)

    def overview(self) -> pd.DataFrame:
        return self.context.overview

    def summary(self) -> str:
        return summary.summary(self.context)

    def summary_matrix(self) -> pd.DataFrame:
        return matrix.summary_matrix(self.context)

    def groups_table(self) -> pd.DataFrame:
        return groups.groups_table(self.context)

    def group_counts(self) -> pd.DataFrame:
        return groups.group_counts(self.context)

    def kpi_table(self) -> pd.DataFrame:
        return kpis.kpi_table(self.context)

    def charts_intro(self) -> str:
        return domain_charts.charts_intro(self.context)

    def domain_charts(self):
        """The area's months, published statistics, then the area among its neighbours."""
        return domain_charts.domain_charts(self.context) + neighbour_charts.neighbour_charts(self.context)

    def workforce_numbers(self) -> pd.DataFrame:
        return workforce.workforce_numbers(self.context)

    def workforce_table(self) -> pd.DataFrame:
        return workforce.workforce_table(self.context)

    def workforce_notes(self) -> pd.DataFrame:
        return workforce.workforce_notes(self.context)

    def finance_position(self) -> pd.DataFrame:
        return money.finance_position(self.context)

    def money_note(self) -> str:
        return money.money_note(self.context)

    def conflicts_table(self) -> pd.DataFrame:
        return quality.conflicts_table(self.context)

    def caveats_table(self) -> pd.DataFrame:
        return quality.caveats_table(self.context)

    def missing_table(self) -> pd.DataFrame:
        return quality.missing_table(self.context)

    def timeline(self) -> pd.DataFrame:
        return journey.timeline(self.context)

    def latest_published_table(self) -> pd.DataFrame:
        return published.latest_published_table(self.context)

    def sources(self) -> pd.DataFrame:
        return published.sources(self.context)

    def write_workbook(self, path) -> None:
        """The KPI workbook beside the report; nothing when no path is given (an analyst's run)."""
        if path:
            self.kpi_workbook(path)

    def kpi_workbook(self, path) -> None:
        from croydon_kpi.reports.workbook import pack_workbook

        pack_workbook(self, path)


def plan(store: FigureStore, month: str, area: str) -> Plan:
    """The pack's file and title; a month before anything was known of the area is refused here,
    before any kernel starts."""
    checked = parse_month(month)
    place = store.area(area)
    require_known_by(store.known_at(checked.end), store, place, checked)
    name = pack_file_name(checked, place.name)
    return Plan(
        name, {"month": str(checked), "area": place.name}, pack_title(place.name, checked), place.name, checked.label
    )


def pack_file_name(month: Month, area_name: str) -> str:
    """The pack's file name, without .html: a regional overview links to it by this name."""
    return f"monthly_pack_{month}_{slug(area_name)}"


def region_members(store: FigureStore, month: str, region: str) -> tuple[list[Area], list[str]]:
    """The authorities of the region a pack can be built for at the month (something known of
    them by its end, not merged or abolished by then), and each left out with why."""
    checked = parse_month(month)
    known = store.known_at(checked.end)
    members, left_out = [], []
    for place in authorities_in(store, region):
        try:
            require_known_by(known, store, place, checked)
        except ParameterError as error:
            left_out.append(str(error))
            continue
        members.append(place)
    return members, left_out


def regional(store: FigureStore, region: str, parameters: dict) -> tuple[list[Plan], list[str]]:
    """A pack for every authority of the region at the month (croydon-kpi pack --region), and
    the authorities left out, each with why."""
    members, left_out = region_members(store, parameters["month"], region)
    return [plan(store, parameters["month"], place.name) for place in members], left_out


def empty_warning(store: FigureStore, parameters: dict) -> str | None:
    """Said (and exit 3) when the month has no local figures, or a measure reported in the months
    before has none this month: the pack is built and says so, and a scheduled job can alert."""
    month, area = parse_month(parameters["month"]), parameters["area"]
    if not has_local_figures(store, month, area):
        return f"{area} has no local figures for {parameters['month']}"
    missing = missing_measures(store.known_at(month.end), month, area)
    if missing.empty:
        return None
    named = "; ".join(f"{r.title} ({r.measure})" for r in missing.itertuples())
    return f"{area} reported {len(missing)} measure(s) before {parameters['month']} but not in it: {named}"


def pack_title(area_name: str, month: Month) -> str:
    """The pack's title: its heading, its browser tab and its entry in the index."""
    return f"{area_name}: children's services performance pack, {month.label}"


def has_local_figures(store: FigureStore, month: Month, area_name: str) -> bool:
    """Whether any scorecard, paper or child-level list gives the area's figures for the month
    (as known at its end)."""
    known = store.known_at(month.end)
    return not local_figures(known, month, known.area(area_name)).empty


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
    last = _last_published(store)
    own_last = last.get(place.name, pd.NaT)
    others_last = last.max() if len(last) else pd.NaT
    start = pd.Timestamp(month.start)
    if pd.notna(own_last) and own_last < start <= others_last:
        raise ParameterError(
            f"area {place.name}: its last published statistic is for {own_last:%B %Y}, while other "
            f"authorities' go on past {month.label}; it is no longer an authority by then (merged or abolished)"
        )


def _last_published(store: FigureStore) -> pd.Series:
    """Each authority's latest published period end, worked out once per store (a region's run
    asks for every authority of England)."""

    def last() -> pd.Series:
        figures = store.figures
        valued = figures[
            figures["value"].notna()
            & (figures["area_level"] == "local_authority")
            & (figures["status"] == "published_statistic")
        ]
        return valued.groupby("area_name", observed=True)["period_end"].max()

    return store.remembered(("last_published_by_authority",), last)
