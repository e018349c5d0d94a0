"""Read committee papers (plain text) into figures with extract_figures, dated by their catalogue."""
from __future__ import annotations

from datetime import date

import yaml

from . import project
from .catalogue import Catalogue, Source
from .errors import InputError, read_text
from .extract import extract_figures

CATALOGUE_FILE = "committee_papers/catalogue.yaml"


def paper_catalogue() -> dict[str, dict]:
    """Document id -> its entry in committee_papers/catalogue.yaml."""
    path = project.sources_dir() / CATALOGUE_FILE
    entries = yaml.safe_load(read_text(path)).get("documents") or []
    return {entry["id"]: entry for entry in entries}


def _period(entry: dict, path) -> tuple[date, date, str]:
    refers = entry.get("figures_refer_to")
    if not isinstance(refers, dict) or not {"start", "end", "label"} <= set(refers):
        raise InputError(path, f"document {entry.get('id')!r}", "figures_refer_to needs start, end and label")
    return refers["start"], refers["end"], refers["label"]


def read_paper(source: Source, catalogue: Catalogue):
    entries = paper_catalogue()
    catalogue_path = project.sources_dir() / CATALOGUE_FILE
    if source.id not in entries:
        raise InputError(catalogue_path, None, f"no document {source.id!r} (listed in sources.yaml)")
    return extract_figures(read_text(source.path), source_id=source.id,
                           period=_period(entries[source.id], catalogue_path), catalogue=catalogue)
