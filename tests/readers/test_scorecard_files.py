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


def test_random_numbers_round_trip_exactly_through_a_workbook(tmp_path):
    """Property: whatever number a cell stores, the reader reads that number, digit for digit."""
    import random

    generator = random.Random(24)
    numbers = [generator.choice([generator.uniform(0, 1e7), generator.randint(0, 10**12), generator.random()])
               for _ in range(300)]  # fmt: skip
    numbers += [123456.75, 12.3456789, 1234567.5, 1e16, 0.1 + 0.2]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["value"])
    for number in numbers:
        sheet.append([number])
    book.save(tmp_path / "numbers.xlsx")
    read = read_table(tmp_path / "numbers.xlsx")["value"].tolist()
    stored = [row[0].value for row in openpyxl.load_workbook(tmp_path / "numbers.xlsx").active.iter_rows(min_row=2)]
    assert [float(text) for text in read] == [float(n) for n in stored]  # what the cell holds, every digit
    assert "e" not in "".join(read).lower()  # never exponent form, which the value parser refuses


def test_a_percentage_cell_is_read_as_shown_without_a_floats_tail():
    from croydon_kpi.readers.scorecard_files import exact_number

    assert exact_number(0.845, percent=True) == "84.5" and exact_number(0.3, percent=True) == "30"
    assert exact_number(123456.75) == "123456.75" and exact_number(1234567.5) == "1234567.5"


def test_a_value_is_stored_as_written_in_the_workbook(warm_project_copy):
    from croydon_kpi import load_store

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["measure", "area", "month", "value"])
    sheet.append(["cp_children_count", "Croydon", "2019-11", 123456.75])
    sheet.append(["social_worker_average_caseload", "Croydon", "2019-11", 12.3456789])
    book.save(warm_project_copy / "data" / "sources" / "scorecards" / "exact.xlsx")
    store = load_store()
    mine = store.figures[store.figures["locator"].str.contains("exact.xlsx", na=False)].set_index("measure")
    assert mine.loc["cp_children_count", "value"] == 123456.75
    assert mine.loc["social_worker_average_caseload", "value"] == 12.3456789
    assert mine.loc["social_worker_average_caseload", "as_written"] == "12.3456789"
