"""The pack's charts, one per area of work, the area against its comparators."""

from croydon_kpi.reports.pack.domain_charts import domain_charts


def test_one_chart_per_area_of_work_with_the_comparators_named(october):
    charts = dict(domain_charts(october))
    assert "Workforce: Agency social workers" in charts and len(charts) == 6
    names = [trace.name for trace in charts["Children looked after: Children looked after per 10,000 children"].data]
    assert "London" in names and "England" in names
