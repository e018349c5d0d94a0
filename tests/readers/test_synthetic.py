"""The synthetic borough as store figures: computed, flagged, free of identifiers."""

from croydon_kpi.core import schema


def test_synthetic_figures_are_computed_flagged_and_free_of_identifiers(store):
    figures = store.figures[store.figures["area_name"] == "Synthetic"]
    assert len(figures) == 34 * 19 and set(figures["status"]) == {"computed"}
    assert schema.has_tag(figures["tags"], "synthetic").all()
    text = figures.astype(str).to_string()
    assert "SYNTHETIC-0" not in text
