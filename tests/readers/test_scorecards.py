"""Local monthly scorecards, long and wide, CSV and XLSX; rejected rows named."""

import openpyxl
import pytest

from croydon_kpi import load_store
from croydon_kpi.core.schema import tags_of
from croydon_kpi.errors import InputError
from croydon_kpi.readers.scorecards import month_from_header


def test_the_bundled_example_lands_whole(store):
    figures = store.figures[store.figures["source_id"] == "scorecards"]
    assert len(figures) == 20 and (figures["measure"] != "unmapped").all()
    assert set(figures["period_label"]) == {"October 2019"}
    cin = figures[figures["measure"] == "cin_visits_timely_percent"].iloc[0]
    assert (cin["value"], cin["as_written"]) == (79, "79%")
    assert cin["locator"] == "data/sources/scorecards/2019-10_croydon_board_overview.csv, row 17, column 2019-10"
    assert store.rejections.empty


@pytest.mark.parametrize(
    "header, month",
    [
        ("2019-10", (2019, 10)),
        ("Oct-19", (2019, 10)),
        ("October 2019", (2019, 10)),
        ("sept 2020", (2020, 9)),
        ("Total", None),
        ("2019-13", None),
    ],
)
def test_month_headers(header, month):
    assert month_from_header(header) == month


@pytest.fixture
def scorecards(new_project):
    copy, _ = new_project(folders=("data",))
    return copy / "data" / "sources" / "scorecards"


LONG = """measure,area,month,value,numerator,denominator,target
cin_visits_timely_percent,Croydon,2019-11,81,405,500,90
cin_visits_timely_percent,Croydon,2019-11,82,,,
cin_visits_timely_percent,Croydon,2019-12,eighty,,,
cin_visits_timely_percent,Croydon,2019-12,140,,,
cp_children_count,Croydon,2019-12,-4,,,
cp_children_count,Narnia,2019-12,500,,,
cp_children_count,Croydon,2019-13,500,,,
cp_children_count,Croydon,2099-01,500,,,
no_such_measure,Croydon,2019-12,5,,,
cp_children_count,Croydon,2019-12,560,five hundred,,
"""


def test_long_form_rows_land_or_are_rejected_with_file_row_and_reason(scorecards):
    (scorecards / "2019-11_long.csv").write_text(LONG)
    store = load_store()
    landed = store.figures[store.figures["locator"].str.contains("2019-11_long.csv", na=False)]
    assert landed[["measure", "value", "numerator", "denominator", "tags"]].values.tolist() == [
        ["cin_visits_timely_percent", 81, 405, 500, "target_stated=90"]
    ]
    rejected = store.rejections
    assert rejected["row"].tolist() == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert rejected["file"].unique().tolist() == ["data/sources/scorecards/2019-11_long.csv"]
    reasons = dict(zip(rejected["row"], rejected["reason"]))
    assert reasons[3] == "duplicates row 2 (same measure, area and month)"
    assert reasons[4] == "'eighty' is not a number"
    assert reasons[5] == "140 is not a percentage between 0 and 100"
    assert reasons[6] == "negative value -4 for a count"
    assert reasons[7].startswith("unknown area 'Narnia'")
    assert reasons[8] == "expected a month written YYYY-MM from 2000 on"
    assert reasons[9] == "a month in the future"
    assert reasons[10] == "measure 'no_such_measure' is not a catalogue id"
    assert reasons[11] == "'five hundred' is not a number"
    assert len(landed) + len(rejected) == len(LONG.strip().splitlines()) - 1  # nothing dropped


def test_wide_xlsx_maps_aliases_and_rejects_unknown_indicators_naming_the_nearest(scorecards):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indicator", "Area", "Nov-19", "Dec-19"])
    sheet.append(["Timeliness of CIN visits", "Croydon", "81%", "84%"])
    sheet.append(["Number of missing episodes", "Croydon", "37", ""])
    sheet.append(["Timeliness of CLA visits", "Croydon", "", ""])
    book.save(scorecards / "2019-12_wide.xlsx")
    store = load_store()
    landed = store.figures[store.figures["locator"].str.contains("2019-12_wide.xlsx", na=False)]
    assert landed[["measure", "label", "period_label", "value", "unit"]].values.tolist() == [
        ["cin_visits_timely_percent", "Timeliness of CIN visits", "November 2019", 81, "percent"],
        ["cin_visits_timely_percent", "Timeliness of CIN visits", "December 2019", 84, "percent"],
    ]
    reasons = dict(zip(store.rejections["row"], store.rejections["reason"]))
    assert set(reasons) == {3, 4} and reasons[4] == "no value in any month"
    assert reasons[3].startswith("no catalogue measure matches 'Number of missing episodes' (nearest measures: ")
    assert "data/sources/scorecards/indicators.yaml" in reasons[3]
    assert store.rejections.set_index("row").loc[3, "column"] == "indicator"


def test_a_file_in_neither_form_is_named(scorecards):
    (scorecards / "bad.csv").write_text("kpi;value\nx;1\n")
    with pytest.raises(InputError, match=r"bad.csv, row 1: expected the long form columns"):
        load_store()


def test_a_wide_column_that_is_not_a_month_is_named(scorecards):
    (scorecards / "bad.csv").write_text("indicator,area,Total\nCIN,Croydon,5\n")
    with pytest.raises(InputError, match=r"columns \['total'\] are neither months"):
        load_store()


def test_an_xlsx_that_is_not_a_workbook_is_named(scorecards):
    (scorecards / "broken.xlsx").write_bytes(b"not a zip file")
    with pytest.raises(InputError, match="broken.xlsx: not a readable XLSX workbook"):
        load_store()


def test_a_cell_shown_as_a_percentage_is_read_as_the_reader_sees_it(scorecards):
    book = openpyxl.Workbook()
    book.active.append(["measure", "area", "month", "value"])
    book.active.append(["cin_visits_timely_percent", "Croydon", "2019-11", 0.8])
    book.active["D2"].number_format = "0%"
    book.save(scorecards / "2019-11_percent.xlsx")
    landed = load_store().figures
    landed = landed[landed["locator"].str.contains("2019-11_percent.xlsx", na=False)]
    assert landed["value"].tolist() == [80.0]  # shows 80%, stored 0.8: read as 80, never 0.8%


def test_a_wide_row_refused_for_its_area_is_listed_once_not_once_a_month(scorecards):
    (scorecards / "2019-12_wide.csv").write_text(
        "indicator,area,2018-10,2018-11,2018-12\n"
        "Timeliness of CIN visits,Croydn,81%,84%,85%\n"
        "Timeliness of CIN visits,Croydon,81%,840%,85%\n"
    )
    rejected = load_store().rejections
    assert rejected[["row", "column", "reason"]].values.tolist() == [
        [2, "area", "unknown area 'Croydn': expected a local authority, region or England by name"],
        [3, "2018-11", "840% is not a percentage between 0 and 100"],
    ]


# --- a council's own export, as its case-management system writes it ----------------------------------


def test_an_export_is_read_as_it_is_and_what_cannot_be_mapped_is_named(scorecards, write_export):
    write_export(scorecards)
    store = load_store()
    mine = store.figures[store.figures["locator"].str.contains("2025-10_export.xlsx", na=False)]
    assert set(mine["measure"]) == {
        "referrals_no_further_action_percent",
        "cp_plans_second_or_subsequent_percent",
        "cin_visits_timely_percent",
    }
    assert len(mine) == 24 + 24 + 23  # the blank latest CIN cell is no figure, not a zero
    plans = mine[mine["measure"] == "cp_plans_second_or_subsequent_percent"].iloc[-1]
    assert (plans["period_label"], plans["value"], plans["unit"]) == ("October 2025", 22, "percent")
    assert "target_stated=20" in tags_of(plans["tags"]) and "(ref CP02)" in plans["locator"]
    rejected = store.rejections[store.rejections["file"].str.endswith("2025-10_export.xlsx")]
    reasons = dict(zip(rejected["row"], rejected["reason"]))
    assert sorted(reasons) == [4, 5, 7]  # one line per indicator, not one per month
    assert reasons[4].startswith("no catalogue measure matches 'Number of children subject to a CP plan'")
    assert "cp_children_count" in reasons[4]
    assert "cla_three_or_more_placements_percent" in reasons[7]
    # a wording is never matched to a measure of the wrong unit, so no cell is blamed for its % sign
    assert all(reason.startswith("no catalogue measure matches") for reason in reasons.values())


def test_with_the_councils_map_and_own_measure_the_export_reads_clean(scorecards, write_export):
    write_export(scorecards)
    (scorecards / "indicators.yaml").write_text(
        "indicators:\n"
        '  "Number of children subject to a CP plan": cp_children_count\n'
        '  "% CLA with 3+ placements": cla_three_or_more_placements_percent\n'
    )
    (scorecards.parent.parent / "catalogue" / "local_measures.yaml").write_text(
        "measures:\n"
        "  - id: contacts_received_count\n"
        "    title: Contacts received\n"
        "    domain: front_door\n"
        "    unit: count\n"
        "    polarity: neutral\n"
        "    decimals: 0\n"
        "    aliases: [contacts received]\n"
        "    definition: {numerator: Contacts received by the front door in the month}\n"
    )
    store = load_store()
    assert store.rejections.empty
    mine = store.figures[store.figures["locator"].str.contains("2025-10_export.xlsx", na=False)]
    assert mine.groupby("measure").size().to_dict() == {
        "cin_visits_timely_percent": 23,
        "cla_three_or_more_placements_percent": 24,
        "contacts_received_count": 24,
        "cp_children_count": 24,
        "cp_plans_second_or_subsequent_percent": 24,
        "referrals_no_further_action_percent": 24,
    }
    assert store.catalogue.measure("contacts_received_count").is_local


def test_a_polarity_the_measure_contradicts_is_refused_naming_the_row(scorecards, write_export):
    write_export(
        scorecards,
        rows=[
            (
                "CP02",
                "% children subject to a CP plan for a second or subsequent time",
                "Higher is better",
                "",
                [22] * 24,
            )
        ],
    )
    store = load_store()
    reasons = store.rejections["reason"].tolist()
    assert reasons == ["polarity 'Higher is better' contradicts the measure's (lower_is_better)"]
    assert store.rejections.iloc[0]["row"] == 2 and store.rejections.iloc[0]["column"] == "polarity"


def test_a_map_entry_naming_an_unknown_measure_or_the_wrong_unit_is_an_error_naming_the_line(scorecards, write_export):
    write_export(scorecards)
    (scorecards / "indicators.yaml").write_text('indicators:\n  "Number of contacts": contacts_count\n')
    with pytest.raises(InputError, match=r"indicators.yaml, line 2: 'Number of contacts' maps to 'contacts_count'"):
        load_store()
    (scorecards / "indicators.yaml").write_text('indicators:\n  "% referrals resulting in NFA": referrals_count\n')
    with pytest.raises(InputError, match=r"line 2: '% referrals resulting in NFA' says percent but referrals_count"):
        load_store()
