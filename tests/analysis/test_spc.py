"""SPC: every reference case of methods.md, with the Making Data Count rules."""

import warnings

import numpy as np
import pytest

from croydon_kpi.analysis import spc

CASE_A = [
    -0.56047565,
    -0.23017749,
    1.55870831,
    0.07050839,
    0.12928774,
    1.71506499,
    0.46091621,
    -1.26506123,
    -0.68685285,
    -0.44566197,
    1.22408180,
    0.35981383,
    0.40077145,
    0.11068272,
    -0.55584113,
    1.78691314,
    0.49785048,
    -1.96661716,
    0.70135590,
    -0.47279141,
]


def test_case_a_screened_limits_and_all_common_cause():
    result = spc.xmr(CASE_A)
    assert result.mean == pytest.approx(0.1416238, abs=5e-7)
    assert result.lower == pytest.approx(-3.01138, abs=5e-6)
    assert result.upper == pytest.approx(3.294627, abs=5e-7)
    assert set(result.points["point_type"]) == {"common_cause"}
    assert result.variation_icon == "common_cause"


def test_case_a2_screened_and_unscreened():
    values = list(CASE_A)
    values[14] = 10
    screened = spc.xmr(values)
    assert (screened.mean, screened.lower, screened.upper) == pytest.approx((0.6694159, -2.383666, 3.722497), abs=5e-7)
    unscreened = spc.xmr(values, screen_outliers=False)
    assert (unscreened.lower, unscreened.upper) == pytest.approx((-4.596625, 5.935457), abs=5e-7)


CASE_B = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


@pytest.mark.parametrize("screen, lower, upper", [(True, -0.72, 4.6), (False, -3.06, 6.95)])
def test_case_b_point_5_is_the_only_special_cause(screen, lower, upper):
    result = spc.xmr(CASE_B, screen_outliers=screen)
    assert round(result.mean, 2) == 1.94
    assert (round(result.lower, 2), round(result.upper, 2)) == (lower, upper)
    special = result.points.index[result.points["special_cause"]].tolist()
    assert special == [4]  # point 5
    assert result.points.loc[4, "point_type"] == "special_cause_improvement"


def test_case_c_close_points_on_opposite_sides_are_common_cause():
    values = [1, -1] * 8
    values[14], values[15] = 5.5, -5.5
    result = spc.xmr(values)
    assert result.points.loc[14, "close_to_limits"] and result.points.loc[15, "close_to_limits"]
    assert set(result.points["point_type"]) == {"common_cause"}


@pytest.mark.parametrize(
    "values, fires_at, sign",
    [
        (list(range(1, 8)), 7, 1),
        ([2, 1, 2, 3, 4, 5, 6, 7, 3], 8, 1),
        ([1, 2, 3, 3, 4, 5, 6], None, 0),
        (list(range(7, 0, -1)), 7, -1),
    ],
)
def test_case_d_trend_test(values, fires_at, sign):
    fires = spc.trend_fires(np.array(values, dtype=float))
    assert np.flatnonzero(fires).tolist() == ([fires_at - 1] if fires_at else [])
    if fires_at:
        assert fires[fires_at - 1] == sign
        marked = spc.trend(np.array(values, dtype=float))
        assert (marked[fires_at - 7 : fires_at] == sign).all()


def test_case_d_whole_run_is_special_cause_in_point_types():
    values = [5, 5.5, 4.5] * 5 + [1, 2, 3, 4, 5, 6, 7]
    result = spc.xmr(values)
    assert result.points["point_type"].iloc[-7:].ne("common_cause").all()


def test_case_e_shift_test():
    fires = spc.shift_fires(np.array([1] * 8 + [-1]))
    assert np.flatnonzero(fires).tolist() == [6, 7]  # points 7 and 8
    assert not spc.shift_fires(np.array([1] * 6 + [-1])).any()
    assert (spc.shift(np.array([1] * 8 + [-1]))[:8] == 1).all()


@pytest.mark.parametrize(
    "close, flagged",
    [
        ((0, 0, 1, 0, 1, 0, 0), [2, 4]),
        ((1, 0, 0, 1, 1), [3, 4]),
        ((1, 0, 0, 1), []),
    ],
)
def test_case_f_two_in_three(close, flagged):
    close = np.array(close, dtype=bool)
    above = spc.two_in_three(close, np.ones(len(close), dtype=int))
    assert np.flatnonzero(above).tolist() == flagged
    alternating = np.array([1 if i % 2 == 0 else -1 for i in range(len(close))])
    assert not spc.two_in_three(close, alternating).any()


@pytest.mark.parametrize(
    "lower, upper, target, increase, decrease",
    [
        (1, 3, 4, "consistent_fail", "consistent_pass"),
        (5, 7, 4, "consistent_pass", "consistent_fail"),
        (1, 5, 4, "inconsistent", "inconsistent"),
    ],
)
def test_case_g_assurance(lower, upper, target, increase, decrease):
    assert spc.assurance(lower, upper, target, "increase") == increase
    assert spc.assurance(lower, upper, target, "decrease") == decrease
    assert spc.assurance(lower, upper, target, "neutral") is None
    assert spc.assurance(lower, upper, None, "increase") is None


def test_direction_decides_improvement_or_concern_and_icons():
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 30]
    assert spc.xmr(values).variation_icon == "improvement_high"
    assert spc.xmr(values, improvement="decrease").variation_icon == "concern_high"
    assert spc.xmr(values, improvement="neutral").variation_icon == "neutral_high"
    low = values[:-1] + [-10]
    assert spc.xmr(low).variation_icon == "concern_low"
    assert spc.xmr(low, improvement="decrease").variation_icon == "improvement_low"


def test_falling_trend_above_the_mean_is_concern_when_higher_is_better():
    values = [0, 10] * 6 + [15, 14, 13, 12, 11, 10.5, 10.2]  # falling, above the mean, inside the limits
    result = spc.xmr(values)
    assert result.points["outside_limits"].eq(0).all() and (result.points["value"].iloc[-7:] > result.mean).all()
    assert result.points["trend"].iloc[-1] == -1 and result.points["shift"].iloc[-1] == 1
    assert result.points["point_type"].iloc[-1] == "special_cause_concern"


def test_fewer_than_13_points_give_trial_limits_and_a_warning():
    with pytest.warns(spc.TrialLimitsWarning, match="trial limits"):
        result = spc.xmr([1, 2, 3, 2, 1])
    assert result.trial_limits


def test_fixed_baseline_and_rebase():
    values = list(range(20)) + [50] * 14
    fixed = spc.xmr(CASE_A + CASE_A, fix_after_n_points=20)
    assert fixed.mean == pytest.approx(0.1416238, abs=5e-7)
    with pytest.raises(ValueError, match="at least 12"):
        spc.xmr(values, fix_after_n_points=5)
    dates = (
        [f"2017-{m:02d}-01" for m in range(1, 13)]
        + [f"2018-{m:02d}-01" for m in range(1, 13)]
        + [f"2019-{m:02d}-01" for m in range(1, 11)]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", spc.TrialLimitsWarning)
        rebased = spc.xmr(values, dates=dates, rebase=["2019-01-01"])
    assert rebased.points["group"].tolist() == [0] * 24 + [1] * 10
    assert rebased.mean == 50 and rebased.upper == 50


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match="improvement must be one of"):
        spc.xmr([1, 2, 3], improvement="up")
    with pytest.raises(ValueError, match="missing figures"):
        spc.xmr([1, None, 3])
