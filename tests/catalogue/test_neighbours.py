"""DfE statistical neighbour models."""

from datetime import date

import pytest

from croydon_kpi.catalogue.neighbours import model_for, statistical_neighbours
from croydon_kpi.core import project
from croydon_kpi.errors import InputError

CROYDON = "306"
# Croydon's ten neighbours, closest first, as each model's file gives them.
NEIGHBOURS_2021 = ["308", "320", "209", "309", "304", "203", "208", "330", "315", "307"]
NEIGHBOURS_2025 = ["209", "320", "383", "870", "826", "882", "302", "852", "355", "203"]


def test_statistical_neighbours_load_for_both_models():
    assert statistical_neighbours(CROYDON, "2021")["old_la_code"].tolist() == NEIGHBOURS_2021
    latest = statistical_neighbours(CROYDON, "2025")
    assert latest["old_la_code"].tolist() == NEIGHBOURS_2025
    assert latest["rank"].tolist() == list(range(1, 11)) and set(latest["closeness"]) == {"Close"}
    assert statistical_neighbours(CROYDON, "2021")["closeness"].tolist()[:6] == ["Close"] * 3 + [
        "Somewhat close"
    ] * 2 + ["Not Close"]
    with pytest.raises(ValueError):
        statistical_neighbours(CROYDON, "2019")


def test_without_a_model_named_the_latest_is_used():
    assert statistical_neighbours(CROYDON)["old_la_code"].tolist() == NEIGHBOURS_2025


@pytest.mark.parametrize(
    "day, model, noted",
    [
        (date(2019, 10, 31), "2021", True),  # before any model: the earliest, said so
        (date(2021, 4, 29), "2021", True),
        (date(2021, 4, 30), "2021", False),
        (date(2025, 12, 30), "2021", False),
        (date(2025, 12, 31), "2025", False),
        (date(2026, 3, 31), "2025", False),
    ],
)
def test_the_model_in_use_either_side_of_each_in_use_date(day, model, noted):
    choice = model_for(day)
    assert choice.model == model and (choice.note is not None) == noted
    assert choice.name == {"2021": "DfE April 2021 model", "2025": "DfE 2025 model"}[model]


def test_a_file_whose_closeness_column_is_not_beside_its_neighbour_is_refused(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(project.data_dir(), tmp_path / "data")
    monkeypatch.setenv(project.DATA_ENV, str(tmp_path / "data"))
    path = tmp_path / "data" / "sources" / "dfe" / "sn_model_2025_wide.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("SN_3P", "SN_3Q", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"neighbour 3's closeness column should be 'SN_3P', found 'SN_3Q'"):
        statistical_neighbours("301", "2025")


def test_an_authority_made_after_a_model_has_no_neighbours_in_it():
    from croydon_kpi.catalogue.neighbours import statistical_neighbours

    assert statistical_neighbours("942", "2021").empty  # a number the 2021 model does not hold
