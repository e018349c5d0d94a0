"""Areas: local authorities, regions and England, by name, GSS code or DfE's three-digit number."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from croydon_kpi.errors import UnknownArea


@dataclass(frozen=True)
class Area:
    code: str | None
    old_la_code: str | None
    name: str
    level: str

    @property
    def fields(self) -> dict:
        """The store's four area columns for this area."""
        return {
            "area_code": self.code,
            "old_la_code": self.old_la_code,
            "area_name": self.name,
            "area_level": self.level,
        }


@dataclass
class AreaLookup:
    """Built from DfE's EES files, which carry both the old and the new codes of each authority."""

    by_old_code: dict[str, tuple[str, str]] = field(default_factory=dict)  # DfE number -> (GSS code, newest name)
    by_region_name: dict[str, str] = field(default_factory=dict)  # region name -> GSS code

    @classmethod
    def from_figures(cls, figures: pd.DataFrame) -> "AreaLookup":
        areas = figures[["area_code", "old_la_code", "area_name", "area_level"]].drop_duplicates()
        # The newest name and code for each old code: authorities are renamed, not renumbered.
        las = areas[(areas.area_level == "local_authority") & areas.old_la_code.notna() & areas.area_code.notna()]
        regions = areas[areas.area_level.isin(["regional", "national"]) & areas.area_code.notna()]
        return cls(
            by_old_code={row.old_la_code: (row.area_code, row.area_name) for row in las.itertuples()},
            by_region_name={row.area_name: row.area_code for row in regions.itertuples()},
        )


def area_table(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per area in the store."""
    areas = figures[["area_code", "old_la_code", "area_name", "area_level"]].drop_duplicates()
    return areas.sort_values(["area_level", "area_name"]).reset_index(drop=True)


def resolve(areas: pd.DataFrame, wanted: str) -> Area:
    """An area from its name (any case), GSS code or old LA number; a clear error otherwise."""
    from croydon_kpi.core.params import require_value, shown

    require_value("area", wanted)
    text = str(wanted).strip()
    for column in ("area_code", "old_la_code"):
        found = areas[areas[column] == text]
        if len(found):
            return _area(found)
    found = areas[areas["area_name"].str.casefold() == text.casefold()]
    if len(found):
        return _area(found)
    close = areas[areas["area_name"].str.casefold().str.contains(text.casefold()[:5], regex=False)]["area_name"]
    hint = f"; did you mean {', '.join(sorted(set(close))[:5])}?" if len(close) else ""
    raise UnknownArea(
        (
            f"unknown area {shown(wanted)}: expected a local authority, region or England by name, GSS code "
            f"or DfE number{hint}"
        )
    )


def _area(found: pd.DataFrame) -> Area:
    # One area can appear with and without a GSS code (LAIT lacks codes for retired authorities).
    best = found.sort_values("area_code", na_position="last").iloc[0]
    none_if_na = lambda v: None if pd.isna(v) else str(v)
    return Area(none_if_na(best.area_code), none_if_na(best.old_la_code), str(best.area_name), str(best.area_level))


def area_named(figures: pd.DataFrame, wanted, path, where: str) -> Area:
    """The area a source file names (a paper's, a finance statement's), resolved against the areas
    read so far; an InputError naming the file and entry if it names none or an unknown one."""
    from croydon_kpi.errors import InputError

    if not isinstance(wanted, (str, int)) or not str(wanted).strip():
        raise InputError(path, where, "no `area:`; expected the local authority the figures are about")
    try:
        return resolve(area_table(figures), str(wanted))
    except UnknownArea as error:
        raise InputError(path, where, str(error)) from None
