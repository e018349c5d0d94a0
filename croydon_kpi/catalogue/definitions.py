"""Definitions kept as data under data/catalogue/: each file read safely, checked for its shape and
for keys nobody reads (a misspelt key would otherwise be ignored for good)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from croydon_kpi.core import project
from croydon_kpi.errors import CatalogueError, InputError


def definitions_path(name: str) -> Path:
    """data/catalogue/<name>.yaml of the project (or of the run's snapshot of data/)."""
    return project.data_dir() / "catalogue" / f"{name}.yaml"


def read_definitions(name: str, top: str) -> tuple[str, object]:
    """The file's `top:` entry, with the file's name as a user sees it (for messages)."""
    from croydon_kpi.core.files import read_yaml

    path = definitions_path(name)
    shown = project.relative(path)
    try:
        loaded = read_yaml(path)
    except InputError as error:
        raise CatalogueError(str(error)) from None
    if not isinstance(loaded, dict) or top not in loaded:
        raise CatalogueError(f"{shown}: expected a mapping with a `{top}:` entry at the top level")
    unknown = sorted(set(loaded) - {top})
    if unknown:
        raise CatalogueError(f"{shown}: unknown top-level key(s) {', '.join(unknown)}: expected only `{top}:`")
    return shown, loaded[top]


def check_entry(entry: object, where: str, required: set[str], optional: set[str] = frozenset()) -> dict:
    """One entry: a mapping holding every required key and nothing that is not read."""
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: expected a mapping, found {type(entry).__name__}")
    missing = sorted(required - set(entry))
    if missing:
        raise CatalogueError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(entry) - required - set(optional))
    if unknown:
        known = ", ".join(sorted(required | set(optional)))
        raise CatalogueError(f"{where}: unknown key(s) {', '.join(map(str, unknown))} (known keys: {known})")
    return entry


def check_date(value: object, where: str) -> date:
    """A date written as a YAML date (2019-10-31); text that only looks like one is refused."""
    if not isinstance(value, date):
        raise CatalogueError(f"{where}: {value!r} is not a date (expected YYYY-MM-DD)")
    return value
