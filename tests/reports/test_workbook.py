"""Workbooks for analysis: numbers as numbers, frozen header, filters, formula-safe text, same bytes."""

import hashlib

import openpyxl
import pandas as pd

from croydon_kpi.reports.workbook import safe_text, write_workbook


def test_numbers_are_numbers_with_formats_header_frozen_and_filtered(tmp_path):
    path = tmp_path / "book.xlsx"
    frame = pd.DataFrame(
        {"Measure": ["Agency social workers", "Caseload"], "Value": [38.5, 16.6], "Pounds": [22_200_000, None]}
    )
    write_workbook(
        {"KPIs": frame}, path, kinds={"KPIs": {"Value": "number", "Pounds": "gbp"}}, notes={"KPIs": "A note"}
    )
    sheet = openpyxl.load_workbook(path)["KPIs"]
    assert sheet["A1"].value == "A note" and sheet["A3"].value == "Measure"
    assert sheet["B4"].value == 38.5 and sheet["C4"].value == 22_200_000 and sheet["C4"].number_format.startswith("£")
    assert sheet["C5"].value is None  # missing stays empty, never 0
    assert sheet.freeze_panes == "A4" and sheet.auto_filter.ref == "A3:C5"
    assert sheet.column_dimensions["A"].width >= len("Agency social workers")


def test_text_never_becomes_a_formula(tmp_path):
    path = tmp_path / "book.xlsx"
    write_workbook({"Sheet": pd.DataFrame({"Text": ["=HYPERLINK(1)", "{=40+40}", "@SUM(A1)", "plain"]})}, path)
    cells = [row[0].value for row in openpyxl.load_workbook(path)["Sheet"].iter_rows(min_row=2)]
    assert cells == ["'=HYPERLINK(1)", "'{=40+40}", "'@SUM(A1)", "plain"]
    assert safe_text("-5") == "'-5"


def test_two_writes_of_the_same_tables_give_the_same_bytes(tmp_path):
    frame = pd.DataFrame({"Measure": ["x"], "Value": [1.5]})
    digests = []
    for name in ("a.xlsx", "b.xlsx"):
        write_workbook({"KPIs": frame}, tmp_path / name, kinds={"KPIs": {"Value": "number"}})
        digests.append(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert digests[0] == digests[1]
