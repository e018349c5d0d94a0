"""Derivations as data: data/catalogue/derivations.yaml read, checked against the catalogue, and
refused with the file and entry named when it holds what nobody reads."""

import shutil

import pytest

from croydon_kpi.catalogue.derivations import Derivation, load_derivations
from croydon_kpi.core import project
from croydon_kpi.errors import CatalogueError


def test_the_bundled_derivation_is_the_two_year_estimate_less_the_first_years_spend():
    [rule] = load_derivations()
    assert rule == Derivation(
        measure="transformation_spend_gbp",
        period=("2019-04-01", "2020-03-31", "2019-20"),
        total=("transformation_funding_gbp", "2018-19 to 2019-20"),
        less=(("transformation_spend_gbp", "2018-19"),),
        note=(
            "what the {total} two-year estimate leaves for 2019-20 after {less} spent in 2018-19; "
            "derived, not a reported spend"
        ),
    )


@pytest.fixture
def derivations_file(tmp_path, monkeypatch):
    """A copy of data/ whose derivations.yaml a test rewrites."""
    shutil.copytree(project.data_dir(), tmp_path / "data")
    monkeypatch.setenv(project.DATA_ENV, str(tmp_path / "data"))
    return tmp_path / "data" / "catalogue" / "derivations.yaml"


ENTRY = """derivations:
  - measure: transformation_spend_gbp
    period: {start: 2019-04-01, end: 2020-03-31, label: "2019-20"}
    total: {measure: transformation_funding_gbp, period: "2018-19 to 2019-20"}
    less: [{measure: transformation_spend_gbp, period: "2018-19"}]
    note: "what {total} leaves after {less}"
"""


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ("note:", "unit: gbp\n    note:"),
            r"derivation 1: unknown key\(s\) unit \(known keys: less, measure, note, period, total\)",
        ),
        (("end: 2020-03-31", "end: 31/03/2020"), "derivation 1, period end: '31/03/2020' is not a date"),
        (("{less}", "{lesser}"), r"derivation 1, note: unknown placeholder\(s\) \['lesser'\]"),
        (
            ("measure: transformation_spend_gbp\n", "measure: transformation_spnd_gbp\n"),
            "no measure 'transformation_spnd_gbp'",
        ),
        (
            ('less: [{measure: transformation_spend_gbp, period: "2018-19"}]', "less: []"),
            "derivation 1, less: expected",
        ),
    ],
)
def test_a_bad_derivation_is_refused_naming_the_file_and_entry(derivations_file, change, message):
    derivations_file.write_text(ENTRY.replace(*change, 1))
    with pytest.raises(CatalogueError, match=message) as raised:
        load_derivations()
    assert "derivations.yaml" in str(raised.value)
