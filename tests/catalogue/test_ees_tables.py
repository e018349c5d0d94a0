"""The EES CSV layout: a file read as text columns, with its line numbers, or refused naming the line."""

from types import SimpleNamespace

import pytest

from croydon_kpi.catalogue.ees_tables import AREA_KEYS, read_table
from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.errors import InputError

HEADER = "time_period,geographic_level,country_code,country_name,population_estimate\n"


def table_of(tmp_path, text: str):
    path = tmp_path / "file.csv"
    path.write_text(text, encoding="utf-8")
    return read_table(SimpleNamespace(path=path, id="test"))


def test_a_bundled_file_reads_as_text_with_its_line_numbers():
    table = read_table(load_catalogue().source("ons_population"))
    assert table.iloc[0]["geographic_level"] == "National" and table.iloc[0]["country_name"] == "England"
    assert table["_line"].iloc[:2].tolist() == [2, 3]  # the header is line 1
    assert all(isinstance(value, str) for value in table.iloc[0][AREA_KEYS])


def test_a_missing_area_key_is_an_empty_column(tmp_path):
    table = table_of(tmp_path, HEADER + "2024,National,E92000001,England,12183016\n")
    assert table.iloc[0]["old_la_code"] == "" and table.iloc[0]["region_code"] == ""


@pytest.mark.parametrize(
    "text, message",
    [
        (HEADER + "2024,National,E92000001\n", r"line 2.*3 fields, expected 5"),
        (
            "time_period,time_period,geographic_level,country_code,country_name\n",
            r"duplicated columns \['time_period'\]",
        ),
        (
            "time_period,geographic_level,country_name\n2024,National,England\n",
            r"missing EES columns \['country_code'\]",
        ),
    ],
)
def test_a_file_not_in_the_layout_is_refused_naming_the_line(tmp_path, text, message):
    with pytest.raises(InputError, match=message):
        table_of(tmp_path, text)
