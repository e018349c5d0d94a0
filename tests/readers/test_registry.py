"""The readers registry: one line per source kind, checked against the catalogue."""

from dataclasses import replace

import pytest

from croydon_kpi import load_catalogue
from croydon_kpi.errors import CatalogueError
from croydon_kpi.readers import registry


def test_every_source_kind_in_the_registry_is_read_in_order():
    catalogue = load_catalogue()
    kinds = [source.reader for source in registry.in_order(catalogue)]
    assert kinds[0] == "ees_csv" and kinds.index("lait_parquet") > kinds.index("ees_csv")
    assert {source.reader for source in catalogue.sources.values()} <= {*registry.READERS, registry.NO_FIGURES}
    registry.check(catalogue)


def test_an_unknown_reader_is_named():
    catalogue = load_catalogue()
    source = replace(catalogue.sources["dfe_cla"], reader="ees_cvs")
    bad = replace(catalogue, sources={**catalogue.sources, "dfe_cla": source})
    with pytest.raises(CatalogueError, match="source 'dfe_cla': reader 'ees_cvs' is not one of"):
        registry.check(bad)


def test_a_mapping_must_give_what_its_reader_needs():
    catalogue = load_catalogue()
    measure = catalogue.measures["cla_rate_per_10k"]
    broken = replace(
        measure, national_sources=({k: v for k, v in measure.national_sources[0].items() if k != "value"},)
    )
    bad = replace(catalogue, measures={**catalogue.measures, "cla_rate_per_10k": broken})
    with pytest.raises(
        CatalogueError, match="'cla_rate_per_10k' national_sources\\[0\\]: a ees_csv source needs `value`"
    ):
        registry.check(bad)
