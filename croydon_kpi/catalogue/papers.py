"""The committee-paper catalogue (the source `committee_papers_catalogue` in sources.yaml): each
paper's title, body, meeting date and the period its figures refer to, under the id sources.yaml
gives the paper. readers/papers.py dates the papers' figures by it; reports name their sources by it."""

from __future__ import annotations

from pathlib import Path

from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.core.files import read_yaml
from croydon_kpi.errors import InputError

PAPER_CATALOGUE_SOURCE = "committee_papers_catalogue"


def paper_catalogue_path() -> Path:
    """Where the catalogue is, as sources.yaml says (found by its source id, never by a path of its own)."""
    return load_catalogue().source(PAPER_CATALOGUE_SOURCE).path


def paper_catalogue() -> dict[str, dict]:
    """Document id -> its entry in the catalogue; each entry's `area` is its own or the
    catalogue's (a folder of one council's papers says it once)."""
    path = paper_catalogue_path()
    loaded = read_yaml(path) or {}
    if not isinstance(loaded, dict):
        raise InputError(path, "line 1", "expected a mapping with `documents:`")
    entries = loaded.get("documents") or []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise InputError(
                path, f"documents[{index}]", "each document needs an `id` (the name sources.yaml gives it)"
            )
    return {entry["id"]: {"area": loaded.get("area"), **entry} for entry in entries}
