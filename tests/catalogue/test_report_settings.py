"""The reports' settings, as data."""

import shutil

import pytest

from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.core import project
from croydon_kpi.errors import CatalogueError


def test_the_bundled_settings():
    settings = report_settings()
    assert settings.comparators == ("own_region", "England") and settings.base_price_year == "2024-25"
    assert "social_workers_agency_percent" in settings.workforce_measures


def test_every_workforce_measure_is_in_the_catalogue(store):
    assert set(report_settings().workforce_measures) <= set(store.catalogue.measures)


def test_a_misspelt_setting_is_refused(tmp_path, monkeypatch):
    shutil.copytree(project.data_dir(), tmp_path / "data")
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(tmp_path))
    path = tmp_path / "data" / "catalogue" / "report_settings.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("comparators:", "comparator:"), encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"report_settings.yaml: missing comparators"):
        report_settings()


def test_one_window_around_a_visit_said_in_words():
    settings = report_settings()
    assert settings.visit_window_days == 183 and settings.visit_window_words == "six months"


@pytest.mark.parametrize("written", ["0", "twelve", "true", "121"])
def test_the_data_quality_window_is_a_whole_number_of_months(tmp_path, monkeypatch, written):
    shutil.copytree(project.data_dir(), tmp_path / "data")
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(tmp_path))
    path = tmp_path / "data" / "catalogue" / "report_settings.yaml"
    text = path.read_text(encoding="utf-8").replace("data_quality_months: 12", f"data_quality_months: {written}")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"data_quality_months: expected a whole number of months from 1 to 120"):
        report_settings()


def test_a_packs_data_quality_covers_the_year_to_its_month():
    assert report_settings().data_quality_months == 12
