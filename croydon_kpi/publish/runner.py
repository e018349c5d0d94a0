"""Run parameterised notebooks with papermill and publish their HTML reports atomically.

Every report of a run is built in a staging folder first. Only when every notebook has run are
the files moved into reports/, each in one rename, so a failed or killed run never leaves a
half-written report and never replaces a good one. A notebook that raises is kept under
reports/_failed/ for debugging and nothing of that run is published. Each run writes a manifest
(parameters, versions, git commit, input hashes, outputs) beside its reports.
"""

from __future__ import annotations

import ast
import hashlib
import html
import json
import platform
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import nbformat
import papermill
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, papermill_engines
from papermill.utils import remove_args

from croydon_kpi import __version__
from croydon_kpi.core import project
from croydon_kpi.errors import NotebookFailed
from croydon_kpi.publish import atomic, kernels
from croydon_kpi.publish.html import notebook_to_html
from croydon_kpi.reports.registry import Job
from croydon_kpi.store.figure_store import cache_key

DEPENDENCIES = (
    "pandas",
    "numpy",
    "plotly",
    "papermill",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "PyYAML",
    "openpyxl",
    "pyarrow",
    "holidays",  # which days are working days in the child-level timescales
    "XlsxWriter",  # the KPI workbook's bytes
)


def notebook_defaults(notebook: str) -> dict:
    """The defaults in a notebook's parameters cell, as papermill reads them (literals only)."""
    inspected = papermill.inspect_notebook(str(project.notebooks_dir() / notebook))
    return {name: ast.literal_eval(spec["default"]) for name, spec in inspected.items()}


# --- building -------------------------------------------------------------------------------


def _staging_dir() -> Path:
    return atomic.staging_folder(project.cache_dir() / "staging")


def _publish(built: Path, target: Path) -> None:
    """Put one finished file in place, whole (see atomic.publish_set); `target` has its name."""
    if built.name != target.name:
        built = built.replace(built.with_name(target.name))
    atomic.publish_set([built], target.parent)


class LaneEngine(Engine):
    """papermill's nbclient engine, executing in a lane's kernel instead of starting its own."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        lane: kernels.Lane,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        **kwargs,
    ):
        lane.prepare()
        client = PapermillNotebookClient(
            nb_man,
            km=lane.manager,
            kernel_name=kernel_name,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
            **remove_args(["input_path"], **kwargs),
        )
        client.kc = lane.client  # the lane's client, already connected: not one more per notebook
        return client.execute()


ENGINE = "croydon_kpi_lane"
papermill_engines.register(ENGINE, LaneEngine)


def _execute(job: Job, executed: Path, lane: kernels.Lane, outputs: dict | None = None):
    """Run the notebook in the lane's kernel; `outputs` are parameters naming files the notebook
    writes beside its page. The executed notebook is written once, at the end (a failed one is
    kept for debugging), and returned."""
    try:
        return papermill.execute_notebook(
            str(project.notebooks_dir() / job.notebook),
            str(executed),
            parameters={**job.parameters, **(outputs or {})},
            engine_name=ENGINE,
            lane=lane,
            request_save_on_cell_execute=False,
            # no cwd: the lane's kernel started in the project root, and papermill's cwd would
            # change this whole process's directory under the other lanes' feet
            kernel_name=kernels.KERNEL,
            progress_bar=False,
            log_output=False,
        )
    except papermill.PapermillExecutionError as error:
        kept = project.reports_dir() / "_failed" / f"{job.report_name}.ipynb"
        _publish(executed, kept)
        raise NotebookFailed(job.notebook, kept, f"{error.ename}: {error.evalue}") from None


def provenance(job: Job, content_key: str | None = None) -> dict[str, str]:
    """The report's footer; `content_key` is the inputs' key (cache_key(), worked out once a run)."""
    return {
        "Notebook": f"notebooks/{job.notebook}",
        "Parameters": ", ".join(f"{k}={v}" for k, v in job.parameters.items()) or "the notebook's defaults",
        "Package": f"croydon_kpi {__version__}",
        "Inputs": f"data/ and the measure catalogue, content key {content_key or cache_key()}",
    }


def _build(job: Job, staging: Path, lane: kernels.Lane, content_key: str | None = None) -> list[Path]:
    executed = staging / f"{job.report_name}.ipynb"
    extras = {side.parameter: staging / f"{job.report_name}{side.suffix}" for side in job.side_files}
    notebook = _execute(job, executed, lane, {parameter: str(path) for parameter, path in extras.items()})
    missing = [path.name for path in extras.values() if not path.is_file()]
    if missing:
        raise NotebookFailed(job.notebook, executed, f"it did not write {', '.join(missing)}")
    page = staging / f"{job.report_name}.html"
    page.write_text(notebook_to_html(notebook, provenance(job, content_key), title=job.title), encoding="utf-8")
    executed.unlink()
    return [page, *extras.values()]


def _progress(total: int):
    """A progress bar on a terminal; none when a scheduled job's output is a log file."""
    if total > 1 and sys.stderr.isatty():
        from tqdm import tqdm

        return tqdm(total=total, desc="reports", unit="report", file=sys.stderr)
    return None


def run(
    jobs: list[Job] | Job,
    command: str = "build",
    with_index: bool = False,
    workers: int | None = None,
    lanes: kernels.Lanes | None = None,
) -> list[Path]:
    """Build every job in staging, in the `lanes` given (a command opens them early, so they start
    while it prepares) or up to `workers` at once (default: one per core), then publish them all
    (or nothing, if one fails). The files are the same bytes however many run at once."""
    jobs = [jobs] if isinstance(jobs, Job) else list(jobs)
    staging = _staging_dir()
    own_lanes = lanes is None
    lanes = lanes or kernels.open_lanes(min(workers or kernels.default_lanes(), len(jobs)))
    try:
        built = [path for paths in _build_all(jobs, staging, lanes) for path in paths]
        if with_index:
            index = staging / "index.html"
            index.write_text(index_page(jobs), encoding="utf-8")
            built.append(index)
        manifest_name = "manifest.json" if with_index else f"manifest_{jobs[0].report_name}.json"
        manifest = staging / manifest_name
        manifest.write_text(json.dumps(make_manifest(command, jobs, built), indent=2, sort_keys=True), encoding="utf-8")
        return atomic.publish_set([*built, manifest], project.reports_dir())
    finally:
        if own_lanes:
            lanes.close()
        shutil.rmtree(staging, ignore_errors=True)


def _build_all(jobs: list[Job], staging: Path, lanes: kernels.Lanes) -> list[list[Path]]:
    """Each job's files, in the jobs' order; a notebook's outputs do not depend on which lane ran it."""
    progress = _progress(len(jobs))
    content_key = cache_key()  # the run's snapshot of data/ does not change while it runs
    try:
        return lanes.map(
            lambda job, lane: _build(job, staging, lane, content_key), jobs, done=progress.update if progress else None
        )
    finally:
        if progress:
            progress.close()


# --- the manifest and the index -----------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _git_commit() -> str:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=project.project_root(), capture_output=True, text=True, timeout=10
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=project.project_root(),
            capture_output=True,
            text=True,
            timeout=10,
        )
        if found.returncode == 0:
            return found.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return "unknown (not a git checkout)"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def make_manifest(command: str, jobs: list[Job], outputs: list[Path]) -> dict:
    data = project.data_dir()
    inputs = {project.relative(p): _sha256(p) for p in sorted(data.rglob("*")) if p.is_file()}
    return {
        "command": command,
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "reports": [
            {"notebook": j.notebook, "report": f"{j.report_name}.html", "parameters": j.parameters} for j in jobs
        ],
        "package": {
            "croydon_kpi": __version__,
            "python": platform.python_version(),
            **{name: _version(name) for name in DEPENDENCIES},
        },
        "git_commit": _git_commit(),
        "inputs_sha256": inputs,
        "outputs_sha256": {p.name: _sha256(p) for p in outputs},
    }


def index_page(jobs: list[Job]) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(j.report_name)}.html">{html.escape(j.title or j.report_name)}</a></li>'
        for j in jobs
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Children's services reports</title>
<style>body{{font-family:sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5}}</style></head>
<body><h1>Children's services reports</h1>
<p>Built by croydon_kpi {html.escape(__version__)} from the data in <code>data/</code> (content key {cache_key()}).
Each report opens with no network. How each was made is in its footer and in <code>manifest.json</code>.</p>
<ul>
{items}
</ul></body></html>
"""


# --- re-executing the committed notebooks ---------------------------------------------------------


def execute_in_place(notebook: str) -> Path:
    """Re-execute a committed notebook with its defaults (make notebooks), keeping outputs only:
    papermill's timing metadata is dropped so re-runs do not churn the file."""
    path = project.notebooks_dir() / notebook
    staging = _staging_dir()
    try:
        executed = staging / notebook
        try:
            papermill.execute_notebook(
                str(path),
                str(executed),
                kernel_name=kernels.KERNEL,
                cwd=str(project.project_root()),
                progress_bar=False,
            )
        except papermill.PapermillExecutionError as error:
            kept = project.reports_dir() / "_failed" / notebook
            _publish(executed, kept)
            raise NotebookFailed(notebook, kept, f"{error.ename}: {error.evalue}") from None
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
