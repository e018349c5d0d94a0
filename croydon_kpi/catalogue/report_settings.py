"""What the reports compare and show, as data (data/catalogue/report_settings.yaml): the
comparator areas, the workforce measures of the pack, the base price year of real terms."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from croydon_kpi.catalogue.definitions import check_entry, definitions_path, read_definitions
from croydon_kpi.errors import CatalogueError

FILE = "report_settings"


@dataclass(frozen=True)
class ReportSettings:
    comparators: tuple[str, ...]  # published areas beside every local figure, in order
    workforce_measures: tuple[str, ...]
    base_price_year: str  # real terms are in this financial year's prices


def report_settings() -> ReportSettings:
    path = definitions_path(FILE)
    return _settings(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=4)
def _settings(path: str, stamp: int) -> ReportSettings:
    shown, entry = read_definitions(FILE, "settings")
    check_entry(entry, shown, {"comparators", "workforce_measures", "base_price_year"})
    for key in ("comparators", "workforce_measures"):
        if not isinstance(entry[key], list) or not all(isinstance(v, str) and v for v in entry[key]):
            raise CatalogueError(f"{shown}, {key}: expected a list of names")
    return ReportSettings(
        tuple(entry["comparators"]), tuple(entry["workforce_measures"]), str(entry["base_price_year"])
    )
