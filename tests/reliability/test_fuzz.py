"""Fuzzing in CI: a modest number of examples per parser (benchmarks/fuzz.py runs many more)."""

import pytest
from fuzz_targets import TARGETS
from hypothesis import HealthCheck, given, settings


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_parser_returns_a_result_or_its_own_error(name):
    target, strategy = TARGETS[name]

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value):
        target(value)

    run()
