"""The statistical-neighbour models as data: data/catalogue/neighbour_models.yaml read, checked
against the sources registry, and refused with the file and model named when it is wrong."""

import shutil
from datetime import date

import pytest

from croydon_kpi.catalogue.neighbour_models import NeighbourModel, neighbour_models
from croydon_kpi.core import project
from croydon_kpi.errors import CatalogueError


def test_the_bundled_models_in_the_order_reports_show_them():
    models = neighbour_models()
    assert list(models) == ["2021", "2025"]
    assert models["2021"] == NeighbourModel(
        id="2021",
        source="dfe_statistical_neighbours_2021",
        name="DfE April 2021 model",
        in_use_from=date(2021, 4, 30),
        authority_number_column="LA num",
        neighbour_column="SN{rank}",
        closeness_column="SNP",
    )
    assert models["2025"].in_use_from == date(2025, 12, 31) and models["2025"].name == "DfE 2025 model"


def test_column_patterns_give_each_ranks_header():
    models = neighbour_models()
    assert [models["2021"].neighbour_header(rank) for rank in (1, 10)] == ["SN1", "SN10"]
    assert models["2021"].closeness_header(7) == "SNP"  # one header shared by every rank
    assert (models["2025"].neighbour_header(3), models["2025"].closeness_header(3)) == ("SN_3", "SN_3P")


@pytest.fixture
def models_file(tmp_path, monkeypatch):
    """A copy of data/ whose neighbour_models.yaml a test rewrites."""
    shutil.copytree(project.data_dir(), tmp_path / "data")
    monkeypatch.setenv(project.DATA_ENV, str(tmp_path / "data"))
    return tmp_path / "data" / "catalogue" / "neighbour_models.yaml"


@pytest.mark.parametrize(
    "change, message",
    [
        (("closeness_column: SNP", "closenes_column: SNP"), r"model 1: missing closeness_column"),
        (("    name: DfE 2025 model", "    name: DfE 2025 model\n    rows: 10"), r"model 2: unknown key\(s\) rows"),
        (('id: "2021"', "id: 2021"), r"model 1, id: expected text \(quote a year"),
        (('id: "2025"', 'id: "2021"'), r"model 2: id '2021' is given twice"),
        (("in_use_from: 2025-12-31", "in_use_from: 2021-04-30"), r"model 2: another model is in use from 2021-04-30"),
        (("in_use_from: 2021-04-30", "in_use_from: April 2021"), r"model 1, in_use_from: 'April 2021' is not a date"),
        (("source: dfe_statistical_neighbours_2025", "source: dfe_sn_2025"), r"model 2, source: 'dfe_sn_2025' is not"),
        (('neighbour_column: "SN{rank}"', "neighbour_column: SN1"), r"model 1, neighbour_column: 'SN1' needs \{rank\}"),
        (
            ('closeness_column: "SN_{rank}P"', 'closeness_column: "SN_{n}P"'),
            r"model 2, closeness_column: unknown placeholder\(s\) \['n'\]",
        ),
    ],
)
def test_a_wrong_model_is_refused_with_the_file_and_model_named(models_file, change, message):
    text = models_file.read_text(encoding="utf-8")
    assert change[0] in text
    models_file.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"neighbour_models.yaml, " + message):
        neighbour_models()


def test_an_empty_list_of_models_is_refused(models_file):
    models_file.write_text("models: []\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"neighbour_models.yaml: `models:` must be a list"):
        neighbour_models()
