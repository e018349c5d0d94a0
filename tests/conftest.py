import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from croydon_kpi import load_store


@pytest.fixture(scope="session")
def store():
    """The store over the bundled data (read once per test session)."""
    return load_store()


@dataclass
class BuiltReports:
    root: Path             # the project copy the reports were built in
    reports: Path          # its reports/ folder
    exits: dict            # command (a tuple of words) -> exit status
    errors: dict           # command -> what it said on stderr


# What one test session builds once and every report test reads: everything, another authority's
# pack, the synthetic borough's pack, and a month with no local figures.
BUILDS = (("build",), ("pack", "--area", "Lewisham", "--month", "2019-10"), ("pack", "--area", "synthetic", "--month", "2019-10"),
          ("pack", "--area", "Croydon", "--month", "2019-09"))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> BuiltReports:
    """Reports built once per test session in a copy of the project, as a user's commands build them."""
    import contextlib
    import io

    from croydon_kpi.core import project
    from croydon_kpi.publish import cli

    root = tmp_path_factory.mktemp("built")
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
