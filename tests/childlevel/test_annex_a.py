"""Annex A lists: validation names file, row and column, never a child's data."""

import pytest

from croydon_kpi.childlevel import annex_a


def test_a_malformed_list_names_file_row_and_column(tmp_path):
    path = tmp_path / "list7.csv"
    path.write_text(
        "Child Unique ID,Gender,Child Protection Plan Start Date,"
        "Number of Previous Child Protection Plans,Allocated Team,Allocated Worker\n"
        "C1,Male,01/10/2019,0,Team A,Worker A\n"
        "C2,Mle,31/02/2019,two,Team A,Worker B\n"
    )
    with pytest.raises(annex_a.AnnexAError) as raised:
        annex_a.read_list(path, "list_7_child_protection")
    problems = raised.value.problems
    assert (3, "Gender", "the value is not one of ['Male', 'Female', 'Not stated/recorded', 'Neither']") in problems
    assert (3, "Child Protection Plan Start Date", "the value is not a date (DD/MM/YYYY)") in problems
    assert (3, "Number of Previous Child Protection Plans", "the value is not a whole number") in problems
    assert str(raised.value).startswith("list7.csv, row 3, column Gender:") and "(and 2 more problems)" in str(
        raised.value
    )


def test_missing_columns_and_aliases(tmp_path):
    path = tmp_path / "list9.csv"
    path.write_text("Child ID,Sex,LA in Touch\nC1,F,yes\n")
    with pytest.raises(annex_a.InputError, match="missing columns \\['Allocated Personal Advisor'\\]"):
        annex_a.read_list(path, "list_9_care_leavers")
    path.write_text("Child ID,Sex,LA in Touch,Allocated Personal Advisor\nC1,b) Female,a) Yes,PA\n")
    read = annex_a.read_list(path, "list_9_care_leavers")
    assert read.loc[0, ["Gender", "LA in Touch"]].tolist() == ["Female", "Yes"]


def test_identifiers_never_appear_in_errors(tmp_path):
    path = tmp_path / "list7.csv"
    path.write_text(
        "Child Unique ID,Gender,Child Protection Plan Start Date,"
        "Number of Previous Child Protection Plans,Allocated Team,Allocated Worker\n"
        ",Male,01/10/2019,0,Team A,Jane Worker\n"
    )
    with pytest.raises(annex_a.AnnexAError) as raised:
        annex_a.read_list(path, "list_7_child_protection")
    assert "Jane" not in str(raised.value)


def test_no_cell_of_a_child_level_list_reaches_a_message(tmp_path):
    # A list without its header row, and a row shifted by a missing field: identifiers and dates
    # of birth sit where names and codes belong. No message may quote them.
    identifiers_and_births = ["C100001", "C100002", "01/02/2012", "14/07/2009"]
    headless = tmp_path / "headless.csv"
    headless.write_text("C100001,Male,01/02/2012,0,Team A,Worker A\nC100002,Female,14/07/2009,1,Team B,Worker B\n")
    shifted = tmp_path / "shifted.csv"
    shifted.write_text(
        "Child Unique ID,Gender,Child Protection Plan Start Date,Number of Previous Child Protection Plans,"
        "Allocated Team,Allocated Worker\nC100001,01/02/2012,14/07/2009,Team A,Worker A,\n"
    )
    for path in (headless, shifted):
        with pytest.raises(annex_a.InputError) as raised:
            annex_a.read_list(path, "list_7_child_protection")
        message = " ".join([str(raised.value), *map(str, getattr(raised.value, "problems", []))])
        assert not any(value in message for value in identifiers_and_births), message
