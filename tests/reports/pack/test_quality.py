"""The data quality section: disagreements, caveats, what is missing."""

from croydon_kpi.reports.pack.quality import caveats_table, conflicts_table, missing_table


def test_disagreements_caveats_and_gaps_are_listed(october):
    assert len(conflicts_table(october)) == 2 and len(caveats_table(october)) == 3
    missing = missing_table(october)
    assert {
        "What": "Supervision within timescale, Social Work with Families service",
        "Why": "the paper judges it but states no value",
    } in missing.to_dict("records")


def test_only_conflicts_of_the_packs_month_and_the_year_to_it_are_listed(october):
    # Croydon, October 2019: two, both the board's 587 children on CP plans in October 2019
    # (the paper's and the scorecard's) against the scrutiny minutes' 100 that autumn (1 September
    # to 15 October), inside the window of 12 months to 31 October 2019. The month's figures set
    # against DfE's annual ones are not conflicts at all (store/reconcile.py).
    table = conflicts_table(october)
    assert set(table["Measure"]) == {"Children subject to a child protection plan"}
    assert all("autumn 2019" in a + b for a, b in zip(table["One source"], table["The other"]))


def test_a_conflict_before_the_window_is_left_out(october):
    import dataclasses

    import pandas as pd

    from croydon_kpi.catalogue.report_settings import report_settings
    from croydon_kpi.core import schema
    from croydon_kpi.store.figure_store import FigureStore

    def month(source_id: str, value: float, start: str) -> dict:
        end = pd.Timestamp(start) + pd.offsets.MonthEnd(0)
        return {
            **dict(measure="cp_children_count", label="CP", area_name="Croydon", area_level="local_authority"),
            **dict(period_start=start, period_end=end, period_label=f"{pd.Timestamp(start):%B %Y}", frequency="month"),
            **dict(kind="level", value=value, unit="count", bound="exact", status="reported"),
            **dict(source_id=source_id, locator="row 1", quote=f"{value:g}", as_written=f"{value:g}"),
        }

    paper = "cabinet_2019_11_18_report_improvement_board"
    rows = [
        month(s, v, start)
        for start in ("2018-10-01", "2018-11-01", "2019-10-01")
        for s, v in ((paper, 100), ("scorecards", 587))
    ]
    store = FigureStore(schema.conform(pd.DataFrame(rows)), october.store.catalogue)
    assert len(store.conflicts()) == 3
    table = conflicts_table(dataclasses.replace(october, store=store))
    assert report_settings().data_quality_months == 12
    # November 2018 to October 2019 is the window: October 2018 is a year and more before the month's end.
    assert [cell.split("; ")[0] for cell in table["One source"]] == ["100 (November 2018", "100 (October 2019"]
