"""What the reports compare and show, as data (data/catalogue/report_settings.yaml): the
comparator areas, the workforce measures of the pack, the base price year of real terms, the
windows around a visit, of a pack's data quality and of its money."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from croydon_kpi.catalogue.definitions import check_entry, definitions_path, read_definitions
from croydon_kpi.core import project
from croydon_kpi.errors import CatalogueError

FILE = "report_settings"


@dataclass(frozen=True)
class ReportSettings:
    comparators: tuple[str, ...]  # published areas beside every local figure, in order
    workforce_measures: tuple[str, ...]
    base_price_year: str  # real terms are in this financial year's prices
    visit_window_days: int  # "around a visit": days either side of its dates
    data_quality_months: int  # a pack's data quality: its month and the months before, this many in all
    money_financial_years: int  # a pack's money: the month's financial year and the ones before, this many in all
    regional_measures: tuple[str, ...]  # a regional overview's headline measures

    @property
    def visit_window_words(self) -> str:
        """The window as a reader says it: 183 days -> "six months", 366 -> "a year"."""
        months = round(self.visit_window_days / 30.44)
        if months == 12:
            return "a year"
        return f"{number_word(months)} month{'s' if months != 1 else ''}"


_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 9: "nine", 18: "eighteen"}


def number_word(number: int) -> str:
    """A setting's number as a reader says it: 3 -> "three" (as a figure where no word is kept)."""
    return _NUMBER_WORDS.get(number, str(number))


def report_settings() -> ReportSettings:
    path = definitions_path(FILE)
    return _settings(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=4)
def _settings(path: str, stamp: int) -> ReportSettings:
    shown, entry = read_definitions(FILE, "settings")
    check_entry(
        entry,
        shown,
        {
            "comparators",
            "workforce_measures",
            "base_price_year",
            "visit_window_days",
            "data_quality_months",
            "money_financial_years",
            "regional_measures",
        },
    )
    _check_whole(entry, shown, "visit_window_days", 731, "days")
    _check_whole(entry, shown, "data_quality_months", 120, "months")
    _check_whole(entry, shown, "money_financial_years", 20, "financial years")
    for key in ("comparators", "workforce_measures", "regional_measures"):
        if not isinstance(entry[key], list) or not entry[key] or not all(isinstance(v, str) and v for v in entry[key]):
            raise CatalogueError(f"{shown}, {key}: expected a list of one name or more")
    return ReportSettings(
        tuple(entry["comparators"]),
        tuple(entry["workforce_measures"]),
        str(entry["base_price_year"]),
        entry["visit_window_days"],
        entry["data_quality_months"],
        entry["money_financial_years"],
        tuple(entry["regional_measures"]),
    )


def _check_whole(entry: dict, shown: str, key: str, most: int, what: str) -> None:
    value = entry[key]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        raise CatalogueError(f"{shown}, {key}: expected a whole number of {what} from 1 to {most}")


def check_measures(catalogue) -> None:
    """Every measure the settings name is a measure of the catalogue: checked before any kernel
    starts, so a misspelt id stops the run at once, naming this file, not a notebook later."""
    settings = report_settings()
    shown = project.relative(definitions_path(FILE))
    for key in ("workforce_measures", "regional_measures"):
        unknown = [m for m in getattr(settings, key) if m not in catalogue.measures]
        if unknown:
            raise CatalogueError(
                f"{shown}, {key}: {unknown[0]!r} is not a measure (data/catalogue/measures.yaml, local_measures.yaml)"
            )
