"""DfE children's services statistical neighbours: each authority's ten closest, 2021 and 2025 models."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.core.files import read_text
from croydon_kpi.errors import InputError

# model -> (source id, column of the authority's number, prefix of its neighbour columns, of their closeness)
MODELS = {
    "2021": ("dfe_statistical_neighbours_2021", "LA num", "SN", "SNP"),
    "2025": ("dfe_statistical_neighbours_2025", "old_la_code", "SN_", "SN_{}P"),
}
# When each model could first be used, to the precision its source gives: the 2021 file is dated
# April 2021; the 2025 model only by its year, so it counts from the end of 2025.
IN_USE_FROM = {"2021": date(2021, 4, 30), "2025": date(2025, 12, 31)}
MODEL_NAMES = {"2021": "DfE April 2021 model", "2025": "DfE 2025 model"}
NEIGHBOURS = 10


@dataclass(frozen=True)
class ModelChoice:
    model: str
    name: str  # "DfE April 2021 model"
    note: str | None  # why an anachronistic model is used, where one is


def model_for(day: date) -> ModelChoice:
    """The statistical-neighbour model in use on a day: the latest published by then. Before any
    bundled model existed, the earliest, and a note that says so (the same rule everywhere, so one
    build never shows two neighbour averages for one measure and period)."""
    day = pd.Timestamp(day).date()
    usable = [model for model, start in sorted(IN_USE_FROM.items(), key=lambda item: item[1]) if start <= day]
    if usable:
        return ModelChoice(usable[-1], MODEL_NAMES[usable[-1]], None)
    earliest = min(IN_USE_FROM, key=IN_USE_FROM.get)
    return ModelChoice(
        earliest,
        MODEL_NAMES[earliest],
        f"no statistical-neighbour model had been published by {day:%B %Y}; the earliest bundled, "
        f"the {MODEL_NAMES[earliest]}, is used",
    )


@lru_cache(maxsize=None)
def _read(model: str):
    if model not in MODELS:
        raise ValueError(f"unknown statistical neighbour model {model!r}: expected one of {sorted(MODELS)}")
    source = load_catalogue().sources[MODELS[model][0]]
    text = read_text(source.path)
    # The 2021 file repeats the header "SNP" for every closeness column: read by position.
    table = pd.read_csv(io.StringIO(text), dtype=str, header=None, skiprows=1, keep_default_na=False)
    header = pd.read_csv(io.StringIO(text), dtype=str, nrows=0).columns
    return table, list(header), source


def statistical_neighbours(old_la_code: str, model: str = "2025") -> pd.DataFrame:
    """rank, old_la_code, closeness of an authority's ten statistical neighbours (by DfE number)."""
    return _neighbours(str(old_la_code), model).copy()  # a report asks once per measure compared


@lru_cache(maxsize=None)
def _neighbours(old_la_code: str, model: str) -> pd.DataFrame:
    table, header, source = _read(model)
    number_column = header.index(MODELS[model][1])
    found = table[table[number_column].str.strip() == str(old_la_code)]
    if found.empty:
        raise InputError(source.path, None, f"no authority with number {old_la_code!r} in the {model} model")
    row = found.iloc[0]
    first = header.index("SN1" if model == "2021" else "SN_1")
    ranks = []
    for rank in range(1, NEIGHBOURS + 1):
        code = str(row[first + 2 * (rank - 1)]).strip()
        closeness = str(row[first + 2 * (rank - 1) + 1]).strip()
        if not code.isdigit():
            raise InputError(
                source.path, f"line {found.index[0] + 2}", f"neighbour {rank} is {code!r}, expected an LA number"
            )
        ranks.append({"rank": rank, "old_la_code": code, "closeness": closeness})
    return pd.DataFrame(ranks)


def neighbour_names(store, area: str) -> pd.DataFrame:
    """Both models' ten neighbours side by side, by name."""
    place = store.area(area)
    names = store.names_by_la_number()
    table = pd.DataFrame({"Rank": range(1, NEIGHBOURS + 1)})
    for model in MODELS:
        found = statistical_neighbours(place.old_la_code, model)
        table[f"{model} model"] = found["old_la_code"].map(names).fillna(found["old_la_code"]).tolist()
        table[f"{model} closeness"] = found["closeness"].tolist()
    return table
