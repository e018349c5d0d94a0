"""The benchmarks report's table."""
from croydon_kpi.reports.benchmarks_table import all_benchmarks


def test_every_published_measure_for_the_area_and_year(store):
    table = all_benchmarks(store, "Croydon", 2019).set_index("Measure")
    agency = table.loc["Agency social workers (rate)"] if "Agency social workers (rate)" in table.index else table.iloc[0]
    assert {"Period", "Croydon", "London", "England", "Rank (1 = best)", "Quartile"} <= set(table.columns)
    assert len(table) > 20 and agency["Croydon"] != ""
