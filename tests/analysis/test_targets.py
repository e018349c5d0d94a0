"""Targets, RAG, position against target, the three groups; no target invented."""

import pytest

from croydon_kpi.analysis.targets import Target, load_targets, overview, paper_says, position, rag, trend_from_statement


def test_rag_respects_polarity():
    target = Target("m", None, 90, 5, None, None, "a plan")
    assert [rag(v, target, "higher_is_better") for v in (92, 87, 80)] == ["green", "amber", "red"]
    assert [rag(v, target, "lower_is_better") for v in (80, 93, 99)] == ["green", "amber", "red"]
    assert rag(92, target, "neutral") is None and rag(92, None, "higher_is_better") is None


def test_no_target_is_invented(store):
    assert load_targets(store.catalogue) == []


def test_targets_file_needs_a_source(store, tmp_path):
    from croydon_kpi.errors import InputError

    path = tmp_path / "targets.yaml"
    path.write_text("targets:\n  - {measure: cin_visits_timely_percent, target: 90}\n")
    with pytest.raises(
        InputError, match="targets.yaml, line 2 \\(targets\\[0\\]\\): each target needs measure, target and source"
    ):
        load_targets(store.catalogue, path)
    path.write_text(
        "targets:\n"
        "  - {measure: cin_visits_timely_percent, area: Croydon, target: 90, tolerance: 5, source: plan p.3}\n"
    )
    assert load_targets(store.catalogue, path)[0].value == 90


def test_below_target_means_opposite_things_by_polarity():
    assert position(None, {"qualifier=below_target"}, "higher_is_better") == "short"
    assert position(None, {"qualifier=below_target"}, "lower_is_better") == "meeting"
    assert position(None, {"qualifier=slightly_below_target", "qualifier=below_target"}, "higher_is_better") == "amber"
    assert trend_from_statement([-5], set(), "higher_is_better") == "worsening"


def test_flags_are_tokens_never_substrings():
    # "qualifier=above_target_range" is not "qualifier=above_target"
    assert position(None, {"qualifier=above_target_range"}, "lower_is_better") == "unknown"
    assert trend_from_statement([], {"qualifier=fallen_back_slightly"}, "higher_is_better") == "unknown"
    with pytest.raises(TypeError):
        position(None, "qualifier=below_target", "higher_is_better")
    assert paper_says([], {"qualifier=improved"}, "higher_is_better") == "the paper says it has improved"


def test_october_2019_overview_computed_beside_reported(store):
    table = overview(store, "2019-10", "Croydon").set_index("measure")
    assert len(table) == 23
    assert table.loc["cin_visits_timely_percent", ["computed_group", "reported_group", "agrees"]].tolist() == [
        "do_better",
        "do_better",
        True,
    ]
    assert table.loc["cp_plans_second_or_subsequent_percent", "computed_group"] == "going_well"  # lower is better
    # "down 5% on last month" is the paper's words, not a trend: one month of figures places nothing
    in_touch = table.loc["care_leavers_in_touch_percent"]
    assert (in_touch["paper_says"], in_touch["variation"], in_touch["computed_group"], in_touch["agrees"]) == (
        "the paper states a change of -5 (worsening)",
        None,
        "ones_to_watch",
        True,
    )
    assert table.loc["cp_children_count", "value"] == 587 and table.loc["cp_children_count", "other_values"] == "100"
    assert table["agrees"].sum() == 10  # the other 13 disagreements are listed, each with what the check rests on
    assert table.loc["cin_visits_timely_percent", "target_note"].startswith(
        "The Cabinet report of 18 November 2019 says"
    )


def test_a_monthly_count_is_titled_by_its_month_never_at_31_march(store):
    import pandas as pd

    from croydon_kpi.core import schema
    from croydon_kpi.store.figure_store import FigureStore

    october = {
        **dict(measure="cla_count", label="Children looked after", area_code="E09000008", area_name="Croydon"),
        **dict(area_level="local_authority", period_start="2019-10-01", period_end="2019-10-31"),
        **dict(period_label="October 2019", frequency="month", kind="level", value=820.0, unit="count"),
        **dict(bound="exact", source_id="scorecards", locator="row 1", quote="820", status="reported"),
    }
    local = FigureStore(schema.conform(pd.DataFrame([october])), store.catalogue)
    assert store.catalogue.measure("cla_count").title == "Children looked after at 31 March"
    assert overview(local, "2019-10", "Croydon")["title"].tolist() == ["Children looked after"]


@pytest.mark.parametrize(
    "entries, message",
    [
        (
            "  - {measure: cin_visits_timely_percent, target: 900, source: p}\n",
            "line 2 \\(targets\\[0\\]\\): target 900",
        ),
        (
            "  - {measure: cin_visits_timely_percent, target: 90, tolerance: -5, source: p}\n",
            "tolerance -5 must be 0 or more",
        ),
        ("  - {measure: cin_visits_timely_percent, target: 90, from: 2019-13, source: p}\n", "from '2019-13' is not a"),
        (
            "  - {measure: cin_visits_timely_percent, target: 90, from: 2020-01, to: 2019-06, source: p}\n",
            "from 2020-01 is after to 2019-06",
        ),
        (
            "  - {measure: cin_visits_timely_percent, target: 90, from: 2019-01, source: p}\n"
            "  - {measure: cin_visits_timely_percent, target: 95, to: 2019-06, source: q}\n",
            "line 3 \\(targets\\[1\\]\\): overlaps line 2 \\(targets\\[0\\]\\)",
        ),
        ("  - {measure: cp_children_count, target: -1, source: p}\n", "target -1 is outside a count's range"),
    ],
)
def test_each_target_is_checked_as_data_and_named_by_its_line(store, tmp_path, entries, message):
    from croydon_kpi.errors import InputError

    path = tmp_path / "targets.yaml"
    path.write_text("targets:\n" + entries)
    with pytest.raises(InputError, match=message):
        load_targets(store.catalogue, path)


def test_targets_for_one_measure_in_periods_that_do_not_meet_are_accepted(store, tmp_path):
    path = tmp_path / "targets.yaml"
    path.write_text(
        "targets:\n"
        "  - {measure: cin_visits_timely_percent, target: 90, to: 2019-03, source: p}\n"
        "  - {measure: cin_visits_timely_percent, target: 95, from: 2019-04, source: q}\n"
        "  - {measure: cin_visits_timely_percent, area: Croydon, target: 97, from: 2019-04, source: r}\n"
    )
    assert [t.value for t in load_targets(store.catalogue, path)] == [90, 95, 97]
