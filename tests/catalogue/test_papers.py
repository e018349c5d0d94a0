"""The committee-paper catalogue, found through sources.yaml by its source id."""

import shutil
from datetime import date

import pytest

from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.catalogue.papers import PAPER_CATALOGUE_SOURCE, paper_catalogue, paper_catalogue_path
from croydon_kpi.core import project
from croydon_kpi.errors import InputError


def test_the_catalogue_is_where_its_source_entry_says():
    assert paper_catalogue_path() == project.sources_dir() / "committee_papers" / "catalogue.yaml"
    assert load_catalogue().source(PAPER_CATALOGUE_SOURCE).reader == "none"  # reference data, not figures


def test_every_paper_the_sources_registry_lists_is_catalogued_with_its_area():
    papers = paper_catalogue()
    listed = {source.id for source in load_catalogue().sources.values() if source.reader == "committee_paper"}
    assert set(papers) == listed and len(papers) == 5
    entry = papers["cabinet_2019_11_18_minutes_monitoring_visit_7"]
    assert entry["area"] == "Croydon" and entry["body"] == "Cabinet" and entry["meeting_date"] == date(2019, 11, 18)


def test_a_document_without_an_id_is_refused_naming_the_file(tmp_path, monkeypatch):
    shutil.copytree(project.data_dir(), tmp_path / "data")
    monkeypatch.setenv(project.DATA_ENV, str(tmp_path / "data"))
    path = tmp_path / "data" / "sources" / "committee_papers" / "catalogue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - id: ", "  - name: ", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"catalogue.yaml, line \d+ \(documents\[0\]\): each document needs an `id`"):
        paper_catalogue()


def test_a_document_whose_file_is_not_in_the_folder_is_refused_naming_it(tmp_path, monkeypatch):
    shutil.copytree(project.data_dir(), tmp_path / "data")
    monkeypatch.setenv(project.DATA_ENV, str(tmp_path / "data"))
    path = tmp_path / "data" / "sources" / "committee_papers" / "catalogue.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    file: 2019-11-18_cabinet_minutes_", "    file: gone_", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"line \d+ \(documents\[0\]\): document '\w+': file 'gone_.*is not in"):
        paper_catalogue()
