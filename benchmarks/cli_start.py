"""How fast the command answers when it has nothing to build: `--version` and a bad `--month`,
side by side with `python -c pass` in the same environment (run on demand: make benchmark).
Goal: each under 0.5 s wall, in make's environment (.venv) and in one with the `lab` extra
(JupyterLab and its dependencies; `make lab-venv` creates .venv-lab).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CALLS = {
    "python -c pass": ["-c", "pass"],
    "croydon-kpi --version": ["-m", "croydon_kpi", "--version"],
    "croydon-kpi pack --month 2019-13": ["-m", "croydon_kpi", "pack", "--month", "2019-13"],
}


def wall(python: str, arguments: list[str], repeats: int = 7) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([python, *arguments], cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    environments = {"make's .venv": sys.executable}
    lab = ROOT / ".venv-lab" / "bin" / "python"
    if lab.is_file():
        environments[".venv-lab (lab extra)"] = str(lab)
    else:
        print("(.venv-lab not found: `make lab-venv` creates it, to measure with JupyterLab installed)")
    for name, python in environments.items():
        floor = wall(python, CALLS["python -c pass"])
        print(f"{name}:")
        for call, arguments in CALLS.items():
            seconds = wall(python, arguments)
            verdict = "" if call.startswith("python") else ("  ok" if seconds < 0.5 else "  OVER GOAL (0.5 s)")
            print(f"  {call:34} {seconds:5.2f} s   {seconds / floor:5.1f} x python -c pass{verdict}")


if __name__ == "__main__":
    main()
