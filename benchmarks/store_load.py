"""Cold and warm load times of the figure store, and their ratio (run on demand: make benchmark).

Cold = every source read and parsed (cache empty); warm = read back from the disk cache.
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


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        os.environ["CROYDON_KPI_CACHE_DIR"] = cache
        from croydon_kpi import load_store
        from croydon_kpi.store.figure_store import _cache_path, cache_key

        def cold():
            _cache_path(cache_key()).unlink(missing_ok=True)
            return load_store()

        cold_seconds = timed(cold, 3)
        rows = len(load_store().figures)
        warm_seconds = timed(load_store, 5)
    print(f"figures: {rows:,}")
    print(f"cold load (parse every source): {cold_seconds:.2f} s")
    print(f"warm load (disk cache):         {warm_seconds:.2f} s")
    print(f"cold / warm ratio:              {cold_seconds / warm_seconds:.1f}")


if __name__ == "__main__":
    main()
