"""DfE rounding: half up, not to even."""

from decimal import Decimal

from croydon_kpi.core.rounding import rate, round_half_up


def test_half_up_not_bankers_rounding():
    assert round_half_up(0.5) == 1 and round_half_up(2.5) == 3
    assert round_half_up("58.25", 1) == Decimal("58.3")
    assert rate(68.6, 363.5) == Decimal("18.9")


def test_england_cla_rate_worked_example_from_methods():
    assert rate(81_770, 12_183_016, per=10_000, places=0) == 67
