"""The store's query API: one typed table of figures (core/schema.py) with the catalogue, asked
for a measure's figures, an area's series, what was known on a day, and where sources disagree.

The store does not change once built, so every answer is worked out once per store and kept
(`remembered`): a pack asks for the same series many times (table, chart, headline, benchmark).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from croydon_kpi.catalogue.measures import Catalogue
from croydon_kpi.core import areas
from croydon_kpi.core.schema import FREQUENCIES, REJECTION_COLUMNS
from croydon_kpi.errors import ParameterError


@dataclass
class FigureStore:
    figures: pd.DataFrame
    catalogue: Catalogue
    # Rows of local files that could not be read as figures: file, row, column, value, reason.
    rejections: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECTION_COLUMNS))
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def remembered(self, key: tuple, compute):
        """compute() worked out once per store (the store does not change once built): every
        answer below, and analyses that several sections of a report ask for with the same arguments."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def _area_table(self) -> pd.DataFrame:
        return self.remembered(("area_table",), lambda: areas.area_table(self.figures))

    def _measure_rows(self) -> dict:
        # Row positions only: a report asks for a few dozen of the store's measures, so each
        # measure's frame is cut when first asked for, not all of them up front.
        return self.remembered(("measure_rows",), lambda: self.figures.groupby("measure", sort=False).indices)

    def areas(self) -> pd.DataFrame:
        return self._area_table()

    def names_by_la_number(self) -> pd.Series:
        """Each authority's name by its DfE number (old LA code), the first the area table gives."""

        def names() -> pd.Series:
            numbered = self._area_table().dropna(subset=["old_la_code"])
            return numbered.drop_duplicates("old_la_code").set_index("old_la_code")["area_name"]

        return self.remembered(("names_by_la_number",), names)

    def area(self, wanted: str) -> areas.Area:
        return self.remembered(("area", str(wanted)), lambda: areas.resolve(self._area_table(), wanted))

    def measure_figures(self, measure: str, area: str | None = None) -> pd.DataFrame:
        """Every figure for a measure (all sources), optionally for one area."""
        self.catalogue.measure(measure)  # a clear error for an unknown id

        def cut() -> pd.DataFrame:
            positions = self._measure_rows().get(measure)
            return self.figures.iloc[0:0] if positions is None else self.figures.take(positions)

        if area is None:
            return self.remembered(("measure", measure), cut)
        found = self._area_measures(self.area(area)).get(measure)
        return self.figures.iloc[0:0] if found is None else found

    def area_figures(self, area: str) -> pd.DataFrame:
        """Every figure of one area (by its code, DfE number or name), in the store's order."""
        place = self.area(area)
        return self.remembered(("area_rows", place), lambda: self.figures.loc[self._area_mask(place, self.figures)])

    def _area_measures(self, place: areas.Area) -> dict:
        """An area's figures measure by measure, cut once per area: a pack asks for a few hundred
        of its area's series, and a region's run for every authority's (one pass over the store
        an area, not one a measure and area)."""

        def cut() -> dict:
            rows = self.area_figures(place.name)
            return {
                measure: rows.take(positions)
                for measure, positions in rows.groupby("measure", sort=False).indices.items()
            }

        return self.remembered(("area_measures", place), cut)

    def series(
        self,
        measure: str,
        area: str,
        kind: str = "level",
        status: str | None = None,
        frequency: str | tuple[str, ...] | None = None,
    ) -> pd.DataFrame:
        """A tidy time series: one figure per period, from the measure's preferred source for that
        period (the catalogue's order), oldest first. Every row keeps its source and locator;
        `other_sources` names any other source that gives the same period. `status` keeps only
        figures of one status (published_statistic, reported, derived, computed). `frequency`
        keeps only figures of one period type or of several (a tuple): "month" for the monthly
        scorecard series without DfE's 31 March figures interleaved; by default every frequency
        (core/schema.py FREQUENCIES)."""
        wanted = _frequencies(frequency)
        key = ("series", measure, self.area(area), kind, status, wanted)
        # a shallow copy: copy-on-write (pandas 3) keeps a caller's change to it from the kept answer
        return self.remembered(key, lambda: self._series(measure, area, kind, status, wanted)).copy(deep=False)

    def _series(self, measure: str, area: str, kind: str, status: str | None, frequencies) -> pd.DataFrame:
        definition = self.catalogue.measure(measure)
        rows = self.measure_figures(measure, area)
        wanted = (rows["kind"] == kind) & rows[
            "period_end"
        ].notna()  # undated figures stay in the store, not in a series
        if status is not None:
            wanted &= rows["status"] == status
        if frequencies is not None:
            wanted &= rows["frequency"].isin(frequencies).to_numpy()
        if not wanted.any():  # most asked-for series are empty (no child-level list, no scorecard): no sort
            return rows.iloc[0:0].reset_index(drop=True).assign(other_sources=None)
        # The choice is made on the three columns it needs; the chosen rows are cut whole once.
        key = ["period_start", "period_end"]
        candidates = rows.loc[wanted, [*key, "source_id"]]
        candidates = candidates.assign(
            _rank=candidates["source_id"].map(definition.source_rank), _position=np.flatnonzero(wanted.to_numpy())
        )
        candidates = candidates.sort_values(["period_end", "period_start", "_rank"])
        chosen = candidates.drop_duplicates(key, keep="first")
        best = rows.take(chosen["_position"].to_numpy()).reset_index(drop=True)
        if len(chosen) == len(candidates):  # one source a period (most series): no other source to name
            return best.assign(other_sources=None)
        others = candidates.groupby(key)["source_id"].agg(lambda ids: ", ".join(sorted(set(ids))))
        all_ids = chosen.join(others.rename("all_sources"), on=key)["all_sources"]
        best["other_sources"] = [
            ", ".join(s for s in str(every).split(", ") if s != own) or None
            for every, own in zip(all_ids, best["source_id"])
        ]
        return best

    def known_at(self, day) -> "FigureStore":
        """The store as it stood on a day: only figures available by then (a pack for 2018-03
        shows what was known then). See periods.PUBLICATION_LAG_MONTHS for published statistics."""
        day = pd.Timestamp(day)

        def known() -> FigureStore:  # a visit report asks for the same day once per measure
            rows = self.figures.loc[self.figures["available_from"] <= day].reset_index(drop=True)
            return FigureStore(rows, self.catalogue, self.rejections)

        return self.remembered(("known_at", day), known)

    def conflicts(self, area_name: str | None = None) -> pd.DataFrame:
        """Figures for the same measure, area, period and frequency from different sources that
        disagree, with both quotes and sources and a reason (conflict or definition_differs); a
        monthly figure is never paired with an annual one. With `area_name`, only that area's (a
        report about one area need not pair every other's)."""
        from croydon_kpi.store.reconcile import conflicts

        return self.remembered(("conflicts", area_name), lambda: conflicts(self, area_name)).copy()

    def _area_mask(self, area: areas.Area, rows: pd.DataFrame) -> pd.Series:
        by_code = rows["area_code"] == area.code if area.code else False
        by_old = rows["old_la_code"] == area.old_la_code if area.old_la_code else False
        by_name = (rows["area_name"] == area.name) & (rows["area_level"] == area.level)
        return (by_code | by_old | by_name).fillna(False).astype(bool)


def _frequencies(frequency) -> tuple[str, ...] | None:
    """The frequencies a series keeps, as a tuple (None: all); an unknown one is a clear error."""
    if frequency is None:
        return None
    wanted = (frequency,) if isinstance(frequency, str) else tuple(frequency)
    unknown = [value for value in wanted if value not in FREQUENCIES]
    if unknown:
        raise ParameterError(f"frequency {unknown[0]!r} is not one of {list(FREQUENCIES)}")
    return wanted
