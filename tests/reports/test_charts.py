"""Charts tell states by shape and words, not colour alone."""

from croydon_kpi.analysis import spc

CASE_B = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def test_chart_tells_states_by_shape_and_words_not_colour_alone():
    from croydon_kpi.reports.charts import spc_chart

    result = spc.xmr(CASE_B + [10], target=3)  # the last point is above the upper limit
    figure = spc_chart(result, "Case B")
    from croydon_kpi.reports.charts import POINT_STYLES

    markers = {trace.name: trace.marker.symbol for trace in figure.data if trace.mode == "markers"}
    expected = {words: symbol for words, _, symbol in POINT_STYLES.values()}
    assert markers["Special cause: improvement"] == "diamond" and markers["Common cause variation"] == "circle"
    assert all(expected[name] == symbol for name, symbol in markers.items())
    assert len(set(markers.values())) == len(markers)  # each state its own shape
    assert "Special cause variation: improvement (higher)" in figure.layout.title.text
    assert "Assurance: will hit and miss the target" in figure.layout.title.text
    assert {"Mean", "Upper process limit", "Lower process limit", "Target 3"} <= {t.name for t in figure.data}
