"""A figure as the extractor works on it."""

from croydon_kpi.readers.found_figure import ENGLAND, NO_AREA, Found
from croydon_kpi.readers.number_spans import Span


def test_a_figure_starts_as_an_exact_unmapped_level_of_no_area():
    found = Found(Span(11, 14, "count", "617"), "count", 617.0)
    assert (found.kind, found.bound, found.measure, found.period) == ("level", "exact", "unmapped", None)
    assert found.area == NO_AREA and found.flags == [] and found.notes == []


def test_each_figure_has_an_area_and_flags_of_its_own():
    first, second = (Found(Span(0, 1, "count", "1"), "count", 1.0) for _ in range(2))
    first.area.update(ENGLAND)
    first.flags.append("comparator=national")
    assert second.area == NO_AREA and second.flags == [] and NO_AREA["area_name"] is None
