"""Charts tell states by shape and words, not colour alone; everything a chart says sits inside
its picture; inspections and visits are drawn where their dates fall, their labels never on the
data or on each other."""

import datetime
import json

import pandas as pd
import pytest

from croydon_kpi.analysis import spc
from croydon_kpi.reports.charts import (
    AREA_LINE_WIDTH,
    POINT_STYLES,
    ROLE_COLOURS,
    _event_positions,
    month_position,
    spc_chart,
    style_chart,
)

CASE_B = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
YEARS = pd.DataFrame(
    {
        "period_label": [f"year to 31 Mar {y}" for y in (2016, 2017, 2018, 2019)],
        "period_start": pd.to_datetime([f"{y - 1}-04-01" for y in (2016, 2017, 2018, 2019)]),
        "period_end": pd.to_datetime([f"{y}-03-31" for y in (2016, 2017, 2018, 2019)]),
    }
)


def events(*rows) -> pd.DataFrame:
    """A made-up journey: (date, when, event) rows as visits.journey gives them."""
    return pd.DataFrame(
        [{"date": d, "when": w, "event": e, "outcome": ""} for d, w, e in rows],
        columns=["date", "when", "event", "outcome"],
    )


def test_chart_tells_states_by_shape_and_words_not_colour_alone():
    result = spc.xmr(CASE_B + [10], target=3)  # the last point is above the upper limit
    figure = spc_chart(result, "Case B")
    markers = {trace.name: trace.marker.symbol for trace in figure.data if trace.mode == "markers"}
    expected = {words: symbol for words, _, symbol in POINT_STYLES.values()}
    assert markers["Special cause: improvement"] == "diamond" and markers["Common cause variation"] == "circle"
    assert all(expected[name] == symbol for name, symbol in markers.items())
    assert len(set(markers.values())) == len(markers)  # each state its own shape
    assert "Special cause variation: improvement (higher)" in figure.layout.title.text
    assert "Assurance: will hit and miss the target" in figure.layout.title.text
    assert {"Mean", "Upper process limit", "Lower process limit", "Target 3"} <= {t.name for t in figure.data}


def test_the_series_is_the_most_visible_line_named_after_its_area():
    figure = spc_chart(spc.xmr(CASE_B), "Case B", name="Somewhere")
    line = next(t for t in figure.data if t.name == "Somewhere")
    assert line.line.color == ROLE_COLOURS["area"] and line.line.width == AREA_LINE_WIDTH
    assert all(t.line.width < AREA_LINE_WIDTH for t in figure.data if t.mode == "lines" and t.name != "Somewhere")


def test_trial_limits_are_said_in_the_legend_and_the_title_when_the_series_is_short():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", spc.TrialLimitsWarning)
        figure = spc_chart(spc.xmr([5, 6, 5, 7, 6, 5, 6, 7]), "Short")
    names = {t.name for t in figure.data}
    assert {"Upper process limit (trial limits)", "Lower process limit (trial limits)"} <= names
    assert "Trial limits: 8 points, fewer than the 13 MDC asks for" in figure.layout.title.text
    assert "trial" not in " ".join(t.name for t in spc_chart(spc.xmr(CASE_B), "Long").data)


def test_the_source_line_is_inside_the_picture_below_the_plot_and_legend():
    figure = style_chart(spc_chart(spc.xmr(CASE_B), "Case B"), "percent", "A made-up source", list(range(1, 19)))
    caption = next(a for a in figure.layout.annotations if a.text.endswith("Source: A made-up source"))
    assert (caption.yref, caption.y, caption.yanchor) == ("paper", 0, "bottom")  # 0 <= y <= 1: inside the paper
    plot_bottom = figure.layout.yaxis.domain[0]
    assert 0 < figure.layout.legend.y < plot_bottom  # the legend between the period labels and the caption
    assert figure.layout.margin.b >= 0 and figure.layout.height > figure.layout.margin.t + figure.layout.margin.b


def test_an_event_falls_on_the_period_that_contains_its_date():
    journey = events((datetime.date(2017, 7, 15), "15 July 2017", "SIF inspection"))
    placed = _event_positions(journey, YEARS, YEARS["period_label"].tolist())
    assert [label for label, *_ in placed] == ["year to 31 Mar 2018"]  # not 2017, nor a later year


def test_an_event_of_unknown_date_or_outside_the_periods_is_named_not_drawn():
    journey = events(
        (
            datetime.date(2018, 3, 31),
            "between September 2017 and March 2018 (days not known)",
            "Ofsted monitoring visit 1",
        ),
        (datetime.date(2019, 10, 17), "16 to 17 October 2019", "Ofsted monitoring visit 7"),
    )
    placed, unplaced = _event_positions(journey, YEARS, YEARS["period_label"].tolist(), unplaced=True)
    assert placed == []
    assert unplaced == [
        "Monitoring visit 1 (days not known)",
        "Monitoring visit 7, 16 to 17 October 2019 (after the last period shown)",
    ]


@pytest.mark.filterwarnings("ignore::croydon_kpi.analysis.spc.TrialLimitsWarning")
def test_event_labels_sit_above_the_plot_never_at_one_place_and_are_named_in_the_caption():
    journey = events(
        (datetime.date(2017, 6, 20), "20 June 2017", "SIF inspection"),
        (datetime.date(2017, 7, 1), "1 July 2017", "Ofsted monitoring visit 1"),  # the same year: same period
        (datetime.date(2018, 6, 1), "1 June 2018", "Ofsted monitoring visit 2"),
    )
    labels = YEARS["period_label"].tolist()
    figure = style_chart(spc_chart(spc.xmr(CASE_B[:4]), "Years", x=labels), "percent", "S", labels, journey, YEARS)
    numbers = [a for a in figure.layout.annotations if a.name == "event"]
    assert [a.text for a in numbers] == ["<b>1</b>", "<b>2</b>", "<b>3</b>"]
    assert len({(a.x, a.y) for a in numbers}) == 3  # no two at one place
    assert all(a.y > figure.layout.yaxis.domain[1] for a in numbers)  # in the band above the plot, off the data
    caption = next(a for a in figure.layout.annotations if a.name == "caption").text.replace("<br>", " ")
    assert "1 SIF inspection, 20 June 2017; 2 Monitoring visit 1, 1 July 2017; 3 Monitoring visit 2" in caption


def test_a_day_is_placed_on_the_month_axis_by_its_month_and_how_far_into_it_it_falls():
    first = pd.Timestamp("2017-01-01")
    assert month_position(pd.Timestamp("2017-01-01"), first) == 0
    assert month_position(pd.Timestamp("2017-06-16"), first) == 5.5  # mid-June: where June's point is
    assert month_position(pd.Timestamp("2019-11-01"), first) == 34  # the end of October 2019


@pytest.mark.filterwarnings("ignore::croydon_kpi.analysis.spc.TrialLimitsWarning")
def test_a_monthly_chart_ends_at_the_range_end_labels_its_last_month_and_draws_events_at_their_days():
    x_range = (pd.Timestamp("2019-01-01"), pd.Timestamp("2019-11-01"))  # January to October 2019
    months = [m + 0.5 for m in range(10)]
    journey = events(
        (datetime.date(2019, 3, 20), "20 March 2019", "SIF inspection"),
        (datetime.date(2019, 3, 25), "25 March 2019", "Ofsted monitoring visit 1"),  # close: staggered
        (datetime.date(2019, 12, 2), "2 December 2019", "Ofsted monitoring visit 2"),  # after the pack's month
    )
    figure = style_chart(
        spc_chart(spc.xmr(list(range(10))), "Months", x=months), "count", "S", months, journey, x_range=x_range
    )
    assert list(figure.layout.xaxis.range) == [0, 10]
    assert figure.layout.xaxis.ticktext[-1] == "Oct 2019" and figure.layout.xaxis.tickvals[-1] == 9.5
    numbers = [a for a in figure.layout.annotations if a.name == "event"]
    assert [a.x for a in numbers] == [2 + 19 / 31, 2 + 24 / 31]  # in March, after its point (2.5)
    assert numbers[0].y != numbers[1].y  # staggered: five days apart would overlap on one row
    assert "2019-" not in figure.to_json()  # no date in the page (see month_position)


def test_spend_per_child_draws_the_area_as_its_most_visible_line(store):
    from croydon_kpi.reports.charts import s251_chart

    figure = s251_chart(store, area="Croydon")
    own, *others = figure.data
    assert (own.name, own.line.color, own.line.width) == ("Croydon", ROLE_COLOURS["area"], AREA_LINE_WIDTH)
    assert [t.name for t in others] == ["Outer London", "London", "England"]
    assert all(t.line.width < own.line.width and t.line.color == ROLE_COLOURS["comparator"] for t in others)


def test_every_chart_the_reports_draw_passes_plotlys_own_checks(store):
    """Charts are built without plotly's per-property checks (charts.new_figure, for speed): every
    chart of a pack, a benchmarks report and a regional overview passes them when rebuilt with them."""
    import plotly.graph_objects as go

    from croydon_kpi.reports import pack, regional_overview
    from croydon_kpi.reports.benchmark_charts import benchmark_charts

    charts = [figure for _, figure in pack.prepare("2019-10", "synthetic", store).domain_charts()]
    charts += [figure for _, figure in pack.prepare("2019-10", "Croydon", store).domain_charts()]
    charts += [figure for _, figure in benchmark_charts(store, "Croydon", 2019)]
    charts += [figure for _, figure in regional_overview.prepare("2019-10", "London", store=store).charts()]
    assert len(charts) > 40
    for figure in charts:
        drawn = json.loads(figure.to_json())
        assert json.loads(go.Figure(drawn).to_json()) == drawn  # raises on an unknown property; same figure
