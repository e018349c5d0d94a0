"""Run parameterised notebooks with papermill and publish their HTML reports atomically.

Every report of a run is built in a staging folder first. Only when every notebook has run are
the files moved into the output folder (reports/, or the command's --output), each in one
rename, so a failed or killed run never leaves a half-written report and never replaces a good
one. A notebook that raises is kept under the project's reports/_failed/ for debugging (never in
the output folder, which a failed run leaves untouched) and nothing of that run is published.
Each run writes a manifest (parameters, versions, git commit, input hashes, outputs) beside its
reports, and rewrites the folder's index.html, with the rest of its files, to list every report
the folder then holds (publish/index.py).
"""

from __future__ import annotations

import ast
import hashlib
import json
import platform
import shutil
import subprocess
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
from croydon_kpi.publish.html import notebook_to_html, shared_plotly_js_name, write_shared_plotly_js
from croydon_kpi.publish.index import index_page, manifest_entry, published
from croydon_kpi.publish.progress import Progress
from croydon_kpi.reports.registry import REPORTS, Job, report
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


COMMANDS = {entry.command for entry in REPORTS}


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
    # the parameters a user gives (the registry's); one a run sets for itself (an overview's
    # link_packs) is no part of what the reader is told
    given = {p.name for p in report(job.command).parameters} if job.command in COMMANDS else set(job.parameters)
    return {
        "Notebook": f"notebooks/{job.notebook}",
        "Parameters": ", ".join(f"{k}={v}" for k, v in job.parameters.items() if k in given)
        or "the notebook's defaults",
        "Package": f"croydon_kpi {__version__}",
        "Inputs": f"data/ and the measure catalogue, content key {content_key or cache_key()}",
    }


def _build(
    job: Job, staging: Path, lane: kernels.Lane, content_key: str | None = None, shared_js: bool = False
) -> list[Path]:
    executed = staging / f"{job.report_name}.ipynb"
    extras = {side.parameter: staging / f"{job.report_name}{side.suffix}" for side in job.side_files}
    notebook = _execute(job, executed, lane, {parameter: str(path) for parameter, path in extras.items()})
    missing = [path.name for path in extras.values() if not path.is_file()]
    if missing:
        raise NotebookFailed(job.notebook, executed, f"it did not write {', '.join(missing)}")
    page = staging / f"{job.report_name}.html"
    page.write_text(
        notebook_to_html(notebook, provenance(job, content_key), title=job.title, shared_js=shared_js), encoding="utf-8"
    )
    executed.unlink()
    return [page, *extras.values()]


def run(
    jobs: list[Job] | Job,
    command: str = "build",
    workers: int | None = None,
    lanes: kernels.Lanes | None = None,
    output: Path | None = None,
    pdf: bool = False,
    shared_js: bool = False,
) -> list[Path]:
    """Build every job in staging, in the `lanes` given (a command opens them early, so they start
    while it prepares) or up to `workers` at once (default: one per core), then publish them all
    (or nothing, if one fails) into `output` (default: reports/), with the run's manifest and the
    folder's new index. The files are the same bytes however many run at once. With `pdf`, an A4
    PDF of each report is printed beside it and published in the same set (publish/pdf.py). With
    `shared_js`, the reports load one copy of plotly.js published beside them (publish/html.py)."""
    jobs = [jobs] if isinstance(jobs, Job) else list(jobs)
    output = Path(output) if output else project.reports_dir()
    staging = _staging_dir()
    own_lanes = lanes is None
    lanes = lanes or kernels.open_lanes(min(workers or kernels.default_lanes(), len(jobs)))
    try:
        content_key = cache_key()  # the run's snapshot of data/ does not change while it runs
        built = [path for paths in _build_all(jobs, staging, lanes, content_key, shared_js) for path in paths]
        if shared_js and any(_loads_shared_js(path) for path in built if path.suffix == ".html"):
            built.append(write_shared_plotly_js(staging))
        if pdf:
            from croydon_kpi.publish.pdf import print_pdfs

            built += print_pdfs([path for path in built if path.suffix == ".html"])
        return atomic.publish_set([*built, *_records(command, jobs, built, staging, output, content_key)], output)
    finally:
        if own_lanes:
            lanes.close()
        shutil.rmtree(staging, ignore_errors=True)


def _records(command: str, jobs: list[Job], built: list[Path], staging: Path, output: Path, content_key: str):
    """The run's manifest (manifest.json for `build`, manifest_<report>.json for one report) and
    the output folder's index, listing the reports already there and this run's."""
    # one report: its name; a region's run: its overview's, the last of its jobs
    name = "manifest.json" if command == "build" else f"manifest_{jobs[-1].report_name}.json"
    manifest = make_manifest(command, jobs, built)
    manifest_path = staging / name
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    index = staging / "index.html"
    page = index_page(published(output, manifest), content_key, folders=(staging, output))
    index.write_text(page, encoding="utf-8")
    return [manifest_path, index]


def _loads_shared_js(page: Path) -> bool:
    return f'src="{shared_plotly_js_name()}"' in page.read_text(encoding="utf-8")


def _build_all(
    jobs: list[Job], staging: Path, lanes: kernels.Lanes, content_key: str, shared_js: bool = False
) -> list[list[Path]]:
    """Each job's files, in the jobs' order; a notebook's outputs do not depend on which lane ran it."""
    progress = Progress(len(jobs))

    def build(job: Job, lane: kernels.Lane) -> list[Path]:
        progress.started(job.report_name)
        try:
            paths = _build(job, staging, lane, content_key, shared_js)
        except BaseException:
            progress.failed(job.report_name)
            raise
        progress.finished(job.report_name)
        return paths

    try:
        return lanes.map(build, jobs)
    finally:
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
        "reports": [manifest_entry(job) for job in jobs],
        "package": {
            "croydon_kpi": __version__,
            "python": platform.python_version(),
            **{name: _version(name) for name in DEPENDENCIES},
        },
        "git_commit": _git_commit(),
        "inputs_sha256": inputs,
        "outputs_sha256": {p.name: _sha256(p) for p in outputs},
    }


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
                extra_arguments=kernels.KERNEL_ARGUMENTS,  # no kernel start-up noise (kernels.py says why)
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
