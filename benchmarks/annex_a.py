"""National scale: Annex A lists for every English authority (about 12 million children, 36
months) as Parquet; the 36-month scorecard of every authority; time, peak memory and two ratios.

- engine: croydon_kpi.childlevel.scorecard_by_area (one pass, grouped by authority and month);
- reference: the straightforward pandas per-month loop an analyst would write (below);
- floor: one scan of the same Parquet files.
Goals on a 2-core machine: engine at most 60 s, at least 10x faster than the loop, at most 4x the scan.
Each measured step runs in a fresh process, so its peak memory is its own.
Usage: python benchmarks/annex_a.py [--authorities N] (default: every authority).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READ = """
import pandas as pd, glob, sys
lists = {p.split('/')[-1][:-8]: pd.read_parquet(p) for p in sorted(glob.glob(sys.argv[1] + '/*.parquet'))}
"""
STEPS = {
    "engine": READ
    + """
from croydon_kpi.childlevel.engine import scorecard_by_area
result = scorecard_by_area(lists)
print(len(result))
""",
    # The reference an analyst would write: for each authority, for each month, take that
    # month's rows and compute each indicator (the same rules, one month at a time).
    "reference": READ
    + """
import pandas as pd
from croydon_kpi.childlevel import engine as childlevel
params = childlevel.parameters_for(None, None)
by_area = {name: dict(tuple(frame.groupby('Area'))) for name, frame in lists.items() if 'Area' in frame}
results = 0
for area in by_area['list_7_child_protection']:
    of_area = {name: frames.get(area, lists[name].iloc[0:0]) for name, frames in by_area.items()}
    for month in sorted(set(of_area['list_7_child_protection']['Extract month'])):
        month_end = pd.Period(month, 'M').end_time.normalize()
        for indicator in childlevel.INDICATORS:
            frame = of_area[indicator.list_name]
            current = frame[frame['Extract month'] == month]
            indicator.rule(current, pd.Series(month_end, index=current.index), params)
            results += 1
        childlevel.caseloads({name: of_area[name][of_area[name]['Extract month'] == month]
                              for name in childlevel.CASELOAD_LISTS})
        # the four flows, one month at a time: events in the year (or month) to the month's end
        year_start = month_end - pd.DateOffset(years=1) + pd.Timedelta(days=1)
        for name, column, start in (('list_3_referrals', 'Date of referral', year_start),
                                    ('list_7_child_protection', 'Child Protection Plan Start Date', year_start),
                                    ('list_4_assessments', 'Continuous Assessment Date of Authorisation',
                                     month_end.replace(day=1)),
                                    ('list_5_section_47', 'Date of Initial Child Protection Conference',
                                     month_end.replace(day=1))):
            frame = of_area[name]
            inside = (frame[column] >= start) & (frame[column] <= month_end)
            events = frame[inside].drop_duplicates(['Child Unique ID', column])
            results += len(events) >= 0
print(results)
""",
    "floor": READ
    + """
print(sum(len(frame) for frame in lists.values()))
""",
}
MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2]], capture_output=True, text=True)
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(elapsed, peak, done.returncode, done.stderr[-500:].replace(chr(10), ' '))
"""


def generate_nation(folder: Path, limit: int | None) -> int:
    import pandas as pd

    from croydon_kpi import load_store
    from croydon_kpi.childlevel.synthetic import generate

    store = load_store()
    population = store.figures[
        (store.figures["measure"] == "population_0_17")
        & (store.figures["area_level"] == "local_authority")
        & (store.figures["period_end"].dt.year == 2019)
        & store.figures["value"].notna()
    ]
    authorities = population.sort_values("old_la_code").head(limit or len(population))
    collected: dict[str, list] = {}
    for seed, row in enumerate(authorities.itertuples()):
        for name, frame in generate(seed=seed, children=int(row.value), start="2017-04", end="2020-03").items():
            collected.setdefault(name, []).append(frame.assign(Area=row.old_la_code))
    for name, frames in collected.items():
        pd.concat(frames, ignore_index=True).to_parquet(folder / f"{name}.parquet", index=False)
    return int(authorities["value"].sum()), len(authorities)


def measure(step: str, folder: Path) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, STEPS[step], str(folder)], capture_output=True, text=True, check=True
    )
    elapsed, peak, code, error = done.stdout.split(" ", 3)
    if code != "0":
        raise SystemExit(f"{step} failed: {error}")
    return float(elapsed), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", type=int, default=None, help="only the first N authorities (a quicker run)")
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="a folder to keep the generated Parquet in; reused (not regenerated) if it already holds the lists",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = args.data or Path(work)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        if not (folder / "list_7_child_protection.parquet").exists():
            children, authorities = generate_nation(folder, args.authorities)
            print(
                (
                    f"generated {authorities} authorities, {children:,} children, 36 months in "
                    f"{time.perf_counter() - started:.0f} s"
                )
            )
        import pandas as pd

        areas = pd.read_parquet(folder / "list_7_child_protection.parquet", columns=["Area"])["Area"].nunique()
        size = sum(p.stat().st_size for p in folder.glob("*.parquet")) / 1e6
        print(f"national set: {areas} authorities, 36 months, {size:.0f} MB of Parquet in {folder}")
        children = authorities = areas
        results = {step: measure(step, folder) for step in ("floor", "engine", "reference")}
    (floor, floor_peak), (engine, engine_peak), (reference, _) = (
        results["floor"],
        results["engine"],
        results["reference"],
    )
    print(
        (
            f"engine (scorecard for every authority and month): {engine:.1f} s, peak memory {engine_peak:.0f} "
            "MB (goal: at most 60 s)"
        )
    )
    print(
        (
            f"reference per-month pandas loop: {reference:.1f} s; engine is {reference / engine:.1f}x faster "
            "(goal: at least 10x)"
        )
    )
    print(
        (
            f"floor (one scan of the Parquet files): {floor:.1f} s, peak memory {floor_peak:.0f} MB; engine / "
            f"floor = {engine / floor:.1f} (goal: at most 4)"
        )
    )
    print(
        json.dumps(
            {
                "authorities": authorities,
                "engine_s": round(engine, 1),
                "reference_s": round(reference, 1),
                "floor_s": round(floor, 1),
                "engine_peak_mb": round(engine_peak),
            }
        )
    )


if __name__ == "__main__":
    main()
