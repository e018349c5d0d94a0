"""The KPI table: value, target, RAG, change, SPC and the published comparison."""

from croydon_kpi.reports.pack.kpis import kpi_table


def test_a_kpi_row_says_what_is_known_and_what_is_not(october):
    row = kpi_table(october).set_index("Measure").loc["Child protection plans that were a second or subsequent plan"]
    assert row["Value"] == "17%" and row["Target"] == "no target stated" and row["RAG"] == "no target"
    assert row["Variation and assurance (SPC)"] == "1 monthly figure(s): too few for SPC (it needs 12)"
    assert row["Published comparison"] == (
        "Croydon 16.7% (year to 31 Mar 2018); statistical neighbours (median, DfE April 2021 model, the earliest "
        "bundled) 15.2%; London 14.9%; England 20.2%"
    )


def test_a_target_the_councils_export_states_gives_a_rag_and_the_others_say_none(warm_project_copy, write_export):
    from croydon_kpi.reports import pack

    write_export(warm_project_copy / "data" / "sources" / "scorecards")
    table = pack.prepare("2025-10", "Barnsley").kpi_table().set_index("Measure")
    placements = table.loc["Child protection plans that were a second or subsequent plan"]
    assert (placements["Value"], placements["Target"], placements["RAG"]) == ("22%", "20%", "red")
    nfa = table.loc["Referrals ending in no further action"]
    assert (nfa["Target"], nfa["RAG"]) == ("no target stated", "no target")


def _months(values, symbols=None):
    import pandas as pd

    starts = pd.date_range("2018-01-01", periods=len(values), freq="MS")
    return pd.DataFrame(
        {
            "period_start": starts,
            "period_end": starts + pd.offsets.MonthEnd(0),
            "period_label": [f"{s:%B %Y}" for s in starts],
            "value": values,
            "symbol": symbols or [None] * len(values),
        }
    )


def test_a_change_is_never_shown_beside_a_suppressed_figure(store):
    import pandas as pd

    from croydon_kpi.reports.pack.kpis import month_change

    measure = store.catalogue.measure("cp_visits_timely_percent")
    april = pd.Timestamp("2018-04-01")
    assert month_change(_months([50, 60, 70, None], [None, None, None, "c"]), april, measure) == "suppressed this month"
    # the month before suppressed: "up 43" beside it would give the suppressed figure back by subtraction
    assert month_change(_months([50, 60, None, 93], [None, None, "c", None]), april, measure) == (
        "not shown: the month before is suppressed"
    )
    assert month_change(_months([50, 60, 70, 93]), april, measure).startswith("Up 23 percentage points")


def test_no_suppressed_figure_can_be_worked_out_from_two_numbers_the_pack_publishes(store):
    """For every suppressed figure of the synthetic borough, the packs of its month and the month
    after publish it nowhere (KPI table, the workbook's KPIs and Trend sheets), and publish no change
    whose either end is suppressed: a published change and one published value would give it back."""
    import pandas as pd

    from croydon_kpi.reports import pack
    from croydon_kpi.reports.pack.workbook_sheets import pack_sheets

    figures = store.figures
    synthetic = figures[figures["area_name"] == "Synthetic"]
    hidden = synthetic[synthetic["symbol"].notna() & (synthetic["frequency"] == "month")]
    assert len(hidden) >= 3  # the synthetic borough has small counts to suppress
    for figure in hidden.itertuples():
        measure = store.catalogue.measure(figure.measure)
        month = pd.Period(figure.period_start, "M")
        for shown in (month, month + 1):
            report = pack.prepare(str(shown), "synthetic", store)
            row = report.kpi_table().set_index("Measure").loc[measure.title]
            kpis = pack_sheets(report)[0]["KPIs"].set_index("Measure id").loc[figure.measure]
            trend = pack_sheets(report)[0]["Trend"].set_index("Measure id").loc[figure.measure]
            label = f"{month:%b %Y}"
            assert pd.isna(kpis[label]) and pd.isna(trend[label]), (figure.measure, label, shown)
            assert pd.isna(kpis["Change on the month"]), (figure.measure, shown)
            expected = "suppressed this month" if shown == month else "not shown: the month before is suppressed"
            assert row["Change on the month"] == expected
