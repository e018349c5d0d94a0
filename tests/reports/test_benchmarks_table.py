"""The benchmarks report: rates and percentages against the neighbour model in use, London and England."""

from croydon_kpi.reports.benchmarks_table import all_benchmarks, neighbours_table, summary


def test_every_published_rate_for_the_area_and_year(store):
    table = all_benchmarks(store, "Croydon", 2019).set_index("Measure")
    assert {
        "Period",
        "Croydon",
        "Statistical neighbours (median)",
        "London",
        "England",
        "Rank (1 = best)",
        "Quartile (A = best)",
    } <= set(table.columns)
    agency = table.loc["Agency social workers"]
    assert (agency["Period"], agency["Croydon"], agency["England"], agency["Rank (1 = best)"]) == (
        "30 Sep 2019",
        "38.5%",
        "15.8%",
        "145 of 150",
    )
    assert (
        table.loc["Children looked after per 10,000 children", "Rank (1 = best)"] == "not ranked (no better direction)"
    )
    assert "Children in need at any point in the year" not in table.index  # a count is not set against England's total


def test_the_summary_names_the_model_and_why_it_is_used(store):
    words = summary(store, "Croydon", 2019)
    assert (
        "DfE April 2021 model" in words and "no statistical-neighbour model in use by December 2019 is bundled" in words
    )
    assert neighbours_table(store, "Croydon", 2019)["Authority"].tolist()[:2] == ["Enfield", "Waltham Forest"]
