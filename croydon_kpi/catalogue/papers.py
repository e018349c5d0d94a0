"""The committee-paper catalogue (the source `committee_papers_catalogue` in sources.yaml): each
paper's title, body, meeting date and the period its figures refer to, under the id sources.yaml
gives the paper. readers/papers.py dates the papers' figures by it; reports name their sources by it."""

from __future__ import annotations

from pathlib import Path

from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.core.files import entry_where, read_yaml, yaml_entry_lines
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
    if not isinstance(entries, list):
        raise InputError(path, "documents", "expected a list of documents, each with id and file")
    lines = yaml_entry_lines(path, "documents")
    for index, entry in enumerate(entries):
        where = entry_where(lines, "documents", index)
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise InputError(path, where, "each document needs an `id` (the name sources.yaml gives it)")
        _check_file(path, where, entry)
    return {entry["id"]: {"area": loaded.get("area"), **entry} for entry in entries}


def _check_file(path: Path, where: str, entry: dict) -> None:
    """A document's `file:` is a paper beside the catalogue, and the one sources.yaml lists under
    its id: a catalogue entry describing a file that is not there would date nothing, silently."""
    name = entry.get("file")
    if not isinstance(name, str) or not name.strip():
        raise InputError(path, where, f"document {entry['id']!r} needs `file:` (the paper's name in this folder)")
    if not (path.parent / name).is_file():
        raise InputError(
            path,
            where,
            f"document {entry['id']!r}: file {name[:80]!r} is not in {path.parent.name}/; expected a paper there",
        )
    listed = load_catalogue().sources.get(entry["id"])
    if listed is not None and Path(listed.file).name != name:
        raise InputError(
            path,
            where,
            f"document {entry['id']!r}: file {name[:80]!r}, but sources.yaml lists {listed.file!r} under that id",
        )
