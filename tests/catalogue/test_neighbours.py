"""DfE statistical neighbour models."""

import pytest

from croydon_kpi.catalogue.neighbours import statistical_neighbours


def test_statistical_neighbours_load_for_both_models():
    assert statistical_neighbours("306", "2021")["old_la_code"].tolist()[:3] == ["308", "320", "209"]
    latest = statistical_neighbours("306", "2025")
    assert latest["old_la_code"].tolist() == ["209", "320", "383", "870", "826", "882", "302", "852", "355", "203"]
    with pytest.raises(ValueError):
        statistical_neighbours("306", "2019")
