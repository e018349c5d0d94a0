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
    assert (3, "Number of Previous Child Protection Plans", "the value is not a whole number of 0 or more") in problems
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


LIST_7 = (
    "Child Unique ID,Gender,Date of Birth,Child Protection Plan Start Date,"
    "Number of Previous Child Protection Plans,Allocated Team,Allocated Worker\n"
)


def test_a_negative_count_and_a_placeholder_date_are_refused_without_quoting_them(tmp_path):
    path = tmp_path / "list7.csv"
    path.write_text(LIST_7 + "C100001,Male,01/01/1900,01/10/2019,-1,Team A,Worker A\n")
    with pytest.raises(annex_a.AnnexAError) as raised:
        annex_a.read_list(path, "list_7_child_protection")
    problems = raised.value.problems
    assert (2, "Number of Previous Child Protection Plans", "the value is not a whole number of 0 or more") in problems
    assert (
        2,
        "Date of Birth",
        "a placeholder date, not a real one; expected the real date, or the cell left blank",
    ) in (problems)
    assert "1900" not in str(raised.value) and "C100001" not in str(raised.value)


def test_a_workbook_of_several_lists_is_read_by_the_lists_sheet_or_refused_naming_them(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "List 6"
    book.active.append(["Child Unique ID", "Gender"])
    sheet = book.create_sheet("List 7 - Child Protection")
    for line in (LIST_7 + "C1,Male,01/01/2012,01/10/2019,0,Team A,Worker A\n").splitlines():
        sheet.append(line.split(","))
    book.save(tmp_path / "lists.xlsx")
    read = annex_a.read_list(tmp_path / "lists.xlsx", "list_7_child_protection")
    assert len(read) == 1 and read.loc[0, "Allocated Team"] == "Team A"
    with pytest.raises(annex_a.InputError, match=r"sheets List 6, List 7 - Child Protection: several sheets hold"):
        annex_a.read_list(tmp_path / "lists.xlsx", "list_8_children_looked_after")
