"""The improvement journey up to the month."""

from croydon_kpi.reports.pack.journey import timeline


def test_the_journey_starts_with_the_2017_inspection(october):
    first = timeline(october).iloc[0]
    assert (first["When"], first["Event"], first["Outcome"]) == (
        "20 June to 13 July 2017",
        "SIF inspection",
        "Overall: inadequate",
    )
