"""The figure store's load times, side by side with reading the same files with pandas alone
(run on demand: make benchmark). Goals on a 2-core machine: cold at most 5 s, warm at most 0.3 s.

- cold: every source read and parsed, the disk cache empty;
- warm: the same store read back from the disk cache;
- floor: the same files read with pandas and PyYAML alone, nothing checked or shaped.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time


def timed(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def read_with_pandas_alone() -> None:
    import pandas as pd
    import yaml

    from croydon_kpi.core import project

    for path in sorted(project.sources_dir().rglob("*")):
        if path.suffix == ".csv":
            pd.read_csv(path, dtype=str, keep_default_na=False)
        elif path.suffix == ".parquet":
            pd.read_parquet(path)
        elif path.suffix in (".yaml", ".yml"):
            yaml.safe_load(path.read_text(encoding="utf-8"))
        elif path.suffix == ".txt":
            path.read_text(encoding="utf-8")


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        os.environ["CROYDON_KPI_CACHE_DIR"] = cache
        import shutil

        from croydon_kpi.store import figure_store

        def cold():
            shutil.rmtree(os.path.join(cache, "store"), ignore_errors=True)
            figure_store.forget()  # a new process: nothing read in this one yet
            return figure_store.load_store()

        def warm():  # from the disk cache, in a process that has not read it yet
            figure_store.forget()
            return figure_store.load_store()

        cold_seconds = timed(cold, 3)
        rows = len(warm().figures)
        warm_seconds = timed(warm, 5)
        again_seconds = timed(figure_store.load_store, 5)
        floor_seconds = timed(read_with_pandas_alone, 3)
    print(f"figures: {rows:,}")
    print(
        f"cold load (parse every source):       {cold_seconds:6.2f} s   (goal 5 s)   "
        f"{cold_seconds / floor_seconds:5.1f} x the floor"
    )
    print(
        f"warm load (disk cache):               {warm_seconds:6.2f} s   (goal 0.3 s) "
        f"{warm_seconds / floor_seconds:5.1f} x the floor"
    )
    print(f"again in the same process (a lane's kernel): {again_seconds:6.2f} s")
    print(f"floor (the same files, pandas alone): {floor_seconds:6.2f} s")


if __name__ == "__main__":
    main()
