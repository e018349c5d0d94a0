"""The data quality section: disagreements, caveats, what is missing."""

from croydon_kpi.reports.pack.quality import caveats_table, conflicts_table, missing_table


def test_disagreements_caveats_and_gaps_are_listed(october):
    assert len(conflicts_table(october)) == 2 and len(caveats_table(october)) == 3
    missing = missing_table(october)
    assert {
        "What": "Supervision within timescale, Social Work with Families service",
        "Why": "the paper judges it but states no value",
    } in missing.to_dict("records")
