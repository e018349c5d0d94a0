"""A scorecard file as its cells show, and month headers as exports write them."""

import datetime

import openpyxl
import pytest

from croydon_kpi.readers.scorecard_files import month_from_header, read_table


@pytest.mark.parametrize(
    "header, month",
    [
        ("2019-10", (2019, 10)),
        ("2025-11-01", (2025, 11)),  # an Excel date heading a column, as the workbook stores it
        ("2025-11-30", (2025, 11)),  # any day of the month
        ("10/2019", (2019, 10)),
        ("01/10/2019", (2019, 10)),
        ("Oct-19", (2019, 10)),
        ("Oct 2019", (2019, 10)),
        ("October 2019", (2019, 10)),
        ("Sept-20", (2020, 9)),
        ("2019-13", None),
        ("Q3 2019", None),
        ("Total", None),
        ("1999-12", None),
    ],
)
def test_month_headers_as_exports_write_them(header, month):
    assert month_from_header(header) == month


def test_an_excel_date_formatted_mmm_yy_heads_its_month(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indicator", "Area", datetime.datetime(2025, 11, 1), datetime.datetime(2025, 12, 1)])
    for cell in sheet[1][2:]:
        cell.number_format = "mmm-yy"
    sheet.append(["% re-referrals within 12 months", "Barnsley", 0.21, 0.2])
    for cell in sheet[2][2:]:
        cell.number_format = "0%"
    book.save(tmp_path / "export.xlsx")
    table = read_table(tmp_path / "export.xlsx")
    assert [month_from_header(c) for c in table.columns[2:]] == [(2025, 11), (2025, 12)]
    assert table.iloc[0, 2:].tolist() == ["21", "20"]  # shown as percentages: read as the reader sees them
