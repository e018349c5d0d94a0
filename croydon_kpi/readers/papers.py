"""Read committee papers (plain text) into figures with extract_figures, dated by their catalogue."""
from __future__ import annotations

from datetime import date

import pandas as pd

from croydon_kpi.core import project
from croydon_kpi.core.areas import area_named
from croydon_kpi.catalogue.measures import Catalogue, Source
from croydon_kpi.errors import InputError
from croydon_kpi.core.files import read_text, read_yaml
from croydon_kpi.readers.extract import extract_figures

CATALOGUE_FILE = "committee_papers/catalogue.yaml"


def paper_catalogue() -> dict[str, dict]:
    """Document id -> its entry in committee_papers/catalogue.yaml; each entry's `area` is its own
    or the catalogue's (a folder of one council's papers says it once)."""
    path = project.sources_dir() / CATALOGUE_FILE
    loaded = read_yaml(path) or {}
    entries = loaded.get("documents") or []
    return {entry["id"]: {"area": loaded.get("area"), **entry} for entry in entries}


def _period(entry: dict, path) -> tuple[date, date, str]:
    refers = entry.get("figures_refer_to")
    if not isinstance(refers, dict) or not {"start", "end", "label"} <= set(refers):
        raise InputError(path, f"document {entry.get('id')!r}", "figures_refer_to needs start, end and label")
    return refers["start"], refers["end"], refers["label"]


def read_paper(source: Source, catalogue: Catalogue, so_far: pd.DataFrame):
    entries = paper_catalogue()
    catalogue_path = project.sources_dir() / CATALOGUE_FILE
    if source.id not in entries:
        raise InputError(catalogue_path, None, f"no document {source.id!r} (listed in sources.yaml)")
    entry = entries[source.id]
    area = area_named(so_far, entry.get("area"), catalogue_path, f"document {source.id!r}")
    figures = extract_figures(read_text(source.path), source_id=source.id,
                              period=_period(entry, catalogue_path), catalogue=catalogue, area=area.fields)
    # Known when the paper was written: its meeting date, else the end of the period it reports on.
    written = pd.Timestamp(entry.get("meeting_date") or entry["figures_refer_to"]["end"])
    figures["available_from"] = figures["period_end"].where(figures["period_end"] < written, written)
    return figures


def read(source: Source, catalogue: Catalogue, so_far: pd.DataFrame):
    """The registry's entry point: (figures, no rejections)."""
    return read_paper(source, catalogue, so_far), None
