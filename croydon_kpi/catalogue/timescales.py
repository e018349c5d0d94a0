"""The child-level engine's timescales as versioned rule sets (data/catalogue/childlevel_parameters.yaml):
each set takes effect on its date and inherits the set before it, so a 2019 list is scored with
the rules of 2019, not today's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from croydon_kpi.catalogue.definitions import check_date, check_entry, definitions_path, read_definitions
from croydon_kpi.errors import CatalogueError, ParameterError

FILE = "childlevel_parameters"


@dataclass(frozen=True)
class RuleSet:
    effective_from: date
    source: str
    parameters: dict  # every parameter's value in this set (inherited ones included)


def rule_sets() -> tuple[RuleSet, ...]:
    """Every set, oldest first; read once per content of the file."""
    path = definitions_path(FILE)
    return _rule_sets(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=4)
def _rule_sets(path: str, stamp: int) -> tuple[RuleSet, ...]:
    shown, versions = read_definitions(FILE, "versions")
    if not isinstance(versions, list) or not versions:
        raise CatalogueError(f"{shown}: `versions:` must be a list of rule sets")
    sets, values = [], {}
    for number, entry in enumerate(versions, start=1):
        where = f"{shown}, version {number}"
        check_entry(entry, where, {"from", "source", "parameters"})
        effective = check_date(entry["from"], f"{where}, from")
        if sets and effective <= sets[-1].effective_from:
            raise CatalogueError(
                f"{where}: from {effective} is not after the version before ({sets[-1].effective_from})"
            )
        changes = entry["parameters"] or {}
        if not isinstance(changes, dict):
            raise CatalogueError(f"{where}: `parameters:` must be a mapping of name to value")
        if sets and (unknown := sorted(set(changes) - set(values))):
            raise CatalogueError(
                f"{where}: unknown parameter(s) {', '.join(unknown)} (the first version names every one)"
            )
        values = {**values, **changes}
        sets.append(RuleSet(effective, str(entry["source"]), dict(values)))
    return tuple(sets)


def rule_set_for(month_end) -> RuleSet:
    """The set in effect on a month's last day; a month before the first set is refused."""
    day = pd.Timestamp(month_end).date()
    usable = [rules for rules in rule_sets() if rules.effective_from <= day]
    if not usable:
        first = rule_sets()[0].effective_from
        raise ParameterError(
            f"month {day:%Y-%m}: the child-level rules bundled start on {first:%d %B %Y} "
            f"({definitions_path(FILE).name}); add the rules in effect then, with their source"
        )
    return usable[-1]


def parameter_names() -> tuple[str, ...]:
    return tuple(rule_sets()[-1].parameters)
