"""The workforce section against neighbours and comparators."""

from croydon_kpi.reports.pack.workforce import workforce_numbers, workforce_table


def test_agency_social_workers_against_neighbours_london_and_england(october):
    row = workforce_table(october).set_index("Measure").loc["Agency social workers"]
    assert (row["Croydon"], row["Statistical neighbours"], row["London"], row["England"]) == (
        "46.6%",
        "24.5%",  # the neighbours' median
        "25.7%",
        "15.4%",
    )
    assert row["Rank (1 = best)"] == "150 of 151" and row["Quartile (A = best)"] == "D"


def test_the_numbers_keep_the_comparators_as_columns(october):
    assert list(workforce_numbers(october).columns)[5:8] == ["Statistical neighbours", "London", "England"]
