"""The benchmarks report's pictures: each measure over the years, the area among its comparators."""

from croydon_kpi.analysis.benchmarks import benchmark
from croydon_kpi.reports.benchmark_charts import benchmark_charts


def test_each_measure_is_charted_over_the_years_with_its_neighbours_region_and_england(store):
    charts = dict(benchmark_charts(store, "Croydon", 2019))
    assert len(charts) >= 10
    figure = charts["Child protection plans that were a second or subsequent plan: Croydon and its comparators"]
    lines = {trace.name: trace for trace in figure.data}
    assert list(lines)[-1] == "Croydon"  # drawn last: on top
    assert {"Statistical neighbours (median)", "London", "England"} <= set(lines)  # the report settings' comparators
    croydon = lines["Croydon"]
    year_2018 = list(croydon.x).index("year to 31 Mar 2018")
    found = benchmark(store, "cp_plans_second_or_subsequent_percent", 2018, "Croydon")
    assert croydon.y[year_2018] == found.value and croydon.text[year_2018] == "16.7%"
    assert croydon.text[-1] == "16.0%"  # one precision for the measure, not 16% beside 16.7%
    median = lines["Statistical neighbours (median)"]
    assert median.y[year_2018] == found.comparators["Statistical neighbours"]
    assert all("(LAIT)" not in title for title in charts)  # measure names carry no source tag
