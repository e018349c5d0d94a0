"""The DfE LAIT long file into figures: GSS codes borrowed from EES, symbols kept, regions named as EES names them."""

import pandas as pd
import pytest

from croydon_kpi import load_catalogue
from croydon_kpi.catalogue.measures import Source
from croydon_kpi.core.areas import AreaLookup
from croydon_kpi.errors import InputError
from croydon_kpi.readers.lait import read_lait

EES_AREAS = pd.DataFrame(
    {
        "area_code": ["E09000008", "E13000002", "E92000001"],
        "old_la_code": ["306", None, None],
        "area_name": ["Croydon", "Outer London", "England"],
        "area_level": ["local_authority", "regional", "national"],
    }
)


def read(tmp_path, values):
    rows = pd.DataFrame(
        {
            "Short Desc": "TotalLACFinance",
            "Years": ["2018-19 (OT)"] * 3,
            "LA and Regions": ["Croydon", "London (Outer)", "England"],
            "Values": values,
            "LA Number": [306.0, 983.0, 970.0],
        }
    )
    path = tmp_path / "lait.parquet"
    rows.to_parquet(path)
    catalogue = load_catalogue()
    source = Source("lait", str(path), "lait_parquet", "test", "DfE", {})
    mappings = [m for m in catalogue.mappings("lait") if m[0].id == "s251_cla_gross_spend_gbp"]
    return read_lait(source, mappings, AreaLookup.from_figures(EES_AREAS))


def test_s251_rows_become_figures_with_codes_and_periods(tmp_path):
    figures = read(tmp_path, ["49212905.0", "-", "3.1e9"]).set_index("area_name")
    assert figures.loc["Croydon", "value"] == 49_212_905 and figures.loc["Croydon", "area_code"] == "E09000008"
    assert figures.loc["Croydon", "period_label"] == "2018-19" and figures.loc["Croydon", "locator"] == "row 0"
    assert figures.loc["Outer London", "symbol"] == "-" and figures.loc["Outer London", "area_code"] == "E13000002"
    assert figures.loc["England", "area_level"] == "national"


def test_a_value_that_is_neither_number_nor_symbol_is_named(tmp_path):
    with pytest.raises(InputError, match=r"lait.parquet, row 1, column Values: 'n/a' is neither a number nor a symbol"):
        read(tmp_path, ["1", "n/a", "2"])
