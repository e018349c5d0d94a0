"""DfE EES CSV files into figures, as the catalogue's mappings say."""

import pytest

from croydon_kpi import load_catalogue
from croydon_kpi.catalogue.measures import Source
from croydon_kpi.errors import InputError
from croydon_kpi.readers.ees import read_ees

HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,"
    "la_name,new_la_code,population_type,population_estimate,children_count,rate_per_10000\n"
)
LINES = (
    "2025,Reporting year,National,E92000001,England,,,,,,"
    "Children looked after on 31 March each year,12183016,81770,67\n"
    "2025,Reporting year,Local authority,E92000001,England,E13000002,Outer London,306,Croydon,E09000008,"
    "Children looked after on 31 March each year,93945,547,58\n"
    "2025,Reporting year,Local authority,E92000001,England,E13000002,Outer London,306,Croydon,E09000008,"
    "Children ceasing to be looked after each year,93945,244,26\n"
)


def read(tmp_path, text):
    path = tmp_path / "cla.csv"
    path.write_text(text, encoding="utf-8")
    catalogue = load_catalogue()
    source = Source("dfe_cla", str(path), "ees_csv", "test", "DfE", {})
    mappings = [m for m in catalogue.mappings("dfe_cla") if m[0].id == "cla_rate_per_10k"]
    return read_ees(source, mappings)


def test_a_rate_with_its_numerator_denominator_line_and_period(tmp_path):
    figures = read(tmp_path, HEADER + LINES).set_index("area_name")
    croydon = figures.loc["Croydon"]
    assert (croydon["value"], croydon["numerator"], croydon["denominator"]) == (58, 547, 93945)
    assert croydon["locator"] == "line 3" and croydon["period_label"] == "31 Mar 2025"
    assert croydon["old_la_code"] == "306" and croydon["area_code"] == "E09000008"
    assert figures.loc["England", "value"] == 67 and len(figures) == 2  # the filter kept one population type


def test_a_suppressed_cell_keeps_its_symbol_and_no_value(tmp_path):
    figures = read(tmp_path, HEADER + LINES.replace("93945,547,58", "93945,c,c", 1)).set_index("area_name")
    assert (
        figures.loc["Croydon", "symbol"] == "c" and figures.loc["Croydon", "value"] != figures.loc["Croydon", "value"]
    )
    assert figures.loc["Croydon", "tags"] == "suppressed=c"


def test_a_short_row_is_named_by_line(tmp_path):
    with pytest.raises(InputError, match=r"cla.csv, line 3: 13 fields, expected 14"):
        read(tmp_path, HEADER + LINES.replace(",58\n", "\n", 1))
