"""The pack's message first, written from the data."""

from croydon_kpi.reports.pack.summary import summary


def test_the_summary_gives_the_councils_own_grouping_first(october):
    text = summary(october)
    assert text.startswith(
        "- **What the council reported:** 9 going well or better, 8 ones to watch, 6 things to do better."
    )
    assert "Report, Cabinet, 18 November 2019" in text
