"""Which region DfE files each local authority under, from the ONS mid-year population file (the
source `ons_population` in sources.yaml), whose rows name every authority's region."""

from __future__ import annotations

from functools import lru_cache

from croydon_kpi.catalogue.definitions import check_entry, definitions_path, read_definitions
from croydon_kpi.catalogue.ees_tables import read_table
from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.errors import CatalogueError

REGIONS_SOURCE = "ons_population"
FILE = "regions"


@lru_cache(maxsize=None)
def _regions() -> dict[str, str]:
    # Read once per process: a pack asks for the region of one area many times.
    table = read_table(load_catalogue().source(REGIONS_SOURCE)).sort_values("time_period")
    las = table[table["old_la_code"] != ""]
    return dict(zip(las["old_la_code"], las["region_name"]))  # the latest row wins


def english_region_of(old_la_code: str) -> str | None:
    """The English region an authority is in: its region, or the region its sub-region is part of
    (data/catalogue/regions.yaml: a borough of Outer London is in London)."""
    found = region_of(old_la_code)
    return part_of().get(found, found)


@lru_cache(maxsize=4)
def _definitions(path: str, stamp: int) -> tuple[dict, ...]:
    shown, entries = read_definitions(FILE, "regions")
    if not isinstance(entries, list) or not entries:
        raise CatalogueError(f"{shown}: `regions:` must be a list of regions")
    return tuple(
        check_entry(e, f"{shown}, region {n}", {"name"}, {"parts", "also", "written"}) for n, e in enumerate(entries, 1)
    )


def _regions_defined() -> tuple[dict, ...]:
    path = definitions_path(FILE)
    return _definitions(str(path), path.stat().st_mtime_ns if path.exists() else 0)


def part_of() -> dict[str, str]:
    """A sub-region's name -> the English region it is part of."""
    return {part: region["name"] for region in _regions_defined() for part in region.get("parts", [])}


def region_words() -> dict[str, str]:
    """Every way a region is written (lower case) -> its name as DfE's files write it: the nine
    regions, their parts, and other names a paper uses ("Yorkshire")."""
    words = {}
    for region in _regions_defined():
        for name in (region["name"], *region.get("parts", [])):
            words[name.lower()] = name
        for other in region.get("also", []):
            words[other.lower()] = region["name"]
        for written, part in region.get("written", {}).items():
            words[str(written).lower()] = part
    return words


def region_of(old_la_code: str) -> str | None:
    """The region DfE files an authority under (Inner or Outer London for a London borough), from the ONS population
    file's latest row for it; None for a number the file does not hold."""
    return _regions().get(str(old_la_code))
