"""Crash safety, concurrent runs and a build with the network cut off, each in real processes."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

COMMAND = [sys.executable, "-m", "croydon_kpi"]


@pytest.fixture
def copy(new_project):
    return new_project(setenv=False)  # with a warm cache, as a scheduled run finds it


def _reports(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "reports").glob("*") if p.is_file()}


def _no_partial_files(root: Path) -> None:
    leftovers = [
        p.name for p in (root / "reports").rglob("*") if p.name.startswith(".") or p.suffix in (".partial", ".tmp")
    ]
    assert leftovers == []


def test_a_killed_build_leaves_the_previous_reports_intact(copy, built):
    root, env = copy
    (root / "reports").mkdir()
    for path in built.reports.glob("*2019-10_croydon*"):  # the previous run's pack, as it published it
        shutil.copyfile(path, root / "reports" / path.name)
    before = _reports(root)
    build = subprocess.Popen(
        [*COMMAND, "build"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    staging = Path(env["CROYDON_KPI_CACHE_DIR"]) / "staging"
    deadline = time.time() + 120
    while time.time() < deadline and not list(staging.rglob("*.html")):  # part-way: some reports built, none published
        time.sleep(0.5)
    assert list(staging.rglob("*.html")), "the build never got part-way"
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert _reports(root) == before
    _no_partial_files(root)
    assert subprocess.run([*COMMAND, "pack", "--month", "2019-10"], env=env, capture_output=True).returncode == 0
    assert _reports(root)["monthly_pack_2019-10_croydon.html"] == before["monthly_pack_2019-10_croydon.html"]


def test_concurrent_packs_match_packs_built_one_after_another(copy, built):
    root, env = copy
    months = ["2019-09", "2019-10"]
    # Two months at once, and the same month twice at once (last writer wins by atomic rename),
    # against the packs the test session built one after another (tests/conftest.py).
    runs = [
        subprocess.Popen(
            [*COMMAND, "pack", "--month", m, "--empty-month-ok"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for m in [*months, "2019-10"]
    ]
    for run in runs:
        assert run.wait(timeout=600) == 0, run.stderr.read().decode()[-500:]
    together = {k: v for k, v in _reports(root).items() if k.endswith(".html") and k != "index.html"}
    _no_partial_files(root)
    assert sorted(together) == [f"monthly_pack_{m}_croydon.html" for m in months]
    for name, content in together.items():
        assert (built.reports / name).read_bytes() == content, name


@pytest.mark.skipif(
    shutil.which("unshare") is None or shutil.which("ip") is None, reason="needs unshare and ip to cut the network off"
)
def test_a_pack_builds_with_the_network_cut_off(copy):
    root, env = copy
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow a network namespace")
    command = " ".join(COMMAND) + " pack --month 2019-10"
    done = subprocess.run(
        ["unshare", "-n", "sh", "-c", f"ip link set lo up && {command}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-800:]
    assert (root / "reports" / "monthly_pack_2019-10_croydon.html").is_file()
