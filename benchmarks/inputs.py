"""Inputs at scale: how long the readers take on files far larger than a council's month
(run on demand: python benchmarks/inputs.py). Each is printed beside its goal and beside the
floor of reading the same file with pandas alone (ratio = ours / floor).

- a long scorecard of 100,000 rows and a wide one of 100,000 indicator rows (goal 5 s each);
- an Annex A list of 1,000,000 rows, validated (goal 20 s);
- a committee paper of 5 MB, every figure extracted (goal 10 s).
The files are generated in a temporary folder; nothing in the project changes.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MONTHS = [f"2019-{m:02d}" for m in range(1, 13)]


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


LOCAL_INDICATORS = 1_000  # the wide scorecard's indicators: the council's own measures, each worded once


def _project_copy(folder: Path) -> Path:
    root = folder / "project"
    shutil.copytree(ROOT / "data", root / "data")
    for stray in (root / "data/sources/scorecards").glob("*.csv"):
        stray.unlink()
    # The wide export's indicators are the council's own measures (data/catalogue/local_measures.yaml),
    # so every row is read as a figure, as a council's export with its own measures is.
    entries = "".join(
        f"  - {{id: local_indicator_{n}, title: Local indicator {n}, domain: front_door, unit: count, "
        f"polarity: neutral, decimals: 0, definition: A council's own count}}\n"
        for n in range(LOCAL_INDICATORS)
    )
    (root / "data/catalogue/local_measures.yaml").write_text("measures:\n" + entries, encoding="utf-8")
    return root


def _areas(store) -> list[str]:
    table = store.areas()
    return sorted(table.loc[table["area_level"] == "local_authority", "area_name"].dropna().unique())


def _long_scorecard(path: Path, areas: list[str], measures: list[str], rows: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("measure,area,month,value,numerator,denominator\n")
        written = 0
        for measure in measures:
            for area in areas:
                for month in MONTHS:
                    if written == rows:
                        return
                    handle.write(f'{measure},"{area}",{month},{(written % 90) + 5}.0,,\n')
                    written += 1


def _wide_scorecard(path: Path, areas: list[str], rows: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("indicator,area," + ",".join(MONTHS) + "\n")
        for number in range(rows):
            values = ",".join(str((number + m) % 500) for m in range(len(MONTHS)))
            handle.write(f'Local indicator {number // len(areas)},"{areas[number % len(areas)]}",{values}\n')


def _annex_a(path: Path, rows: int) -> None:
    header = (
        "Child Unique ID,Gender,Date of Birth,Child Protection Plan Start Date,"
        "Number of Previous Child Protection Plans,Allocated Team,Allocated Worker\n"
    )
    with path.open("w", encoding="utf-8") as handle:
        handle.write(header)
        for number in range(rows):
            handle.write(
                f"C{number:07d},{'Male' if number % 2 else 'Female'},{1 + number % 28:02d}/{1 + number % 12:02d}/2012,"
                f"{1 + number % 28:02d}/{1 + number % 12:02d}/2019,{number % 3},"
                f"Team {number % 9},Worker {number % 97}\n"
            )


def _paper(path: Path, megabytes: float) -> str:
    seed = (ROOT / "data/sources/committee_papers/2019-11-18_cabinet_report_improvement_board_progress.txt").read_text(
        encoding="utf-8"
    )
    copies = int(megabytes * 1_000_000 / len(seed.encode())) + 1
    text = "\n\n".join([seed] * copies)
    path.write_text(text, encoding="utf-8")
    return text


def main() -> None:
    import pandas as pd

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        root = _project_copy(folder)
        os.environ["CROYDON_KPI_ROOT"] = str(root)
        os.environ["CROYDON_KPI_CACHE_DIR"] = str(folder / "cache")
        from croydon_kpi import load_store
        from croydon_kpi.catalogue.measures import load_catalogue
        from croydon_kpi.childlevel.annex_a import read_list
        from croydon_kpi.core.areas import AreaLookup
        from croydon_kpi.readers.extract import extract_figures
        from croydon_kpi.readers.scorecards import read_scorecard_folder

        store = load_store()
        catalogue = load_catalogue()
        source = catalogue.sources["scorecards"]
        areas = _areas(store)
        measures = [m.id for m in catalogue.measures.values() if m.unit in ("percent", "count", "rate_per_10k", "days")]
        results = []

        scorecards = root / "data/sources/scorecards"
        for form, build in (
            ("long", lambda p: _long_scorecard(p, areas, measures, 100_000)),
            ("wide", lambda p: _wide_scorecard(p, areas, 100_000)),
        ):
            for stray in scorecards.glob("*.csv"):
                stray.unlink()
            path = scorecards / f"{form}.csv"
            build(path)
            seconds = _timed(
                lambda: read_scorecard_folder(source, catalogue, AreaLookup.from_figures(store.figures), store.areas())
            )
            floor = _timed(lambda path=path: pd.read_csv(path, dtype=str))
            figures, rejected = read_scorecard_folder(
                source, catalogue, AreaLookup.from_figures(store.figures), store.areas()
            )
            results.append(
                (
                    f"{form} scorecard, 100,000 rows ({len(figures):,} figures, {len(rejected):,} rejected)",
                    seconds,
                    5,
                    floor,
                )
            )
            path.unlink()

        listing = folder / "list7.csv"
        _annex_a(listing, 1_000_000)
        seconds = _timed(lambda: read_list(listing, "list_7_child_protection"))
        results.append(("Annex A list 7, 1,000,000 rows", seconds, 20, _timed(lambda: pd.read_csv(listing, dtype=str))))

        paper = folder / "paper.txt"
        text = _paper(paper, 5)
        found = []
        seconds = _timed(lambda: found.append(extract_figures(text, "benchmark", None, catalogue)))
        results.append(
            (
                f"committee paper, {len(text.encode()) / 1e6:.1f} MB ({len(found[0]):,} figures)",
                seconds,
                10,
                _timed(lambda: paper.read_text(encoding="utf-8").split("\n")),
            )
        )

    print(f"{'input':62} {'seconds':>8} {'goal':>6} {'floor':>7} {'ratio':>7}")
    for name, seconds, goal, floor in results:
        verdict = "ok" if seconds <= goal else "OVER GOAL"
        print(f"{name:62} {seconds:8.2f} {goal:6.0f} {floor:7.2f} {seconds / max(floor, 1e-6):7.1f}  {verdict}")


if __name__ == "__main__":
    main()
