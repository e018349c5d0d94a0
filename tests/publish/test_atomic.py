"""Publishing is all or nothing: a set of files lands whole, and a killed run is tidied by the next."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from croydon_kpi.publish import atomic

NAMES = [f"report_{n}.html" for n in range(6)] + ["manifest.json"]
# A child process that builds a new set in staging and publishes it; the test kills it at random.
PUBLISHER = """
import sys
from pathlib import Path
from croydon_kpi.publish import atomic
staging_root, reports, size = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
folder = atomic.staging_folder(staging_root)
built = []
for name in sys.argv[4:]:
    (folder / name).write_bytes(b"new " + name.encode() + b" " * size)
    built.append(folder / name)
print("publishing", flush=True)
atomic.publish_set(built, reports)
"""


def _set(reports: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes()[:40].rstrip() for p in reports.iterdir() if p.is_file()}


def _old_set(reports: Path) -> None:
    reports.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        (reports / name).write_bytes(b"old " + name.encode())


def test_a_set_is_published_whole_and_staging_is_emptied(tmp_path):
    staging = atomic.staging_folder(tmp_path / "staging")
    built = []
    for name in NAMES:
        (staging / name).write_text(f"new {name}")
        built.append(staging / name)
    published = atomic.publish_set(built, tmp_path / "reports")
    assert sorted(p.name for p in published) == sorted(NAMES)
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == sorted(NAMES)  # no incoming folder left


def test_the_next_run_finishes_a_committed_set_and_drops_an_uncommitted_one(tmp_path):
    reports = tmp_path / "reports"
    _old_set(reports)
    committed = reports / f"{atomic.INCOMING}a"
    committed.mkdir()
    (committed / "report_0.html").write_bytes(b"new report_0.html")
    (committed / atomic.READY).write_text(
        json.dumps(["report_0.html", "report_1.html"])
    )  # report_1 was already renamed
    (committed / atomic.OWNER).write_text(json.dumps({"pid": 2**22 + 12345, "host": os.uname().nodename}))
    uncommitted = reports / f"{atomic.INCOMING}b"
    uncommitted.mkdir()
    (uncommitted / "report_2.html").write_bytes(b"new report_2.html")
    (uncommitted / atomic.OWNER).write_text(json.dumps({"pid": 2**22 + 12346, "host": os.uname().nodename}))
    atomic.recover(reports)
    assert _set(reports)["report_0.html"] == b"new report_0.html"
    assert _set(reports)["report_2.html"] == b"old report_2.html"
    assert not list(reports.glob(".*"))


def test_stale_staging_of_a_killed_run_is_removed_by_the_next(tmp_path):
    root = tmp_path / "staging"
    dead = root / "run-dead"
    dead.mkdir(parents=True)
    (dead / atomic.OWNER).write_text(json.dumps({"pid": 2**22 + 12345, "host": os.uname().nodename}))
    alive = root / "run-alive"
    alive.mkdir()
    (alive / atomic.OWNER).write_text(json.dumps({"pid": os.getpid(), "host": os.uname().nodename}))
    atomic.staging_folder(root)
    assert not dead.exists() and alive.exists()


def test_a_run_killed_before_it_wrote_its_owner_file_is_judged_by_its_folders_name(tmp_path):
    reports = tmp_path / "reports"
    _old_set(reports)
    mine = atomic._owned_folder(reports, atomic.INCOMING)  # this process: alive, so spared
    dead_pid = 2**22 + 12347
    dead = reports / f"{atomic.INCOMING}{dead_pid}@{atomic._host_tag()}-k1ll3d"
    dead.mkdir()
    (dead / "report_0.html").write_bytes(b"new report_0.html")
    elsewhere = reports / f"{atomic.INCOMING}{dead_pid}@{atomic._host_tag('another-machine')}-sh4r3d"
    elsewhere.mkdir()  # another machine's run on a shared drive: not ours to judge
    atomic.recover(reports)
    assert mine.exists() and elsewhere.exists() and not dead.exists()
    assert _set(reports)["report_0.html"] == b"old report_0.html"


def _other_filesystem(path: Path) -> Path:
    for candidate in (Path("/dev/shm"), Path("/run/user") / str(os.getuid())):
        if candidate.is_dir() and os.access(candidate, os.W_OK) and candidate.stat().st_dev != path.stat().st_dev:
            return candidate
    pytest.skip("no second filesystem to stage on")


def test_killed_at_20_random_moments_with_staging_on_another_filesystem_a_whole_set_remains(tmp_path):
    other = _other_filesystem(tmp_path)
    staging_root = Path(other) / f"croydon-kpi-test-{os.getpid()}"
    reports = tmp_path / "reports"
    size = 4_000_000  # a pack's size: copying across filesystems takes a measurable time
    command = [sys.executable, "-c", PUBLISHER, str(staging_root), str(reports), str(size), *NAMES]
    old = {name: f"old {name}".encode() for name in NAMES}
    new = {name: f"new {name}".encode() for name in NAMES}
    try:
        _old_set(reports)
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        whole_run = time.perf_counter() - started
        assert _set(reports) == new
        moments = random.Random(13).sample(range(1000), 20)
        outcomes = []
        for moment in moments:
            _old_set(reports)
            child = subprocess.Popen(command, stdout=subprocess.PIPE, start_new_session=True)
            time.sleep(whole_run * moment / 1000)
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            atomic.recover(reports)  # what the next run does first
            atomic.remove_stale(staging_root)
            found = _set(reports)
            assert found in (old, new), sorted(k for k in found if found[k] != old.get(k))
            assert not list(reports.glob(".*")) and not list(reports.glob("*.partial"))
            assert not list(staging_root.iterdir())
            outcomes.append("new" if found == new else "old")
        assert "old" in outcomes  # some kills landed before the set was committed
    finally:
        import shutil

        shutil.rmtree(staging_root, ignore_errors=True)


def test_a_folder_the_machine_refuses_is_told_before_anything_is_built(tmp_path, monkeypatch):
    import errno

    from croydon_kpi.errors import EXIT_BAD_INPUT, MachineRefused

    (tmp_path / "a_file").write_text("not a folder")
    with pytest.raises(MachineRefused, match="cannot write the cache folder .*a_file/staging: Not a directory"):
        atomic.staging_folder(tmp_path / "a_file" / "staging")
    real_open = os.open

    def refused(path, *args, **kwargs):
        if str(path).startswith(str(tmp_path / "reports")):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, *args, **kwargs)

    (tmp_path / "reports").mkdir()
    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(
        MachineRefused, match="cannot write the reports folder .*reports: Read-only file system"
    ) as told:
        atomic.check_writable(tmp_path / "reports", "the reports folder")
    assert told.value.exit_status == EXIT_BAD_INPUT and list((tmp_path / "reports").iterdir()) == []
    atomic.check_writable(tmp_path / "elsewhere" / "new", "the output folder")  # not created by the check
    assert not (tmp_path / "elsewhere").exists()


def test_a_full_disk_while_publishing_leaves_the_previous_set_and_no_incoming_folder(tmp_path, monkeypatch):
    import errno
    import shutil

    from croydon_kpi.errors import MachineRefused

    reports, staging = tmp_path / "reports", tmp_path / "staging"
    reports.mkdir()
    staging.mkdir()
    (reports / "a.html").write_text("old")
    (staging / "a.html").write_text("new")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    monkeypatch.setattr(shutil, "copyfile", full)
    with pytest.raises(MachineRefused, match="cannot write the reports folder .*: No space left on device"):
        atomic.publish_set([staging / "a.html"], reports)
    assert [p.name for p in reports.iterdir()] == ["a.html"] and (reports / "a.html").read_text() == "old"
