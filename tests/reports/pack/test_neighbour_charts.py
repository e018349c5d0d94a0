"""The area among its statistical neighbours, one chart per published rate or percentage."""

from croydon_kpi.reports import pack
from croydon_kpi.reports.pack.neighbour_charts import neighbour_charts


def test_each_published_rate_shows_the_area_among_its_ten_neighbours(store):
    context = pack.prepare("2019-10", "Croydon", store).context
    charts = dict(neighbour_charts(context))
    title = "Among its statistical neighbours: Child protection plans reviewed within timescale"
    assert len(charts) == 17 and title in charts
    bars = charts[title].data[0]
    assert len(bars.y) == 11 and "Croydon" in bars.y  # the area and its ten neighbours
    area = list(bars.y).index("Croydon")
    assert bars.marker.color[area] == "#005EB8" and bars.text[area] == "98.9%"
    assert "DfE April 2021 model, the earliest bundled" in charts[title].layout.title.text  # a stand-in says so
    median = [a for a in charts[title].layout.annotations if a.text.startswith("neighbours' median")]
    assert median and median[0].text == "neighbours' median 88.4%"


def test_an_area_with_no_neighbours_has_no_such_chart(store):
    assert neighbour_charts(pack.prepare("2019-10", "synthetic", store).context) == []
