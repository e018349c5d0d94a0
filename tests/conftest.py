import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from croydon_kpi import load_store


@pytest.fixture(scope="session")
def store():
    """The store over the bundled data (read once per test session)."""
    return load_store()


@pytest.fixture
def project_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the project's data and notebooks, used as the project, with a cold cache of its own."""
    copy, env = copy_project(tmp_path, None)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return copy


@pytest.fixture
def warm_project_copy(new_project) -> Path:
    """project_copy with the cache a second run finds: for tests of what a run does, not of reading."""
    return new_project()[0]


@pytest.fixture
def warm_cache_copy(tmp_path, warm_cache) -> Path:
    """tmp_path/cache, starting as a copy of the session's warm cache."""
    return seed_cache(warm_cache, tmp_path / "cache")


@pytest.fixture
def new_project(tmp_path, monkeypatch, request):
    """new_project(warm=True, folders=("data", "notebooks"), setenv=True) -> (copy, environment):
    a copy of the project under tmp_path/project, its cache at tmp_path/cache, warm (a copy of
    the session's warm cache) unless warm=False; the environment a subprocess needs to use it,
    and with setenv this process's environment names it too."""

    def make(warm=True, folders=("data", "notebooks"), setenv=True):
        cache = request.getfixturevalue("warm_cache") if warm else None
        copy, env = copy_project(tmp_path, cache, folders)
        if setenv:
            for name, value in env.items():
                monkeypatch.setenv(name, value)
        return copy, {**os.environ, **env}

    return make


@dataclass
class BuiltReports:
    root: Path  # the project copy the reports were built in
    reports: Path  # its reports/ folder
    exits: dict  # command (a tuple of words) -> exit status
    errors: dict  # command -> what it said on stderr


# What one test session builds once and every report test reads: everything, another authority's
# pack, the synthetic borough's pack, and a month with no local figures.
BUILDS = (
    ("build",),
    ("pack", "--area", "Lewisham", "--month", "2019-10"),
    ("pack", "--area", "synthetic", "--month", "2019-10"),
    ("pack", "--area", "Croydon", "--month", "2019-09"),
)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> BuiltReports:
    """Reports built once per test run in a copy of the project, as a user's commands build them.
    With pytest-xdist (make unit), they are built beside the workers from the start (see
    pytest_sessionstart) and a worker that needs them waits for them: one build for the whole run."""
    folder, said = _once_per_run(tmp_path_factory, "built", _built_outcome)
    copy = folder / "project"
    return BuiltReports(
        copy, copy / "reports", {tuple(k): v for k, v in said["exits"]}, {tuple(k): v for k, v in said["errors"]}
    )


def _built_outcome(folder: Path) -> dict:
    result = _build(folder)
    return {
        "exits": [[list(k), v] for k, v in result.exits.items()],
        "errors": [[list(k), v] for k, v in result.errors.items()],
    }


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory) -> Path:
    """A store cache over the bundled data, read once per test run (shared by xdist workers). A
    project copy starts from a copy of it, as a user's second run finds its cache: the cache is
    keyed by content, so a copy whose data a test edits still re-reads what the edit touches."""
    folder, _ = _once_per_run(tmp_path_factory, "warm-cache", _warm_read)
    return folder / "cache"


def _warm_read(folder: Path) -> dict:
    from croydon_kpi.store import cache as store_cache

    patch = pytest.MonkeyPatch()
    patch.setenv("CROYDON_KPI_CACHE_DIR", str(folder / "cache"))
    try:
        load_store()
        store_cache.forget()
    finally:
        patch.undo()
    return {}


# Made once per run, in this order, by a process of their own beside the xdist workers.
MADE_BESIDE = (("warm-cache", _warm_read), ("built", _built_outcome))


def pytest_sessionstart(session):
    """Under xdist, the controller claims the session's warm cache and build and starts one
    process making them while the workers collect and run other tests: no worker sits idle
    waiting for a build it happened to need first."""
    if os.environ.get("PYTEST_XDIST_WORKER") or not getattr(session.config.option, "numprocesses", None):
        return
    base = session.config._tmp_path_factory.getbasetemp()
    for name, _ in MADE_BESIDE:
        (base / f"{name}-shared" / "making").mkdir(parents=True)
    code = (
        "import importlib.util, sys; "
        "spec = importlib.util.spec_from_file_location('session_conftest', sys.argv[1]); "
        "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); "
        "module.make_beside(sys.argv[2])"
    )
    with open(base / "made-beside.log", "wb") as log:  # what the build printed, for a failure's reader
        session.config._made_beside = subprocess.Popen(
            [sys.executable, "-c", code, __file__, str(base)], stdin=subprocess.DEVNULL, stdout=log, stderr=log
        )


def pytest_sessionfinish(session):
    making = getattr(session.config, "_made_beside", None)
    if making is not None and making.poll() is None:
        making.kill()
        making.wait()


def make_beside(base: str) -> None:
    """In the process pytest_sessionstart started: each of MADE_BESIDE, its outcome written where
    the workers' fixtures wait for it (a failure is written too, and fails the tests that need it)."""
    for name, make in MADE_BESIDE:
        shared = Path(base) / f"{name}-shared"
        try:
            said = make(shared)
        except BaseException as error:
            said = {"failed": f"{type(error).__name__}: {error}"}
        _write_atomically(shared / "outcome.json", said)


def seed_cache(warm: Path, cache: Path) -> Path:
    """`cache` starting as a copy of the session's warm cache (its store results only)."""
    shutil.copytree(warm / "store", cache / "store", dirs_exist_ok=True)
    return cache


def copy_project(tmp_path: Path, warm: Path | None, folders=("data", "notebooks")) -> tuple[Path, dict]:
    """A copy of the project's data and notebooks under tmp_path/project, its cache at
    tmp_path/cache (warm from `warm` if given); the copy and the environment naming both."""
    from croydon_kpi.core import project

    copy = tmp_path / "project"
    for folder in folders:
        shutil.copytree(project.project_root() / folder, copy / folder)
    cache = tmp_path / "cache"
    if warm is not None:
        seed_cache(warm, cache)
    return copy, {"CROYDON_KPI_ROOT": str(copy), "CROYDON_KPI_CACHE_DIR": str(cache)}


def _once_per_run(tmp_path_factory, name: str, make) -> tuple[Path, dict]:
    """make(folder) run once per test run, in a folder every xdist worker shares; the folder and
    what make returned (JSON). The first worker to ask makes it, the others wait and read it."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        return folder, make(folder)
    shared = tmp_path_factory.getbasetemp().parent / f"{name}-shared"
    shared.mkdir(exist_ok=True)
    outcome = shared / "outcome.json"
    try:
        (shared / "making").mkdir()  # atomic: exactly one worker gets to make it
    except FileExistsError:
        return shared, _wait_for(outcome, name)
    try:
        said = make(shared)
        _write_atomically(outcome, said)
        return shared, said
    except BaseException as error:
        _write_atomically(outcome, {"failed": f"{type(error).__name__}: {error}"})
        raise


BUILD_WAIT_SECONDS = 1200


def _wait_for(outcome: Path, name: str) -> dict:
    waited = 0.0
    while not outcome.exists():
        if waited > BUILD_WAIT_SECONDS:
            pytest.fail(f"the worker making the session's {name} did not finish within {BUILD_WAIT_SECONDS} s")
        time.sleep(0.5)
        waited += 0.5
    said = json.loads(outcome.read_text())
    if "failed" in said:
        pytest.fail(f"the session's {name} failed in another worker: {said['failed']}")
    return said


def _write_atomically(path: Path, content: dict) -> None:
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(content))
    partial.replace(path)


def _build(root: Path) -> BuiltReports:
    import contextlib
    import io

    from croydon_kpi.core import project
    from croydon_kpi.publish import cli

    copy = root / "project"
    for folder in ("data", "notebooks"):
        shutil.copytree(project.project_root() / folder, copy / folder)
    patch = pytest.MonkeyPatch()
    patch.setenv("CROYDON_KPI_ROOT", str(copy))
    patch.setenv("CROYDON_KPI_CACHE_DIR", str(root / "cache"))
    exits, errors = {}, {}
    try:
        for command in BUILDS:
            said = io.StringIO()
            with contextlib.redirect_stderr(said):
                exits[command] = cli.main(list(command))
            errors[command] = said.getvalue()
    finally:
        patch.undo()
    return BuiltReports(copy, copy / "reports", exits, errors)


# --- a council's own export, as its case-management system writes it (tests build their own) ------

EXPORT_MONTHS = [datetime.datetime(2023 + (10 + n) // 12, (10 + n) % 12 + 1, 1) for n in range(24)]  # Nov 2023-Oct 2025
EXPORT_ROWS = [
    # ref, indicator as the council words it, polarity, target, monthly values (None: blank cell)
    ("FD01", "% referrals resulting in NFA", "", "", [7 + n % 3 for n in range(24)]),
    ("CP02", "% children subject to a CP plan for a second or subsequent time", "Lower is better", "20%", [22] * 24),
    ("CP01", "Number of children subject to a CP plan", "", "", [300 + n for n in range(24)]),
    ("FD02", "Number of contacts received", "", "", [1500 + 10 * n for n in range(24)]),
    ("CIN1", "% CIN visits within timescale", "Higher is better", "90", [85] * 23 + [None]),
    ("CLA3", "% CLA with 3+ placements", "Lower is better", "10", [11] * 24),
]


def _write_export(folder, area="Barnsley", rows=EXPORT_ROWS):
    """A wide XLSX as exports are: ref, indicator, area, polarity and target columns, month headers
    stored as Excel dates formatted mmm-yy, percentages as cells formatted 0%."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ref", "Indicator", "Area", "Polarity", "Target", *EXPORT_MONTHS, "Notes"])
    for cell in sheet[1][5:-1]:
        cell.number_format = "mmm-yy"
    for ref, wording, polarity, target, values in rows:
        percent = wording.startswith("%")
        cells = [None if v is None else (v / 100 if percent else v) for v in values]
        sheet.append([ref, wording, area, polarity, target, *cells, ""])
        if percent:
            for cell in sheet[sheet.max_row][5:-1]:
                cell.number_format = "0%"
    book.save(folder / "2025-10_export.xlsx")


@pytest.fixture
def write_export():
    """write_export(folder, area=..., rows=...): a wide XLSX export into a scorecards folder."""
    return _write_export
