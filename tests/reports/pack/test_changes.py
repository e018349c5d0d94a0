"""Every change on the month, the biggest first, better and worse."""

import pytest

from croydon_kpi.reports import pack
from croydon_kpi.reports.pack.changes import SHOWN_FIRST, changes_words, ranked_changes


@pytest.fixture(scope="module")
def synthetic(store):
    return pack.prepare("2019-10", "synthetic", store).context


def test_every_measure_with_two_months_is_ranked_by_its_size(synthetic):
    changes = ranked_changes(synthetic)
    assert len(changes) == 19
    assert [c.size for c in changes] == sorted((c.size for c in changes), reverse=True)
    assert {c.better for c in changes} >= {True, False}  # the worse are named as well as the better


def test_the_first_screen_names_the_biggest_and_counts_the_rest(synthetic):
    words = changes_words(synthetic, "#kpis")
    changes = ranked_changes(synthetic)
    better = sum(c.better is True for c in changes)
    worse = sum(c.better is False for c in changes)
    neither = len(changes) - better - worse
    assert words.startswith(
        f"{better} better, {worse} worse, {neither} neither (no better direction, or no change); "
        f"biggest first: {changes[0].title}: "
    )
    assert words.endswith(f"and {len(changes) - SHOWN_FIRST} more in [the KPI table](#kpis)")


def test_one_month_only_has_no_change(store):
    assert ranked_changes(pack.prepare("2019-10", "Croydon", store).context) == []
