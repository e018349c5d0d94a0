"""The store's cache: results kept by the key of their inputs, re-read when an input changes,
held in this process's memory once read, and a damaged file never trusted."""

import pandas as pd

from croydon_kpi import load_store
from croydon_kpi.core import schema
from croydon_kpi.store import cache


def test_the_cache_is_reused_and_an_edited_source_is_reread(project_copy, tmp_path):
    first = load_store()
    results = lambda pattern: [
        p for p in (tmp_path / "cache" / "store").glob(pattern) if not p.name.endswith(".rejections.parquet")
    ]
    assert len(results("figures-*.parquet")) == 1
    pd.testing.assert_frame_equal(load_store().figures, first.figures)

    cla = project_copy / "data/sources/dfe/cla_number_and_rate_per_10k_children.csv"
    cla.write_text(
        cla.read_text(encoding="utf-8-sig").replace(
            "Croydon,E09000008,Children looked after on 31 March each year,93945,547,58",
            "Croydon,E09000008,Children looked after on 31 March each year,93945,547,c",
        ),
        encoding="utf-8",
    )
    edited = load_store().series("cla_rate_per_10k", area="Croydon")
    assert edited.iloc[-1]["symbol"] == "c" and pd.isna(edited.iloc[-1]["value"])
    assert len(results("figures-*.parquet")) == 1  # the stale one is gone
    # Per source: the edited file is read again, a source read before it or not depending on it is not.
    assert len(results("sources/dfe_cla-*.parquet")) == 2
    assert len(results("sources/dfe_cin-*.parquet")) == 1 and len(results("sources/synthetic_borough-*.parquet")) == 1


def test_an_edited_derivation_changes_the_stores_cache_key(project_copy):
    before = cache.cache_key()
    path = project_copy / "data/catalogue/derivations.yaml"
    path.write_text(path.read_text().replace("derived, not a reported spend", "derived, never reported"))
    assert cache.cache_key() != before


def _result(values) -> cache.Result:
    figures = schema.conform(
        pd.DataFrame(
            {
                "measure": "cla_count",
                "value": values,
                "source_id": "x",
                "locator": "line 2",
                "tags": [""] * len(values),
            }
        )
    )
    return cache.Result(figures, cache.no_rejections())


def test_a_kept_result_is_fetched_from_disk_and_a_damaged_one_is_deleted(tmp_path, monkeypatch):
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(tmp_path))
    path = cache.source_path("dfe_cla", "abc")
    cache.keep(path, _result([1.0, 2.0]), versions=2)
    assert cache.fetch(path).figures["value"].tolist() == [1.0, 2.0]
    path.write_bytes(b"not parquet")
    assert cache.fetch(path) is None and not path.exists()


def test_only_the_newest_versions_of_a_result_are_kept(tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(tmp_path))
    for number, key in enumerate(["a", "b", "c"]):
        cache.keep(cache.source_path("dfe_cla", key), _result([float(number)]), versions=2)
        os.utime(cache.source_path("dfe_cla", key), (number + 1, number + 1))
    kept = sorted(p.name for p in (tmp_path / "store" / "sources").glob("dfe_cla-?.parquet"))
    assert kept == ["dfe_cla-b.parquet", "dfe_cla-c.parquet"]


def test_the_whole_store_is_held_in_memory_until_forgotten(tmp_path, monkeypatch):
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(tmp_path))
    path, result = cache.store_path("k1"), _result([3.0])
    cache.keep(path, result, remember=True)
    path.unlink()  # gone from disk: still answered from memory
    assert cache.fetch(path) is result
    cache.forget()
    assert cache.fetch(path) is None
