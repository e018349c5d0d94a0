"""A measure's MDC verdict (variation, assurance) from its monthly series, and the group it places;
the reference cases of NHSRplotthedots (../shared/reference/methods.md §1) through this path."""

import pandas as pd
import pytest

from croydon_kpi.analysis.mdc import Verdict, group_from_verdict, verdict, verdict_words


def monthly(values, start="2018-01"):
    ends = pd.period_range(start, periods=len(values), freq="M").end_time.normalize()
    return pd.DataFrame({"period_end": ends, "value": values})


CASE_A = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123,
    -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314,
    0.49785048, -1.96661716, 0.70135590, -0.47279141,
]  # fmt: skip


def test_case_a_is_common_cause_with_its_limits():
    found = verdict(monthly(CASE_A), "increase")
    assert found.variation == "common_cause" and found.assurance is None and found.points == 20
    assert (round(found.result.mean, 7), round(found.result.lower, 5), round(found.result.upper, 6)) == (
        0.1416238,
        -3.01138,
        3.294627,
    )


def test_case_b_the_last_point_decides_the_variation():
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    assert verdict(monthly(values), "increase").variation == "common_cause"  # point 5 is not the last
    assert verdict(monthly(values[:5] + [1, 2] * 5 + [10]), "increase").variation == "improvement"


@pytest.mark.parametrize(
    "target, increase, decrease",
    [
        (4.7, "consistent_fail", "consistent_pass"),
        (-1.5, "consistent_pass", "consistent_fail"),
        (2, "inconsistent", "inconsistent"),
    ],
)
def test_case_g_assurance_from_the_latest_limits(target, increase, decrease):
    values = [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2]  # mean 1.5, limits about -1.2 to 4.2
    assert verdict(monthly(values), "increase", target).assurance == increase
    assert verdict(monthly(values), "decrease", target).assurance == decrease
    assert verdict(monthly(values), "neutral", target).assurance is None


def test_fewer_than_12_months_give_no_verdict_and_say_why():
    found = verdict(monthly([80, 82, 84]), "increase", 90)
    assert not found.has_spc and found.points == 3
    assert verdict_words(found) == "3 monthly figure(s): too few for SPC (it needs 12)"


def test_12_months_are_a_verdict_on_trial_limits():
    found = verdict(monthly([80, 82] * 6), "increase", 90)
    assert found.has_spc and found.trial_limits and verdict_words(found).endswith("(trial limits)")


def test_a_target_the_process_cannot_reach_is_consistently_failing_and_to_do_better():
    found = verdict(monthly([80, 81, 79, 80, 82, 80, 79, 81, 80, 80, 81, 79, 80, 81]), "increase", 95)
    assert (found.variation, found.assurance) == ("common_cause", "consistent_fail")
    assert group_from_verdict(found, "short") == "do_better"


@pytest.mark.parametrize(
    "variation, assurance, group",
    [
        ("concern", "inconsistent", "do_better"),
        ("concern", "consistent_pass", "ones_to_watch"),
        ("improvement", "consistent_fail", "ones_to_watch"),
        ("improvement", None, "going_well"),
        ("common_cause", "consistent_pass", "going_well"),
        ("common_cause", "inconsistent", "ones_to_watch"),
        ("common_cause", None, "ones_to_watch"),
    ],
)
def test_the_group_from_variation_and_assurance(variation, assurance, group):
    assert group_from_verdict(Verdict(20, variation, assurance), "unknown") == group


def test_without_spc_only_the_stated_position_places_a_measure():
    too_few = Verdict(1, None, None)
    assert [group_from_verdict(too_few, p) for p in ("meeting", "short", "amber", "unknown")] == [
        "going_well",
        "do_better",
        "ones_to_watch",
        "ones_to_watch",
    ]


def test_limits_are_re_based_at_a_recorded_change_and_say_so():
    from datetime import date

    values = [60] * 12 + [80, 81, 79, 80, 82, 80, 79, 81, 80, 80, 81, 79]
    whole = verdict(monthly(values), "increase")
    assert whole.variation == "improvement"  # one mean across the step: everything after it is special cause
    rebased = verdict(monthly(values), "increase", rebase=[date(2019, 1, 1)])
    assert rebased.variation == "common_cause" and rebased.rebased_from == (date(2019, 1, 1),)
    assert verdict_words(rebased).endswith("limits re-based from January 2019")


def test_the_synthetic_pack_re_bases_at_its_recorded_change(store):
    from croydon_kpi.analysis.targets import overview

    table = overview(store, "2019-10", "Synthetic").set_index("measure")
    assert table["verdict"].str.contains("limits re-based from April 2018").all()
