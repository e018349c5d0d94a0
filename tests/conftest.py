import datetime
import json
import os
import shutil
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
    from croydon_kpi.core import project

    root = project.project_root()
    copy = tmp_path / "project"
    for folder in ("data", "notebooks"):
        shutil.copytree(root / folder, copy / folder)
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(copy))
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(tmp_path / "cache"))
    return copy


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
    With pytest-xdist (make unit), the first worker to ask builds them and the others wait for it
    and read the same folder: one build for the whole run, not one per worker."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _build(tmp_path_factory.mktemp("built"))
    shared = tmp_path_factory.getbasetemp().parent / "built-shared"
    shared.mkdir(exist_ok=True)
    outcome = shared / "outcome.json"
    try:
        (shared / "building").mkdir()  # atomic: exactly one worker gets to build
    except FileExistsError:
        return _wait_for(outcome, shared)
    try:
        result = _build(shared)
        _write_atomically(
            outcome,
            {
                "exits": [[list(k), v] for k, v in result.exits.items()],
                "errors": [[list(k), v] for k, v in result.errors.items()],
            },
        )
        return result
    except BaseException as error:
        _write_atomically(outcome, {"failed": f"{type(error).__name__}: {error}"})
        raise


BUILD_WAIT_SECONDS = 1200


def _wait_for(outcome: Path, shared: Path) -> BuiltReports:
    waited = 0.0
    while not outcome.exists():
        if waited > BUILD_WAIT_SECONDS:
            pytest.fail(f"the worker building the session's reports did not finish within {BUILD_WAIT_SECONDS} s")
        time.sleep(0.5)
        waited += 0.5
    said = json.loads(outcome.read_text())
    if "failed" in said:
        pytest.fail(f"the session's build failed in another worker: {said['failed']}")
    copy = shared / "project"
    return BuiltReports(
        copy, copy / "reports", {tuple(k): v for k, v in said["exits"]}, {tuple(k): v for k, v in said["errors"]}
    )


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
