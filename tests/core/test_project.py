"""Every path resolves from the project root, never the working directory."""

import pytest

from croydon_kpi.core import project
from croydon_kpi.errors import ProjectNotFound


def test_the_root_holds_the_catalogue_wherever_we_run_from(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert (project.project_root() / "data" / "catalogue" / "measures.yaml").is_file()
    assert project.relative(project.sources_dir() / "sources.yaml") == "data/sources/sources.yaml"


def test_a_wrong_root_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(project.ROOT_ENV, str(tmp_path))
    with pytest.raises(ProjectNotFound, match="CROYDON_KPI_ROOT=.* has no data/catalogue/measures.yaml"):
        project.project_root()
    assert ProjectNotFound("x").exit_status == 2


def test_the_cache_can_be_moved(tmp_path, monkeypatch):
    monkeypatch.setenv(project.CACHE_ENV, str(tmp_path / "elsewhere"))
    assert project.cache_dir() == tmp_path / "elsewhere"
