"""Recorded changes: dated, sourced, the only places SPC limits are re-based."""

from datetime import date

import pytest

from croydon_kpi.catalogue.changes import changes_for, check_changes, recorded_changes
from croydon_kpi.errors import CatalogueError, UnknownArea


def test_the_synthetic_boroughs_recorded_change():
    found = changes_for("Synthetic", "cp_visits_timely_percent")
    assert [(c.date, c.source.startswith("synthetic")) for c in found] == [(date(2018, 4, 1), True)]
    assert changes_for("Synthetic", "cp_visits_timely_percent", up_to=date(2018, 3, 31)) == ()
    assert changes_for("Croydon", "cp_visits_timely_percent") == ()  # no source records one


def test_a_change_without_a_source_or_with_a_misspelt_key_is_refused(project_copy):
    path = project_copy / "data" / "changes.yaml"
    path.write_text("changes:\n  - {area: Synthetic, date: 2018-04-01, what: x}\n")
    with pytest.raises(CatalogueError, match="data/changes.yaml, change 1: missing source"):
        recorded_changes()
    path.write_text("changes:\n  - {area: Synthetic, date: 2018-04-01, what: x, source: y, measure: [a]}\n")
    with pytest.raises(CatalogueError, match=r"unknown key\(s\) measure"):
        recorded_changes()


def test_a_change_naming_an_unknown_area_or_measure_is_refused(project_copy, store):
    path = project_copy / "data" / "changes.yaml"
    path.write_text("changes:\n  - {area: Narnia, date: 2018-04-01, what: x, source: y}\n")
    with pytest.raises(UnknownArea):
        check_changes(store.catalogue, store.area)
    path.write_text("changes:\n  - {area: Synthetic, date: 2018-04-01, what: x, source: y, measures: [no_such]}\n")
    with pytest.raises(CatalogueError, match="unknown measure"):
        check_changes(store.catalogue, store.area)
