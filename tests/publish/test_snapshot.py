"""One snapshot per run: a file dropped into data/ after the check never reaches the kernels."""

import os
import subprocess
import sys

import pytest

from croydon_kpi.core import project
from croydon_kpi.publish import cli, runner
from croydon_kpi.publish.snapshot import data_snapshot

BAD = "measure,area,month,value\ncin_visits_timely_percent,Croydon,2019-10,eighty\n"
KERNEL_LIKE = "import croydon_kpi; print(len(croydon_kpi.load_store().rejections))"


@pytest.fixture
def copy(new_project, monkeypatch):
    root, _ = new_project()
    monkeypatch.delenv(project.DATA_ENV, raising=False)
    return root


def test_inside_a_snapshot_the_store_reads_the_copy_taken_on_entry(copy):
    from croydon_kpi import load_store

    with data_snapshot() as snapshot:
        (copy / "data/sources/scorecards/late.csv").write_text(BAD)
        assert project.data_dir() == snapshot != copy / "data"
        store = load_store()
        assert store.rejections.empty
        assert set(store.figures["locator"].str.extract(r"^(data/sources/scorecards/[^,]+)")[0].dropna()) == {
            "data/sources/scorecards/2019-10_croydon_board_overview.csv"
        }  # named as in data/, not the copy
    assert project.data_dir() == copy / "data" and not snapshot.exists()
    assert len(load_store().rejections) == 1  # the next run sees it, and its check refuses it


def test_a_bad_file_dropped_after_the_check_is_not_what_the_kernels_read(copy, monkeypatch, capsys):
    seen_by_kernel = []

    def run(jobs, command="build", with_index=False, **options):  # what runner.run does first: start a kernel
        (copy / "data/sources/scorecards/late.csv").write_text(BAD)
        done = subprocess.run(
            [sys.executable, "-c", KERNEL_LIKE], env=os.environ.copy(), capture_output=True, text=True, check=True
        )
        seen_by_kernel.append(int(done.stdout.strip()))
        return []

    monkeypatch.setattr(runner, "run", run)
    assert cli.main(["pack", "--month", "2019-10"]) == 0
    assert seen_by_kernel == [0]
    assert cli.main(["pack", "--month", "2019-10"]) == 2  # the next run checks the new file and refuses it
    assert "late.csv, row 2, column value: 'eighty' is not a number" in capsys.readouterr().err


def test_a_link_loop_in_data_is_refused_by_name(copy, capsys):
    os.symlink(copy / "data/sources", copy / "data/sources/dfe/loop")
    assert cli.main(["pack", "--month", "2019-10"]) == 2
    assert "data/sources/dfe/loop: a link to a folder" in capsys.readouterr().err


def test_a_snapshot_kept_under_the_projects_own_cache_reads_the_warm_store(copy, monkeypatch):
    """The default cache folder is inside the project: a snapshot there must not look like new
    inputs (files named by their place in the checkout), or every run re-reads every source."""
    from croydon_kpi.store.figure_store import cache_key

    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(copy / ".cache"))
    outside = cache_key()
    with data_snapshot() as snapshot:
        assert snapshot.is_relative_to(copy)
        assert cache_key() == outside


@pytest.mark.parametrize("number", [28, 27])  # ENOSPC, EFBIG: a full disk, a file-size limit
def test_a_copy_the_machine_refuses_is_the_machines_fault_and_nothing_is_left(copy, tmp_path, monkeypatch, number):
    import pathlib

    from croydon_kpi.errors import MachineRefused

    real = pathlib.Path.write_bytes

    def write_bytes(path, data):
        if "snapshot-" in str(path) and path.suffix == ".csv":
            raise OSError(number, os.strerror(number), str(path))
        return real(path, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", write_bytes)
    with pytest.raises(MachineRefused, match=f"cannot write the run's copy of the inputs in .*: {os.strerror(number)}"):
        with data_snapshot():
            pass
    assert not list((tmp_path / "cache" / "staging").glob("snapshot-*"))
    assert os.environ.get(project.DATA_ENV) is None


def test_a_file_that_cannot_be_read_is_still_the_inputs_fault(copy, monkeypatch):
    import pathlib

    from croydon_kpi.errors import InputError, MachineRefused

    real = pathlib.Path.read_bytes

    def read_bytes(path):
        if path.name == "la_cla_swcount.csv" and "snapshot-" not in str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    with pytest.raises(InputError, match="la_cla_swcount.csv: cannot be read \\(Permission denied\\)") as raised:
        with data_snapshot():
            pass
    assert not isinstance(raised.value, MachineRefused)
