"""The store's cache: results kept by the key of their inputs, re-read when an input changes,
held in this process's memory once read, and a damaged file never trusted."""

import pandas as pd

from croydon_kpi import load_store
from croydon_kpi.core import schema
from croydon_kpi.store import cache


def test_the_cache_is_reused_and_an_edited_source_is_reread(warm_project_copy, tmp_path):
    project_copy = warm_project_copy
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


def test_an_edited_paper_catalogue_rereads_the_papers_and_not_the_dfe_files(warm_project_copy, tmp_path):
    """The papers' catalogue is read by the papers' reader alone: editing it re-reads the papers
    (and the sources read after them, which borrow their areas), never the DfE or LAIT files."""
    load_store()
    results = lambda pattern: [
        p
        for p in (tmp_path / "cache" / "store" / "sources").glob(pattern)
        if not p.name.endswith(".rejections.parquet")
    ]
    before = {pattern: len(results(pattern)) for pattern in ("dfe_cla-*", "lait-*", "cabinet_2019_11_18_minutes_*")}
    path = warm_project_copy / "data/sources/committee_papers/catalogue.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# an edit a reader does not see\n", encoding="utf-8")
    cache.forget()
    load_store()
    assert len(results("dfe_cla-*")) == before["dfe_cla-*"] and len(results("lait-*")) == before["lait-*"]
    assert len(results("cabinet_2019_11_18_minutes_*")) == 2 * before["cabinet_2019_11_18_minutes_*"] > 0


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


def test_a_cache_file_edited_in_place_is_rebuilt_and_the_figure_is_the_sources(project_copy, tmp_path):
    """Every result carries the SHA-256 of its files: a valid Parquet with a changed value (as a
    hand edit or another program would leave it) is not the result that was written."""
    first = load_store().series("cla_rate_per_10k", area="Croydon")
    true_value = first.iloc[-1]["value"]
    edited = 0
    for path in (tmp_path / "cache" / "store").rglob("*.parquet"):
        if path.name.endswith(".rejections.parquet"):
            continue
        frame = pd.read_parquet(path)
        chosen = (frame["measure"] == "cla_rate_per_10k") & (frame["value"] == true_value)
        if chosen.any():
            frame.loc[chosen, "value"] = 999.0
            frame.to_parquet(path, index=False)
            edited += 1
    assert edited >= 2  # the whole store and the source's own result
    cache.forget()  # as a new process would start
    again = load_store().series("cla_rate_per_10k", area="Croydon")
    assert again.iloc[-1]["value"] == true_value and (again["value"] != 999.0).all()


def test_a_truncated_or_unrecorded_result_is_deleted_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(tmp_path))
    path = cache.source_path("dfe_cla", "abc")
    cache.keep(path, _result([1.0, 2.0]), versions=2)
    path.write_bytes(path.read_bytes()[:-40])
    assert cache.fetch(path) is None and not path.exists()
    cache.keep(path, _result([1.0, 2.0]), versions=2)
    path.with_suffix(".digest.json").unlink()  # a result written without its record
    assert cache.fetch(path) is None and not path.exists()


def test_a_result_is_not_read_under_another_key(tmp_path, monkeypatch):
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(tmp_path))
    kept, other = cache.source_path("dfe_cla", "abc"), cache.source_path("dfe_cla", "xyz")
    cache.keep(kept, _result([1.0]), versions=2)
    for suffix in (".parquet", ".rejections.parquet", ".digest.json"):
        other.with_name(f"dfe_cla-xyz{suffix}").write_bytes(kept.with_name(f"dfe_cla-abc{suffix}").read_bytes())
    assert cache.fetch(other) is None


def test_a_folder_inside_a_watched_folder_changes_the_keys(project_copy):
    before = cache.cache_key()
    (project_copy / "data/sources/scorecards/old.csv").mkdir()
    assert cache.cache_key() != before
