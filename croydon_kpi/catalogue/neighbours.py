"""DfE children's services statistical neighbours: each authority's ten closest, in each model
data/catalogue/neighbour_models.yaml defines (catalogue/neighbour_models.py reads it)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.catalogue.neighbour_models import NeighbourModel, neighbour_models
from croydon_kpi.core.files import read_text
from croydon_kpi.errors import InputError

NEIGHBOURS = 10


@dataclass(frozen=True)
class ModelChoice:
    model: str
    name: str  # "DfE April 2021 model"
    note: str | None  # why an anachronistic model is used, where one is

    @property
    def shown(self) -> str:
        """The model as a figure's label names it: a stand-in says so beside every figure, not only
        in the report's notes ("DfE April 2021 model, the earliest bundled")."""
        return f"{self.name}, the earliest bundled" if self.note else self.name


def model_for(day: date) -> ModelChoice:
    """The statistical-neighbour model in use on a day: the latest published by then. Before any
    bundled model existed, the earliest, and a note that says so (the same rule everywhere, so one
    build never shows two neighbour averages for one measure and period)."""
    day = pd.Timestamp(day).date()
    by_start = sorted(neighbour_models().values(), key=lambda model: model.in_use_from)
    usable = [model for model in by_start if model.in_use_from <= day]
    if usable:
        return ModelChoice(usable[-1].id, usable[-1].name, None)
    earliest = by_start[0]
    return ModelChoice(
        earliest.id,
        earliest.name,
        # Only what the bundle says: DfE's statistical-neighbour models go back to 2007, but none
        # in use on this day is bundled (never "none had been published").
        f"no statistical-neighbour model in use by {day:%B %Y} is bundled; the earliest bundled, "
        f"the {earliest.name}, is used in its place",
    )


def _definition(model: str | None) -> NeighbourModel:
    models = neighbour_models()
    if model is None:
        return max(models.values(), key=lambda found: found.in_use_from)
    if model not in models:
        raise ValueError(f"unknown statistical neighbour model {model!r}: expected one of {sorted(models)}")
    return models[model]


@lru_cache(maxsize=None)
def _read(path: Path, stamp: int):
    text = read_text(path)
    # Read by position: a file may repeat one header for every closeness column (the 2021 file's "SNP").
    table = pd.read_csv(io.StringIO(text), dtype=str, header=None, skiprows=1, keep_default_na=False)
    header = next(csv.reader(io.StringIO(text)), [])
    return table, header


def statistical_neighbours(old_la_code: str, model: str | None = None) -> pd.DataFrame:
    """rank, old_la_code, closeness of an authority's ten statistical neighbours (by DfE number),
    in the model named (its id, "2021"), by default the latest."""
    definition = _definition(model)
    source = load_catalogue().source(definition.source)
    stamp = source.path.stat().st_mtime_ns if source.path.exists() else 0  # an edited file is read again
    # Worked out once per file content: a report asks once per measure compared (a copy each time).
    return _neighbours(str(old_la_code), definition, source.path, stamp).copy()


@lru_cache(maxsize=None)
def _neighbours(old_la_code: str, definition: NeighbourModel, path: Path, stamp: int) -> pd.DataFrame:
    table, header = _read(path, stamp)
    number_column = _position(header, definition.authority_number_column, path, definition)
    found = table[table[number_column].str.strip() == str(old_la_code)]
    if found.empty:  # an authority made after the model was (a reorganisation's new council): none in it
        return pd.DataFrame(columns=["rank", "old_la_code", "closeness"])
    row = found.iloc[0]
    ranks = []
    for rank in range(1, NEIGHBOURS + 1):
        column = _position(header, definition.neighbour_header(rank), path, definition)
        _check_closeness_header(header, column + 1, rank, path, definition)
        code, closeness = str(row[column]).strip(), str(row[column + 1]).strip()
        if not code.isdigit():
            raise InputError(path, f"line {found.index[0] + 2}", f"neighbour {rank} is {code!r}, expected an LA number")
        ranks.append({"rank": rank, "old_la_code": code, "closeness": closeness})
    return pd.DataFrame(ranks)


def _position(header: list[str], name: str, path: Path, definition: NeighbourModel) -> int:
    if name not in header:
        raise InputError(
            path, "line 1", f"no column {name!r} (data/catalogue/neighbour_models.yaml, model {definition.id})"
        )
    return header.index(name)


def _check_closeness_header(
    header: list[str], position: int, rank: int, path: Path, definition: NeighbourModel
) -> None:
    # Closeness is read as the column after its neighbour's: a file laid out otherwise is refused, not misread.
    expected = definition.closeness_header(rank)
    if position >= len(header) or header[position] != expected:
        found = header[position] if position < len(header) else "nothing"
        raise InputError(path, "line 1", f"neighbour {rank}'s closeness column should be {expected!r}, found {found!r}")


def neighbour_names(store, area: str) -> pd.DataFrame:
    """Every model's ten neighbours side by side, by name."""
    place = store.area(area)
    names = store.names_by_la_number()
    table = pd.DataFrame({"Rank": range(1, NEIGHBOURS + 1)})
    for model in neighbour_models():
        found = statistical_neighbours(place.old_la_code, model)
        table[f"{model} model"] = found["old_la_code"].map(names).fillna(found["old_la_code"]).tolist()
        table[f"{model} closeness"] = found["closeness"].tolist()
    return table
