"""docs/measures.md is generated from the catalogue and kept current."""

import pytest

from croydon_kpi import load_catalogue
from croydon_kpi.core import project
from croydon_kpi.reports.measures_doc import measures_markdown


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_generated_measures_doc_is_current(catalogue):
    committed = (project.project_root() / "docs" / "measures.md").read_text(encoding="utf-8")
    assert committed == measures_markdown(catalogue), "run `make docs` and commit docs/measures.md"
