"""Which region DfE files each local authority under, from the ONS mid-year population file (the
source `ons_population` in sources.yaml), whose rows name every authority's region."""

from __future__ import annotations

from functools import lru_cache

from croydon_kpi.catalogue.ees_tables import read_table
from croydon_kpi.catalogue.measures import load_catalogue

REGIONS_SOURCE = "ons_population"


@lru_cache(maxsize=None)
def _regions() -> dict[str, str]:
    # Read once per process: a pack asks for the region of one area many times.
    table = read_table(load_catalogue().source(REGIONS_SOURCE)).sort_values("time_period")
    las = table[table["old_la_code"] != ""]
    return dict(zip(las["old_la_code"], las["region_name"]))  # the latest row wins


# DfE's files split London into Inner and Outer London for some measures; the English region (one of
# the nine, as the pack compares with) of a borough in either is London.
SUB_REGION_OF = {"Inner London": "London", "Outer London": "London"}


def english_region_of(old_la_code: str) -> str | None:
    """The English region an authority is in (London for an Inner or Outer London borough)."""
    found = region_of(old_la_code)
    return SUB_REGION_OF.get(found, found)


def region_of(old_la_code: str) -> str | None:
    """The region DfE files an authority under (Inner or Outer London for a London borough), from the ONS population
    file's latest row for it; None for a number the file does not hold."""
    return _regions().get(str(old_la_code))
