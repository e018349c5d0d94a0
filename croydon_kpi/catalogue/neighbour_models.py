"""The DfE statistical-neighbour models as data (data/catalogue/neighbour_models.yaml): which source
holds each, when it came into use, and which columns hold an authority's number, its neighbours
and their closeness. Read and checked here; catalogue/neighbours.py reads the models' files."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from croydon_kpi.catalogue.definitions import check_date, check_entry, definitions_path, read_definitions
from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.core import project
from croydon_kpi.errors import CatalogueError

FILE = "neighbour_models"
KEYS = {
    "id",
    "source",
    "name",
    "in_use_from",
    "authority_number_column",
    "neighbour_column",
    "closeness_column",
}
RANK = "rank"  # the one placeholder a column pattern may hold


@dataclass(frozen=True)
class NeighbourModel:
    id: str  # "2021"
    source: str  # its id in data/sources/sources.yaml
    name: str  # "DfE April 2021 model"
    in_use_from: date
    authority_number_column: str
    neighbour_column: str  # a pattern: "SN{rank}"
    closeness_column: str  # a pattern ("SN_{rank}P") or one header every rank shares ("SNP")

    def neighbour_header(self, rank: int) -> str:
        return self.neighbour_column.format(rank=rank)

    def closeness_header(self, rank: int) -> str:
        return self.closeness_column.format(rank=rank)


def neighbour_models() -> dict[str, NeighbourModel]:
    """Every model by id, in the file's order (the order reports show them in); read once per
    content of the file and of sources.yaml (each model's source is checked against it)."""
    path = definitions_path(FILE)
    sources = project.sources_dir() / "sources.yaml"
    return _models(str(path), _stamp(path), _stamp(sources))


def _stamp(path) -> int:
    return path.stat().st_mtime_ns if path.exists() else 0


@lru_cache(maxsize=4)
def _models(path: str, stamp: int, sources_stamp: int) -> dict[str, NeighbourModel]:
    shown, entries = read_definitions(FILE, "models")
    if not isinstance(entries, list) or not entries:
        raise CatalogueError(f"{shown}: `models:` must be a list of statistical-neighbour models")
    sources = load_catalogue().sources
    models: dict[str, NeighbourModel] = {}
    for number, entry in enumerate(entries, start=1):
        model = _model(entry, f"{shown}, model {number}", sources)
        if model.id in models:
            raise CatalogueError(f"{shown}, model {number}: id {model.id!r} is given twice")
        if any(other.in_use_from == model.in_use_from for other in models.values()):
            # model_for takes the latest in use: two on one day would leave the choice to file order
            raise CatalogueError(f"{shown}, model {number}: another model is in use from {model.in_use_from}")
        models[model.id] = model
    return models


def _model(entry: object, where: str, sources: dict) -> NeighbourModel:
    check_entry(entry, where, KEYS)
    texts = {key: _text(entry[key], f"{where}, {key}") for key in KEYS - {"in_use_from"}}
    if texts["source"] not in sources:
        raise CatalogueError(f"{where}, source: {texts['source']!r} is not in data/sources/sources.yaml")
    _pattern(texts["neighbour_column"], f"{where}, neighbour_column", rank_required=True)
    _pattern(texts["closeness_column"], f"{where}, closeness_column", rank_required=False)
    return NeighbourModel(in_use_from=check_date(entry["in_use_from"], f"{where}, in_use_from"), **texts)


def _text(value: object, where: str) -> str:
    # An unquoted year (id: 2021) is a number in YAML: refused, so an id is always the text written.
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f'{where}: expected text (quote a year: "2021"), found {value!r}')
    return value


def _pattern(pattern: str, where: str, rank_required: bool) -> None:
    try:
        named = {field for _, field, _, _ in string.Formatter().parse(pattern) if field is not None}
    except ValueError as error:  # an unmatched brace
        raise CatalogueError(f"{where}: {error}") from None
    if named - {RANK}:
        raise CatalogueError(f"{where}: unknown placeholder(s) {sorted(named - {RANK})} (known: ['{RANK}'])")
    if rank_required and RANK not in named:
        raise CatalogueError(f"{where}: {pattern!r} needs {{{RANK}}}, the neighbour's rank (1 to 10)")
