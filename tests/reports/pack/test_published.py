"""The latest published statistics beside the comparators, and the pack's sources."""

from croydon_kpi.reports.pack.published import latest_published_table, sources


def test_a_measure_with_no_figure_yet_says_so_in_every_column(october):
    table = latest_published_table(october)
    assert list(table.columns) == ["Area of work", "Measure", "Period", "Croydon", "London", "England", "Source"]
    first = table.iloc[0]
    assert first["Period"] == "no figure known by this month" and first["Croydon"] == "no figure"


def test_the_sources_name_their_files(october):
    assert sources(october)["File"].str.startswith("data/sources/").all()
