"""Loading the store: every listed source read through the readers registry and the store's
door, unlisted files refused, bad cells named, an independent source read in a second process."""

import dataclasses

import pandas as pd
import pytest

from croydon_kpi import load_store
from croydon_kpi.core import schema
from croydon_kpi.errors import InputError, SchemaViolation


def test_store_has_the_design_columns(store):
    assert list(store.figures.columns) == list(schema.FIGURE_COLUMNS)
    assert set(store.figures["status"]) == {"published_statistic", "reported", "derived", "computed"}
    assert store.figures["source_id"].notna().all() and store.figures["locator"].notna().all()


def test_a_file_not_in_the_registry_is_refused(project_copy):
    (project_copy / "data/sources/dfe/extra.csv").write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="extra.csv: not described in data/sources/sources.yaml"):
        load_store(cache=False)


def test_a_bad_cell_names_file_line_and_column(project_copy):
    path = project_copy / "data/sources/dfe/csww_indicators_2017_to_2025.csv"
    lines = path.read_text().splitlines()
    croydon = next(i for i, line in enumerate(lines) if ",Croydon," in line)
    lines[croydon] = lines[croydon].replace(",294.9,", ",twelve,", 1)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError) as raised:
        load_store(cache=False)
    assert str(raised.value) == (
        f"data/sources/dfe/csww_indicators_2017_to_2025.csv, line {croydon + 1}, column inpost_fte: "
        "'twelve' is neither a number nor a DfE symbol "
        "['-', ':', 'c', 'k', 'low', 'u', 'x', 'z', '~']"
    )


def test_binary_data_with_a_csv_name_is_refused(project_copy):
    (project_copy / "data/sources/dfe/la_cla_swcount.csv").write_bytes(b"\x00\x01\x02PK\x03\x04")
    with pytest.raises(InputError, match="la_cla_swcount.csv: binary data, expected UTF-8 text"):
        load_store(cache=False)


def test_the_synthetic_borough_read_in_a_second_process_or_here_gives_the_same_figures(
    project_copy, store, monkeypatch
):
    """A cold load reads the synthetic borough in a second process (loading._prefetch_independent);
    when that process fails, the source is read in this one. Either way the same figures."""
    import subprocess
    import sys

    started = []
    real_popen = subprocess.Popen

    def failing(command, **options):
        started.append(command)
        return real_popen([sys.executable, "-c", "raise SystemExit(3)"], **options)

    monkeypatch.setattr(subprocess, "Popen", failing)
    failed_then_read_here = load_store().figures
    assert started and "synthetic_borough" in started[0][-1]
    synthetic = lambda figures: figures[figures["source_id"] == "synthetic_borough"].reset_index(drop=True)
    assert len(synthetic(failed_then_read_here)) > 500
    pd.testing.assert_frame_equal(synthetic(failed_then_read_here), synthetic(store.figures))


def test_every_source_goes_through_the_door(project_copy, monkeypatch):
    from croydon_kpi.readers import registry

    lait = registry.READERS["lait_parquet"]

    def undeclared_kind(source, catalogue, so_far):
        figures, rejected = lait.read(source, catalogue, so_far)
        return figures.assign(kind="estimate"), rejected

    monkeypatch.setitem(registry.READERS, "lait_parquet", dataclasses.replace(lait, read=undeclared_kind))
    with pytest.raises(SchemaViolation) as raised:
        load_store(cache=False)
    assert {(p.source_id, p.column, p.found) for p in raised.value.problems} == {("lait", "kind", "estimate")}
