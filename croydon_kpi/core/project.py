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
    return project_root() / "data"


def sources_dir() -> Path:
    return data_dir() / "sources"


def catalogue_path() -> Path:
    return project_root() / _MARKER


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def reports_dir() -> Path:
    return project_root() / "reports"


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    return project_root() / ".cache"


def relative(path: Path) -> str:
    """A path as shown to users and stored in figures: relative to the project root."""
    try:
        return Path(path).resolve().relative_to(project_root()).as_posix()
    except ValueError:
        return Path(path).name
