"""The pack's message first, written from the data."""

from croydon_kpi.reports.pack.summary import summary


def test_the_summary_gives_the_councils_own_grouping_first(october):
    text = summary(october)
    assert text.startswith(
        "- **What the council reported:** 9 going well or better, 8 ones to watch, 6 things to do better."
    )
    assert "Report, Cabinet, 18 November 2019" in text


# A council's own months, as its export gives them: figures with a decimal, a monthly count of a
# measure whose catalogue title names 31 March, and no paper grouping the measures.
OWN_ROWS = [
    ("CP7", "% CP visits in timescale", "Higher is better", "95", [88.4 + (n % 3) / 10 for n in range(23)] + [89.1]),
    ("LA1", "Number of looked after children", "", "", [400 + n for n in range(23)] + [430]),
]


def test_the_first_screen_writes_a_councils_figures_as_written_and_titles_a_month_as_a_month(new_project, write_export):
    from croydon_kpi.reports import pack
    from croydon_kpi.reports.pack.groups import groups_table
    from croydon_kpi.store.loading import load_store

    root, _ = new_project()
    scorecards = root / "data" / "sources" / "scorecards"
    write_export(scorecards, rows=OWN_ROWS)
    (scorecards / "indicators.yaml").write_text(
        'indicators:\n  "% CP visits in timescale": cp_visits_timely_percent\n'
        '  "Number of looked after children": cla_count\n'
    )
    context = pack.prepare("2025-10", "Barnsley", load_store()).context
    text = summary(context)
    look_first = next(line for line in text.splitlines() if line.startswith("- **Look at first:**"))
    assert look_first.startswith("- **Look at first:** Child protection visits within timescale (89.1%):")
    since = next(line for line in text.splitlines() if line.startswith("- **Since last month:**"))
    assert "Children looked after: up 8 on September 2025" in since and "31 March" not in since
    # No paper grouped the measures: no column of "not grouped" and "no reported group" beside the check.
    assert list(groups_table(context).columns) == ["Measure", "Value", "Computed check", "Why the check says so"]
