"""The pack's workbook sheets, from the same computation as the page."""

from croydon_kpi.reports import pack
from croydon_kpi.reports.pack.workbook_sheets import MONTHS_SHOWN, pack_sheets


def test_the_kpis_sheet_has_13_months_and_the_trend_sheet_every_month(store):
    report = pack.prepare("2019-10", "synthetic", store)
    sheets, kinds, notes = pack_sheets(report)
    kpis = sheets["KPIs"].set_index("Measure id")
    assert list(kpis.columns[3 : 3 + MONTHS_SHOWN]) == [
        "Oct 2018", "Nov 2018", "Dec 2018", "Jan 2019", "Feb 2019", "Mar 2019", "Apr 2019",
        "May 2019", "Jun 2019", "Jul 2019", "Aug 2019", "Sep 2019", "Oct 2019",
    ]  # fmt: skip
    caseload = kpis.loc["social_worker_average_caseload"]
    assert caseload["Oct 2019"] == 15.5 and caseload["Period"] == "October 2019"
    assert round(caseload["Change on the month"], 1) == round(caseload["Oct 2019"] - caseload["Sep 2019"], 1)
    assert kinds["KPIs"]["Oct 2019"] == "by_unit:Unit"  # each cell's format from its row's unit
    assert len(sheets["Trend"].columns) == 3 + 34 and "13 months" in notes["KPIs"]


def test_the_data_quality_sheet_lists_what_the_page_lists(store):
    report = pack.prepare("2019-10", "Croydon", store)
    quality = pack_sheets(report)[0]["Data quality"]
    assert set(quality["Kind"]) >= {"sources disagree", "caveat", "missing or rejected"}
    assert (quality["Kind"] == "sources disagree").sum() == len(report.conflicts_table())
