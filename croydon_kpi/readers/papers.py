"""Read committee papers (plain text) into figures with extract_figures, dated by their catalogue."""

from __future__ import annotations

from datetime import date

import pandas as pd

from croydon_kpi.catalogue.measures import Catalogue, Source
from croydon_kpi.catalogue.papers import paper_catalogue, paper_catalogue_path
from croydon_kpi.core import project, schema
from croydon_kpi.core.areas import area_named
from croydon_kpi.core.files import read_text
from croydon_kpi.errors import InputError
from croydon_kpi.readers.extract import extract_figures


def _period(refers, path, where: str) -> tuple[date, date, str]:
    if not isinstance(refers, dict) or not {"start", "end", "label"} <= set(refers):
        raise InputError(path, where, "figures_refer_to needs start, end and label")
    return refers["start"], refers["end"], refers["label"]


def _sections(entry: dict, path) -> list[dict]:
    """Paragraphs with a period of their own, and when their figures were first known (a
    performance overview the paper reproduces from an earlier Board meeting)."""
    sections = entry.get("sections") or []
    for index, section in enumerate(sections):
        where = f"document {entry.get('id')!r} sections[{index}]"
        if not isinstance(section, dict) or not isinstance(section.get("paragraphs"), list):
            raise InputError(path, where, "expected paragraphs (a list such as ['3.16']) and figures_refer_to")
        _period(section.get("figures_refer_to"), path, where)
    return sections


def _known_from(figures: pd.DataFrame, entry: dict, sections: list[dict]) -> pd.Series:
    """A paper's figure is known from the paper's date (its meeting, else the end of the period it
    reports on), or from the date a section says its figures were first reported."""
    written = pd.Timestamp(entry.get("meeting_date") or entry["figures_refer_to"]["end"])
    known = pd.Series(written, index=figures.index)
    paragraphs = figures["locator"].str.extract(r"^paragraph ([\d.]+),", expand=False)
    for section in sections:
        if section.get("known_from"):
            known = known.where(
                ~paragraphs.isin([str(p) for p in section["paragraphs"]]), pd.Timestamp(section["known_from"])
            )
    return known


def read_paper(source: Source, catalogue: Catalogue, so_far: pd.DataFrame):
    entries = paper_catalogue()
    catalogue_path = paper_catalogue_path()
    if source.id not in entries:
        raise InputError(catalogue_path, None, f"no document {source.id!r} (listed in sources.yaml)")
    entry = entries[source.id]
    area = area_named(so_far, entry.get("area"), catalogue_path, f"document {source.id!r}")
    where = f"document {source.id!r}"
    sections = _sections(entry, catalogue_path)
    by_paragraph = {
        str(p): _period(s["figures_refer_to"], catalogue_path, where) for s in sections for p in s["paragraphs"]
    }
    unreadable: list[dict] = []
    figures = extract_figures(
        read_text(source.path),
        source_id=source.id,
        period=_period(entry.get("figures_refer_to"), catalogue_path, where),
        catalogue=catalogue,
        area=area.fields,
        sections=by_paragraph,
        unreadable=unreadable,
    )
    figures["available_from"] = _known_from(figures, entry, sections)
    rejected = pd.DataFrame(
        {
            "file": project.relative(source.path),
            "row": [u["line"] for u in unreadable],
            "column": "text",
            "value": [u["sentence"] for u in unreadable],
            "reason": [u["reason"] for u in unreadable],
        },
        columns=schema.REJECTION_COLUMNS,
    )
    return figures, rejected


def read(source: Source, catalogue: Catalogue, so_far: pd.DataFrame):
    """The registry's entry point: (figures, the sentences the extractor could not read)."""
    figures, rejected = read_paper(source, catalogue, so_far)
    return figures, rejected if len(rejected) else None
