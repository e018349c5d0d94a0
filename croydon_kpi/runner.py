"""Run a parameterised notebook with papermill and publish its HTML report atomically.

A report is built in a staging folder and moved into reports/ in one rename, so a failed or
killed run never leaves a half-written report nor replaces a good one. A notebook that raises is
kept under reports/_failed/ for debugging and never published.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill

from . import __version__, project
from .report import notebook_to_html
from .store import cache_key

KERNEL = "python3"  # never a conda kernel name saved in the notebook: it fails elsewhere


class NotebookFailed(RuntimeError):
    """A notebook raised; `.kept` is where the executed notebook was kept."""

    def __init__(self, notebook: str, kept: Path, detail: str):
        self.kept = kept
        super().__init__(f"{notebook} failed: {detail} (executed notebook kept at {project.relative(kept)})")


@dataclass(frozen=True)
class Job:
    notebook: str            # file name under notebooks/
    report_name: str         # file name of the report under reports/, without .html
    parameters: dict


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def notebook_defaults(notebook: str) -> dict:
    """The defaults in a notebook's parameters cell, as papermill reads them."""
    inspected = papermill.inspect_notebook(str(project.notebooks_dir() / notebook))
    return {name: eval_default(spec["default"]) for name, spec in inspected.items()}


def eval_default(text: str):
    import ast

    return ast.literal_eval(text)  # literals only: a notebook default is never executed here


def _staging_dir() -> Path:
    root = project.cache_dir() / "staging"
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=root))


def _publish(built: Path, target: Path) -> None:
    """Move a finished file into place in one rename (a copy first if staging is on another disk)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(built, target)
    except OSError:
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(built, partial)
        os.replace(partial, target)


def _execute(job: Job, executed: Path) -> None:
    try:
        papermill.execute_notebook(
            str(project.notebooks_dir() / job.notebook), str(executed), parameters=job.parameters,
            kernel_name=KERNEL, cwd=str(project.project_root()), progress_bar=False, log_output=False,
        )
    except papermill.PapermillExecutionError as error:
        kept = project.reports_dir() / "_failed" / f"{job.report_name}.ipynb"
        _publish(executed, kept)
        raise NotebookFailed(job.notebook, kept, f"{error.ename}: {error.evalue}") from None


def provenance(job: Job) -> dict[str, str]:
    return {
        "Notebook": f"notebooks/{job.notebook}",
        "Parameters": ", ".join(f"{k}={v}" for k, v in job.parameters.items()),
        "Package": f"croydon_kpi {__version__}",
        "Inputs": f"data/sources/ and the measure catalogue, content key {cache_key()}",
    }


def run(job: Job) -> Path:
    """Execute the job's notebook and publish reports/<report_name>.html; returns its path."""
    staging = _staging_dir()
    try:
        executed = staging / f"{job.report_name}.ipynb"
        _execute(job, executed)
        page = staging / f"{job.report_name}.html"
        page.write_text(notebook_to_html(executed, provenance(job)), encoding="utf-8")
        target = project.reports_dir() / f"{job.report_name}.html"
        _publish(page, target)
        return target
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def execute_in_place(notebook: str) -> Path:
    """Re-execute a committed notebook with its defaults (make notebooks), keeping outputs only:
    papermill's timing metadata is dropped so re-runs do not churn the file."""
    path = project.notebooks_dir() / notebook
    staging = _staging_dir()
    try:
        executed = staging / notebook
        papermill.execute_notebook(str(path), str(executed), kernel_name=KERNEL,
                                   cwd=str(project.project_root()), progress_bar=False)
        node = nbformat.read(executed, as_version=4)
        node.metadata.pop("papermill", None)
        for cell in node.cells:
            cell.metadata.pop("papermill", None)
            cell.metadata.pop("execution", None)
        nbformat.write(node, executed)
        _publish(executed, path)
        return path
    finally:
        shutil.rmtree(staging, ignore_errors=True)
