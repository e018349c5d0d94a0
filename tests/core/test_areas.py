"""Areas by name, GSS code or DfE number; a clear error for an unknown one."""

import pandas as pd
import pytest

from croydon_kpi.core import areas
from croydon_kpi.errors import InputError, UnknownArea

TABLE = pd.DataFrame(
    {
        "area_code": ["E09000008", "E09000023", "E13000002", "E92000001"],
        "old_la_code": ["306", "209", None, None],
        "area_name": ["Croydon", "Lewisham", "Outer London", "England"],
        "area_level": ["local_authority", "local_authority", "regional", "national"],
    }
)


@pytest.mark.parametrize("wanted", ["Lewisham", "lewisham ", "E09000023", "209"])
def test_an_area_by_name_code_or_number(wanted):
    found = areas.resolve(TABLE, wanted)
    assert (found.name, found.code, found.old_la_code) == ("Lewisham", "E09000023", "209")
    assert found.fields == {
        "area_code": "E09000023",
        "old_la_code": "209",
        "area_name": "Lewisham",
        "area_level": "local_authority",
    }


def test_an_unknown_area_suggests_close_names():
    with pytest.raises(UnknownArea, match="unknown area 'Lewishm'.*did you mean Lewisham"):
        areas.resolve(TABLE, "Lewishm")


def test_a_source_file_naming_no_area_or_an_unknown_one_is_named():
    figures = TABLE.assign(value=1.0)
    with pytest.raises(InputError, match="papers.yaml, document 'x': no `area:`"):
        areas.area_named(figures, None, "papers.yaml", "document 'x'")
    with pytest.raises(InputError, match="papers.yaml, document 'x': unknown area 'Narnia'"):
        areas.area_named(figures, "Narnia", "papers.yaml", "document 'x'")


def test_lookup_keeps_the_newest_code_for_each_dfe_number():
    lookup = areas.AreaLookup.from_figures(TABLE)
    assert lookup.by_old_code["306"] == ("E09000008", "Croydon")
    assert lookup.by_region_name == {"Outer London": "E13000002", "England": "E92000001"}
