"""The measure catalogue (data/catalogue/measures.yaml) and the source registry (data/sources/sources.yaml).

Both are data. This module reads them with yaml.safe_load only, checks them, and answers
questions about them; it computes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from croydon_kpi.catalogue.definitions import check_entry
from croydon_kpi.core import project, schema
from croydon_kpi.errors import CatalogueError, UnknownMeasure

PERIOD_TYPES = ("snapshot_31_march", "year_to_31_march", "snapshot_30_september", "mid_year", "financial_year")
MONEY_NATURES = ("recurring", "one_off", "outturn")
_REQUIRED_MEASURE_FIELDS = {"id", "title", "domain", "unit", "polarity", "decimals", "aliases", "definition"}
# Every other key a measure may have: a key in neither list is refused, not ignored (a misspelt
# `targt:` would otherwise leave the measure without its target and nobody told).
_OPTIONAL_MEASURE_FIELDS = {"target", "target_source", "target_note", "money", "national_sources"}
_MAPPING_FIELDS = {
    "source",
    "period",
    "filter",
    "value",
    "numerator",
    "denominator",
    "denominator_sum",
    "denominator_row",
    "short_desc",
    "label",
}


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    reader: str
    title: str
    publisher: str
    provenance: dict

    @property
    def path(self) -> Path:
        return project.sources_dir() / self.file

    @property
    def is_folder(self) -> bool:
        """A source that is a folder of files (`file:` ends in /), read as one."""
        return self.file.endswith("/")


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    domain: str
    unit: str
    polarity: str
    decimals: int
    aliases: tuple[str, ...]
    definition: dict
    target: float | None = None
    target_source: str | None = None
    target_note: str | None = None
    money: str | None = None
    national_sources: tuple[dict, ...] = field(default_factory=tuple)
    origin: str = "catalogue"  # "local": the council's own (data/catalogue/local_measures.yaml), never benchmarked

    @property
    def is_local(self) -> bool:
        return self.origin == "local"

    @property
    def spc_improvement(self) -> str:
        """Which way is improvement on an SPC chart: the one mapping from the measure's polarity."""
        return SPC_IMPROVEMENT[self.polarity]

    def source_rank(self, source_id: str) -> int:
        """Where a source stands in this measure's preference order (unlisted sources last)."""
        for rank, mapping in enumerate(self.national_sources):
            if mapping["source"] == source_id:
                return rank
        return len(self.national_sources)


# The council's own measures, beside the catalogue (same fields; never benchmarked).
LOCAL_MEASURES = "local_measures.yaml"

# A measure's polarity as the improvement direction of statistical process control (analysis/spc.py).
SPC_IMPROVEMENT = {"higher_is_better": "increase", "lower_is_better": "decrease", "neutral": "neutral"}


@dataclass(frozen=True)
class Catalogue:
    measures: dict[str, Measure]
    sources: dict[str, Source]

    def measure(self, measure_id: str) -> Measure:
        try:
            return self.measures[measure_id]
        except KeyError:
            raise UnknownMeasure(f"no measure {measure_id!r} in {project.relative(project.catalogue_path())}") from None

    def source(self, source_id: str) -> Source:
        """A source by its id in sources.yaml: how reference data finds its file (never by a path of its own)."""
        try:
            return self.sources[source_id]
        except KeyError:
            shown = project.relative(project.sources_dir() / "sources.yaml")
            raise CatalogueError(f"no source {source_id!r} in {shown}") from None

    def mappings(self, source_id: str) -> list[tuple[Measure, dict]]:
        """(measure, how to read it) for every measure the source feeds."""
        return [
            (measure, mapping)
            for measure in self.measures.values()
            for mapping in measure.national_sources
            if mapping["source"] == source_id
        ]

    def frame(self):
        import pandas as pd

        rows = [
            {
                "id": m.id,
                "title": m.title,
                "domain": m.domain,
                "unit": m.unit,
                "polarity": m.polarity,
                "decimals": m.decimals,
                "target": m.target,
                "target_note": m.target_note,
                "national_sources": ", ".join(s["source"] for s in m.national_sources),
            }
            for m in self.measures.values()
        ]
        return pd.DataFrame(rows)


def _read_yaml(path: Path) -> dict:
    from croydon_kpi.core.files import read_yaml
    from croydon_kpi.errors import InputError

    try:
        loaded = read_yaml(path)
    except InputError as error:
        raise CatalogueError(str(error)) from None
    if not isinstance(loaded, dict):
        raise CatalogueError(f"{project.relative(path)}: expected a mapping at the top level")
    return loaded


def _check(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise CatalogueError(f"{where}: {message}")


def _load_sources(path: Path) -> dict[str, Source]:
    entries = _read_yaml(path).get("sources")
    _check(isinstance(entries, dict), project.relative(path), "expected a `sources:` mapping")
    sources = {}
    for source_id, entry in entries.items():
        where = f"{project.relative(path)} source {source_id!r}"
        _check(isinstance(entry, dict), where, "expected a mapping")
        for key in ("file", "reader", "title", "publisher"):
            _check(isinstance(entry.get(key), str), where, f"missing `{key}`")
        # Which reader names exist is the readers registry's to say (readers/registry.py checks it).
        sources[source_id] = Source(
            source_id, entry["file"], entry["reader"], entry["title"], entry["publisher"], entry.get("provenance") or {}
        )
    return sources


def _check_mapping(mapping: object, where: str, sources: dict[str, Source]) -> dict:
    check_entry(mapping, where, required=set(), optional=_MAPPING_FIELDS)
    _check(mapping.get("source") in sources, where, f"source {mapping.get('source')!r} is not in sources.yaml")
    _check(
        mapping.get("period") in PERIOD_TYPES, where, f"period {mapping.get('period')!r} is not one of {PERIOD_TYPES}"
    )
    return mapping


def _load_measure(entry: object, where: str, sources: dict[str, Source], local: bool = False) -> Measure:
    if local:  # the council's own: no published source to benchmark against; its title is its wording
        entry = {"aliases": [entry.get("title")], **entry} if isinstance(entry, dict) else entry
        check_entry(entry, where, _REQUIRED_MEASURE_FIELDS, _OPTIONAL_MEASURE_FIELDS - {"national_sources"})
    check_entry(entry, where, _REQUIRED_MEASURE_FIELDS, _OPTIONAL_MEASURE_FIELDS)
    _check(entry["domain"] in schema.DOMAINS, where, f"domain {entry['domain']!r} is not one of {schema.DOMAINS}")
    _check(entry["unit"] in schema.UNITS, where, f"unit {entry['unit']!r} is not one of {schema.UNITS}")
    _check(
        entry["polarity"] in schema.POLARITIES,
        where,
        f"polarity {entry['polarity']!r} is not one of {schema.POLARITIES}",
    )
    _check(
        isinstance(entry["decimals"], int) and 0 <= entry["decimals"] <= 4, where, "decimals must be a whole number 0-4"
    )
    _check(isinstance(entry["aliases"], list), where, "aliases must be a list")
    target = entry.get("target")
    _check(target is None or entry.get("target_source"), where, "a target needs `target_source` (never invent one)")
    _check(
        (entry["unit"] == "gbp") == (entry.get("money") in MONEY_NATURES),
        where,
        f"a gbp measure needs `money:` one of {MONEY_NATURES} (and only a gbp measure has one)",
    )
    mappings = entry.get("national_sources") or []
    _check(isinstance(mappings, list), where, "national_sources must be a list")
    checked = tuple(_check_mapping(m, f"{where} national_sources[{i}]", sources) for i, m in enumerate(mappings))
    return Measure(
        id=entry["id"],
        title=entry["title"],
        domain=entry["domain"],
        unit=entry["unit"],
        polarity=entry["polarity"],
        decimals=entry["decimals"],
        aliases=tuple(str(alias) for alias in entry["aliases"]),
        definition=entry["definition"] or {},
        target=target,
        target_source=entry.get("target_source"),
        target_note=entry.get("target_note"),
        money=entry.get("money"),
        national_sources=checked,
        origin="local" if local else "catalogue",
    )


def load_catalogue(catalogue_path: Path | None = None, sources_path: Path | None = None) -> Catalogue:
    """The measure catalogue and the sources registry. Parsed once per content of the two files:
    the safe YAML loader is slow, and one pack asks for the catalogue several times."""
    catalogue_path = Path(catalogue_path or project.catalogue_path())
    sources_path = Path(sources_path or project.sources_dir() / "sources.yaml")
    local_path = catalogue_path.parent / LOCAL_MEASURES
    keys = (_content_key(catalogue_path), _content_key(sources_path), _content_key(local_path))
    return _parsed_catalogue(catalogue_path, sources_path, *keys)


def _content_key(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # the reader below gives the error, naming the file


@lru_cache(maxsize=8)
def _parsed_catalogue(catalogue_path: Path, sources_path: Path, catalogue_key, sources_key, local_key) -> Catalogue:
    sources = _load_sources(sources_path)
    measures: dict[str, Measure] = {}
    _add_measures(measures, catalogue_path, sources, local=False)
    if local_key is not None:  # the council's own measures, if it keeps any
        _add_measures(measures, catalogue_path.parent / LOCAL_MEASURES, sources, local=True)
    return Catalogue(measures, sources)


def _add_measures(measures: dict[str, Measure], path: Path, sources: dict[str, Source], local: bool) -> None:
    loaded = _read_yaml(path)
    entries = loaded.get("measures")
    _check(
        isinstance(entries, list) or (local and entries is None), project.relative(path), "expected a `measures:` list"
    )
    for index, entry in enumerate(entries or []):
        label = entry.get("id") if isinstance(entry, dict) else None
        where = f"{project.relative(path)} measures[{index}] ({label or 'no id'})"
        measure = _load_measure(entry, where, sources, local)
        _check(
            measure.id not in measures,
            where,
            f"duplicate id {measure.id!r}" + (" (the catalogue has it: use it, or choose another id)" if local else ""),
        )
        _check(
            measure.id.replace("_", "").isalnum() and measure.id == measure.id.lower(), where, "id must be snake_case"
        )
        measures[measure.id] = measure
