"""The KPI table: value, target, RAG, change, SPC and the published comparison."""

from croydon_kpi.reports.pack.kpis import kpi_table


def test_a_kpi_row_says_what_is_known_and_what_is_not(october):
    row = kpi_table(october).set_index("Measure").loc["Child protection plans that were a second or subsequent plan"]
    assert row["Value"] == "17%" and row["Target"] == "no target stated" and row["RAG"] == "no target"
    assert row["SPC"] == "fewer than 13 monthly figures: no SPC"
    assert row["Published comparison"] == (
        "Croydon 16.7% (year to 31 Mar 2018); statistical neighbours 15.8%; London 14.9%; England 20.2%"
    )
