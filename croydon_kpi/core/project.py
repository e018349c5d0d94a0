"""Where the project's files are: every path resolves from the project root, never the cwd.

Papermill starts kernels in the launching process's directory, and analysts open notebooks from
anywhere, so nothing may depend on the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from croydon_kpi.errors import ProjectNotFound

ROOT_ENV = "CROYDON_KPI_ROOT"
CACHE_ENV = "CROYDON_KPI_CACHE_DIR"
# A run's snapshot of data/: set by the command that publishes, so its pre-run check and every
# kernel it starts read the same files, whatever is dropped into data/ meanwhile.
DATA_ENV = "CROYDON_KPI_DATA_DIR"
_MARKER = Path("data") / "catalogue" / "measures.yaml"


def project_root() -> Path:
    """The folder holding data/catalogue/measures.yaml: $CROYDON_KPI_ROOT, this checkout, or above the cwd."""
    if os.environ.get(ROOT_ENV):
        root = Path(os.environ[ROOT_ENV]).expanduser().resolve()
        if not (root / _MARKER).is_file():
            raise ProjectNotFound(f"{ROOT_ENV}={root} has no {_MARKER}")
        return root
    checkout = Path(__file__).resolve().parents[2]  # croydon_kpi/core/project.py -> the checkout
    for candidate in (checkout, Path.cwd(), *Path.cwd().parents):
        if (candidate / _MARKER).is_file():
            return candidate
    raise ProjectNotFound(f"no croydon_kpi project found: set {ROOT_ENV} to the folder holding {_MARKER}")


def data_dir() -> Path:
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    return project_root() / "data"


def data_file(name: str) -> Path:
    """A path written as the project writes it ("data/sources/x.csv") in the data folder in use."""
    return data_dir() / Path(name).relative_to("data")


def sources_dir() -> Path:
    return data_dir() / "sources"


def catalogue_path() -> Path:
    return data_dir() / _MARKER.relative_to("data")


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def reports_dir() -> Path:
    return project_root() / "reports"


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    return project_root() / ".cache"


def relative(path: Path) -> str:
    """A path as shown to users and stored in figures: relative to the project root (a file in a
    run's snapshot of data/ is named as the file in data/ it was copied from)."""
    # The path as given first (a link is named as the link, not where it points), then resolved.
    for candidate in (Path(path).absolute(), Path(path).resolve()):
        for base, prefix in ((data_dir(), "data/"), (project_root(), "")):
            for folder in (base.absolute(), base.resolve()):
                try:
                    return prefix + candidate.relative_to(folder).as_posix()
                except ValueError:
                    continue
    return Path(path).name
