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


def test_the_packs_kpis_carry_13_months_with_percent_formats_and_a_trend_sheet(store, tmp_path):
    from croydon_kpi.reports import pack

    report = pack.prepare("2019-10", "synthetic", store)
    report.write_workbook(tmp_path / "pack.xlsx")
    book = openpyxl.load_workbook(tmp_path / "pack.xlsx")
    assert book.sheetnames == ["KPIs", "Trend", "Finance", "Workforce", "Data quality", "Sources"]
    kpis = book["KPIs"]
    header = [cell.value for cell in kpis[3]]
    assert header[3:18] == [
        "Period", "Oct 2018", "Nov 2018", "Dec 2018", "Jan 2019", "Feb 2019", "Mar 2019", "Apr 2019",
        "May 2019", "Jun 2019", "Jul 2019", "Aug 2019", "Sep 2019", "Oct 2019", "Change on the month",
    ]  # fmt: skip
    rows = {row[1].value: row for row in kpis.iter_rows(min_row=4)}
    visits = rows["cp_visits_timely_percent"]
    october = visits[header.index("Oct 2019")]
    shown = report.kpi_table().set_index("Measure").loc["Child protection visits within timescale", "Value"]
    assert october.number_format == "0.0%" and f"{october.value:.0%}" == shown  # 0.92 shown as 92%
    caseload = rows["social_worker_average_caseload"][header.index("Oct 2019")]
    assert caseload.number_format == "0.0" and caseload.value == 15.5
    trend = book["Trend"]
    assert trend.max_column == 3 + 34  # January 2017 to October 2019
    change = visits[header.index("Change on the month")]
    september = visits[header.index("Sep 2019")]
    # A percentage's change is in percentage points (a number of points), never a percent of a percent.
    assert change.number_format == '0.0" pts"'
    assert change.value == round((october.value - september.value) * 100, 10)
