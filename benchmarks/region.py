"""A whole region in one run against one pack, measured side by side in one run (goals, issue 27:
London's 33 packs in at most 6 times one pack's time; England's 153 in at most 5 minutes with peak
memory under 4 GB).

    python benchmarks/region.py [--region London] [--month 2019-10] [--plotly-js inline|shared]

Each run is the command a user types (`croydon-kpi pack ...`) in a copy of the project with a warm
store cache, its wall time measured; peak memory is the largest sum of the resident memory of the
command and every process it starts (its kernels), sampled every 0.2 s from /proc (Linux).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tree_rss_bytes(pid: int) -> int:
    """The resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo += children.get(current, [])
    return total


def run(argv: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak memory (bytes) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _tree_rss_bytes(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, said = process.communicate()
    elapsed = time.perf_counter() - started
    sampler.join()
    if process.returncode not in (0, 3):
        sys.exit(f"{' '.join(argv)} failed ({process.returncode}): {said[-2000:]}")
    return elapsed, peak


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="London")
    parser.add_argument("--month", default="2019-10")
    parser.add_argument("--area", default="Bromley", help="the one pack measured beside the region's")
    parser.add_argument("--plotly-js", default="inline", choices=("inline", "shared"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "project"
        for folder in ("data", "notebooks"):
            shutil.copytree(ROOT / folder, copy / folder)
        env = {**os.environ, "CROYDON_KPI_ROOT": str(copy), "CROYDON_KPI_CACHE_DIR": str(Path(work) / "cache")}
        subprocess.run([sys.executable, "-c", "import croydon_kpi; croydon_kpi.load_store()"], env=env, check=True)
        command = [sys.executable, "-m", "croydon_kpi", "pack", "--month", args.month, "--empty-month-ok"]
        command += ["--plotly-js", args.plotly_js]
        one_out, region_out = Path(work) / "one", Path(work) / "region"
        one, one_peak = run([*command, "--area", args.area, "--output", str(one_out)], env)
        region, peak = run([*command, "--region", args.region, "--output", str(region_out)], env)
        packs = len(list(region_out.glob("monthly_pack_*.html")))
        print(f"one pack ({args.area}): {one:.1f} s, peak memory {one_peak / 2**20:.0f} MB")
        print(
            f"{args.region}: {packs} packs and the overview in one run: {region:.1f} s "
            f"({region / packs:.2f} s a pack), peak memory {peak / 2**20:.0f} MB"
        )
        print(f"ratio, the region's run to one pack: {region / one:.1f} (goal for London's 33: at most 6)")
        print(f"output ({args.plotly_js} plotly.js): {folder_bytes(region_out) / 2**20:.0f} MB in {region_out.name}/")


if __name__ == "__main__":
    main()
