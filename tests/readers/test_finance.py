"""Public finance statements into figures: each as written, in exact pounds, for the file's area."""

import pandas as pd
import pytest

from croydon_kpi import load_catalogue
from croydon_kpi.catalogue.measures import Source
from croydon_kpi.errors import InputError
from croydon_kpi.readers.finance import read_finance_statements

AREAS = pd.DataFrame(
    {
        "area_code": ["E09000008", "E09000023"],
        "old_la_code": ["306", "209"],
        "area_name": ["Croydon", "Lewisham"],
        "area_level": "local_authority",
    }
)
STATEMENT = """area: Lewisham
figures:
  - measure: earmarked_reserves_improvement_gbp
    as_written: "£1.5m"
    statement: "£1.5m from reserves"
    financial_year: "2017/18"
    source: "Cabinet, a date"
    known_from: 2017-09-18
    address: null
"""


def read(tmp_path, text):
    path = tmp_path / "finance.yaml"
    path.write_text(text)
    return read_finance_statements(
        Source("finance", str(path), "finance_statements", "t", "p", {}), load_catalogue(), AREAS
    )


def test_a_statement_for_the_files_area_in_exact_pounds(tmp_path):
    row = read(tmp_path, STATEMENT).iloc[0]
    assert (row["area_name"], row["value"], row["as_written"], row["period_label"]) == (
        "Lewisham",
        1_500_000,
        "£1.5m",
        "2017-18",
    )
    assert row["note"] == "no web address recorded" and row["available_from"] == pd.Timestamp("2017-09-18")


def test_a_figure_whose_first_statement_is_undated_is_in_no_monthly_pack(tmp_path):
    row = read(tmp_path, STATEMENT.replace("    known_from: 2017-09-18\n", "")).iloc[0]
    assert row["available_from"].year > 2200 and "no monthly pack shows it" in row["note"]


def test_a_source_that_does_not_say_recurring_or_one_off_overrides_the_usual_nature(tmp_path):
    row = read(tmp_path, STATEMENT.replace("    address: null\n", "    address: null\n    nature: null\n")).iloc[0]
    assert row["tags"] == "money_nature=not_stated"
    with pytest.raises(InputError, match="nature 'sometimes' is not one of"):
        read(tmp_path, STATEMENT.replace("    address: null\n", "    address: null\n    nature: sometimes\n"))


def test_an_entry_may_name_its_own_area(tmp_path):
    row = read(tmp_path, STATEMENT.replace("    address: null\n", "    address: null\n    area: Croydon\n")).iloc[0]
    assert row["area_name"] == "Croydon"


@pytest.mark.parametrize(
    "change, message",
    [
        (("area: Lewisham\n", ""), "line 2 \\(figures\\[0\\]\\): no `area:`"),
        (("area: Lewisham", "area: Narnia"), "line 3 \\(figures\\[0\\]\\): unknown area 'Narnia'"),
        (('"£1.5m"', '"lots"'), "figures\\[0\\]\\): cannot read 'lots' as money"),
        (('"£1.5m"', '"-£1.5m"'), "figures\\[0\\]\\): a negative amount \\(-1,500,000\\) for earmarked_reserves"),
        (('"2017/18"', '"2019"'), "cannot read '2019' as a financial year"),
        (('"2017/18"', '"2098/99"'), "financial year 2098-99 has not begun"),
        (("known_from: 2017-09-18", "known_from: soon"), "known_from 'soon' is not a date"),
        (("known_from: 2017-09-18", "known_from: 2099-09-18"), "known_from 2099-09-18 is in the future"),
        (('    source: "Cabinet, a date"\n', ""), "figures\\[0\\]\\): missing \\['source'\\]"),
    ],
)
def test_bad_entries_are_named(tmp_path, change, message):
    with pytest.raises(InputError, match=message):
        read(tmp_path, STATEMENT.replace(*change))
