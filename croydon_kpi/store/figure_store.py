"""The figure store: every figure from every source under data/sources/, in one typed table.

`load_store()` reads the sources listed in data/sources/sources.yaml with the reader each names,
and caches the result on disk as Parquet, keyed by the content of every input file and of this
package's code, so an edited source (or reader) is re-read and an unchanged one is not.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from croydon_kpi.catalogue.definitions import definitions_path
from croydon_kpi.catalogue.derivations import load_derivations
from croydon_kpi.catalogue.measures import Catalogue, load_catalogue
from croydon_kpi.core import areas, project, schema
from croydon_kpi.core.files import files_under
from croydon_kpi.errors import InputError
from croydon_kpi.readers import registry
from croydon_kpi.readers.scorecards import REJECTION_COLUMNS
from croydon_kpi.store import door
from croydon_kpi.store.derived import derived_figures

# Files in data/sources/ that describe the folder rather than hold data.
_DESCRIPTIVE_FILES = {"README.md", "sources.yaml"}


@dataclass
class FigureStore:
    figures: pd.DataFrame
    catalogue: Catalogue
    # Rows of local files that could not be read as figures: file, row, column, value, reason.
    rejections: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECTION_COLUMNS))

    @cached_property
    def _area_table(self) -> pd.DataFrame:
        return areas.area_table(self.figures)

    @cached_property
    def _measure_rows(self) -> dict:
        # Row positions only: a report asks for a few dozen of the store's measures, so each
        # measure's frame is cut when first asked for, not all of them up front.
        return self.figures.groupby("measure", sort=False).indices

    def areas(self) -> pd.DataFrame:
        return self._area_table

    def names_by_la_number(self) -> pd.Series:
        """Each authority's name by its DfE number (old LA code), the first the area table gives."""
        if "names_by_la_number" not in self._memo:
            areas = self._area_table.dropna(subset=["old_la_code"])
            self._memo["names_by_la_number"] = areas.drop_duplicates("old_la_code").set_index("old_la_code")[
                "area_name"
            ]
        return self._memo["names_by_la_number"]

    @cached_property
    def _memo(self) -> dict:
        # A pack asks for the same series many times (table, chart, headline, benchmark); the
        # store does not change once built, so each answer is worked out once per store.
        return {}

    def remembered(self, key: tuple, compute):
        """compute() worked out once per store (the store does not change once built): for
        analyses that several sections of a report ask for with the same arguments."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def area(self, wanted: str) -> areas.Area:
        key = ("area", str(wanted))
        if key not in self._memo:
            self._memo[key] = areas.resolve(self._area_table, wanted)
        return self._memo[key]

    def measure_figures(self, measure: str, area: str | None = None) -> pd.DataFrame:
        """Every figure for a measure (all sources), optionally for one area."""
        self.catalogue.measure(measure)  # a clear error for an unknown id
        key = ("measure", measure)
        if key not in self._memo:
            positions = self._measure_rows.get(measure)
            self._memo[key] = self.figures.iloc[0:0] if positions is None else self.figures.take(positions)
        rows = self._memo[key]
        if area is None:
            return rows
        place = self.area(area)
        if ("measure", measure, place) not in self._memo:  # one measure of one area: asked for by kind, status, date
            self._memo[("measure", measure, place)] = rows.loc[self._area_mask(place, rows)]
        return self._memo[("measure", measure, place)]

    def series(self, measure: str, area: str, kind: str = "level", status: str | None = None) -> pd.DataFrame:
        """A tidy time series: one figure per period, from the measure's preferred source for that
        period (the catalogue's order), oldest first. Every row keeps its source and locator;
        `other_sources` names any other source that gives the same period. `status` keeps only
        figures of one status (published_statistic, reported, derived, computed)."""
        key = ("series", measure, self.area(area), kind, status)
        if key not in self._memo:
            self._memo[key] = self._series(measure, area, kind, status)
        return self._memo[key].copy()

    def _series(self, measure: str, area: str, kind: str, status: str | None) -> pd.DataFrame:
        definition = self.catalogue.measure(measure)
        rows = self.measure_figures(measure, area)
        wanted = (rows["kind"] == kind) & rows[
            "period_end"
        ].notna()  # undated figures stay in the store, not in a series
        if status is not None:
            wanted &= rows["status"] == status
        # The choice is made on the three columns it needs; the chosen rows are cut whole once.
        key = ["period_start", "period_end"]
        candidates = rows.loc[wanted, [*key, "source_id"]]
        candidates = candidates.assign(
            _rank=candidates["source_id"].map(definition.source_rank), _position=np.flatnonzero(wanted.to_numpy())
        )
        candidates = candidates.sort_values(["period_end", "period_start", "_rank"])
        chosen = candidates.drop_duplicates(key, keep="first")
        best = rows.take(chosen["_position"].to_numpy()).reset_index(drop=True)
        if len(chosen) == len(candidates):  # one source a period (most series): no other source to name
            return best.assign(other_sources=None)
        others = candidates.groupby(key)["source_id"].agg(lambda ids: ", ".join(sorted(set(ids))))
        all_ids = chosen.join(others.rename("all_sources"), on=key)["all_sources"]
        best["other_sources"] = [
            ", ".join(s for s in str(every).split(", ") if s != own) or None
            for every, own in zip(all_ids, best["source_id"])
        ]
        return best

    def known_at(self, day) -> "FigureStore":
        """The store as it stood on a day: only figures available by then (a pack for 2018-03
        shows what was known then). See periods.PUBLICATION_LAG_MONTHS for published statistics."""
        key = ("known_at", pd.Timestamp(day))
        if key not in self._memo:  # a visit report asks for the same day once per measure
            known = self.figures["available_from"] <= key[1]
            self._memo[key] = FigureStore(
                self.figures.loc[known].reset_index(drop=True), self.catalogue, self.rejections
            )
        return self._memo[key]

    def conflicts(self, max_gap_days: int | None = None, area_name: str | None = None) -> pd.DataFrame:
        """Figures for the same measure, area and period from different sources that disagree,
        with both quotes and sources and a reason (conflict or definition_differs); with
        `area_name`, only that area's (a report about one area need not pair every other's)."""
        from croydon_kpi.store.reconcile import MAX_GAP_DAYS, conflicts

        gap = MAX_GAP_DAYS if max_gap_days is None else max_gap_days
        key = ("conflicts", gap, area_name)
        if key not in self._memo:
            self._memo[key] = conflicts(self, gap, area_name)
        return self._memo[key].copy()

    def _area_mask(self, area: areas.Area, rows: pd.DataFrame) -> pd.Series:
        by_code = rows["area_code"] == area.code if area.code else False
        by_old = rows["old_la_code"] == area.old_la_code if area.old_la_code else False
        by_name = (rows["area_name"] == area.name) & (rows["area_level"] == area.level)
        return (by_code | by_old | by_name).fillna(False).astype(bool)


# --- reading ---------------------------------------------------------------------------------


def _is_folder(source) -> bool:
    return source.file.endswith("/")


def _check_every_file_is_listed(catalogue: Catalogue) -> None:
    """Every file and folder under data/sources/ is a listed source, inside a listed folder, or
    a folder holding listed files: nothing there is silently passed over, warm cache or cold."""
    listed = {Path(source.file).as_posix() for source in catalogue.sources.values() if not _is_folder(source)}
    folders = [source.file for source in catalogue.sources.values() if _is_folder(source)]
    holding = {parent.as_posix() + "/" for file in listed for parent in Path(file).parents if parent != Path(".")}
    root = project.sources_dir()
    for path in files_under(root):
        relative = path.relative_to(root).as_posix()
        in_folder = any(relative.startswith(folder) for folder in folders)
        if relative not in listed and not in_folder and path.name not in _DESCRIPTIVE_FILES:
            raise InputError(
                path,
                None,
                "not described in data/sources/sources.yaml; add an entry (reader: none if it holds no figures)",
            )
    for path in sorted(p for p in root.rglob("*") if p.is_dir()):
        relative = path.relative_to(root).as_posix() + "/"
        if relative not in holding and not any(relative.startswith(folder) for folder in folders):
            raise InputError(
                path,
                None,
                "a folder not described in data/sources/sources.yaml; expected only the listed files and folders",
            )
    for source in catalogue.sources.values():
        present = source.path.is_dir() if _is_folder(source) else source.path.is_file()
        if not present:
            raise InputError(source.path, None, f"listed in data/sources/sources.yaml as {source.id!r} but missing")


def read_sources(catalogue: Catalogue, cache: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures, rejections) from every source in the registry, each read by its reader. With
    `cache`, each source's result is kept on disk keyed by its files, the code, the catalogue and
    every source read before it: an edited scorecard re-reads the scorecards, not the DfE files."""
    registry.check(catalogue)
    _check_every_file_is_listed(catalogue)
    frames: list[pd.DataFrame] = []
    rejections: list[pd.DataFrame] = []
    base = chain = _base_digest(catalogue)
    # Sources that depend on no other (the synthetic borough) are read at once in a second process,
    # beside the others, when the machine has a core to spare and their cache is cold.
    prefetched = _prefetch_independent(catalogue, base) if cache else {}
    for source in registry.in_order(catalogue):
        # A reader that borrows areas from earlier sources depends on all of them; one that does not, on itself alone.
        key = _source_digest(chain if registry.READERS[source.reader].borrows_areas else base, source)
        chain = _source_digest(chain, source)
        so_far = pd.concat(frames, ignore_index=True) if frames else schema.empty_figures()
        _wait_for(prefetched.get(source.id))
        figures, rejected = _read_source(source, catalogue, so_far, key if cache else None)
        frames.append(figures)
        rejections.append(rejected)
    figures = pd.concat(frames, ignore_index=True) if frames else schema.empty_figures()
    derived = derived_figures(figures, load_derivations(catalogue))
    figures = schema.conform(pd.concat([figures, derived], ignore_index=True))
    rejected = (
        pd.concat([r for r in rejections if len(r)], ignore_index=True)
        if any(len(r) for r in rejections)
        else _no_rejections()
    )
    return figures, rejected.astype({"row": "int64"}) if len(rejected) else rejected


def _prefetch_independent(catalogue: Catalogue, base: str) -> dict:
    """source id -> a second Python process reading that source into its disk cache. Empty on a
    one-core machine, when every such cache is warm, or when no process can be started. A plain
    subprocess, not multiprocessing: it never re-runs the caller's script or notebook."""
    cold = [
        (source.id, _source_digest(base, source))
        for source in registry.in_order(catalogue)
        if not registry.READERS[source.reader].borrows_areas
    ]
    cold = [(source_id, key) for source_id, key in cold if not _source_cache_path(source_id, key).is_file()]
    if not cold or (os.cpu_count() or 1) < 2:
        return {}
    import subprocess
    import sys

    environment = {
        **os.environ,
        project.ROOT_ENV: str(project.project_root()),
        project.DATA_ENV: str(project.data_dir()),
        project.CACHE_ENV: str(project.cache_dir()),
    }
    started = {}
    for source_id, key in cold:
        code = f"from croydon_kpi.store.figure_store import _read_into_cache; _read_into_cache({source_id!r}, {key!r})"
        try:
            started[source_id] = subprocess.Popen(
                [sys.executable, "-c", code],
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:  # no second process here: the source is read in this one
            pass
    return started


def _read_into_cache(source_id: str, key: str) -> None:
    """In the second process: read one independent source into the disk cache."""
    catalogue = load_catalogue()
    _read_source(catalogue.sources[source_id], catalogue, schema.empty_figures(), key)


def _wait_for(process) -> None:
    """Wait for a prefetch. Whatever happened there, the source is then read from the cache it
    wrote, or read here (and its error, if it has one, raised here as from any source)."""
    if process is not None:
        process.wait()


def _no_rejections() -> pd.DataFrame:
    return pd.DataFrame(columns=REJECTION_COLUMNS)


def _read_source(source, catalogue: Catalogue, so_far: pd.DataFrame, key: str | None):
    """One source's (figures, rejections), from the disk cache when its key is there."""
    path = _source_cache_path(source.id, key)
    if key and path.is_file():
        try:
            figures, rejected = _read_figures(path), pd.read_parquet(_rejections_path(path))
            os.utime(path)  # recently used: kept when older keys are pruned
            return figures, rejected.astype({"row": "int64"}) if len(rejected) else rejected
        except Exception:  # a damaged cache file is re-read, never trusted
            path.unlink(missing_ok=True)
    figures, rejected = registry.READERS[source.reader].read(source, catalogue, so_far)
    figures = door.admitted(figures, source, catalogue)  # checked once, here, as the figures enter the store
    rejected = _no_rejections() if rejected is None else rejected
    if key:
        try:
            _write_cache(figures, rejected, path, keep=KEPT_PER_SOURCE)
        except OSError:
            pass  # a read-only cache folder: still correct, just slower next time
    return figures, rejected


# --- the disk cache --------------------------------------------------------------------------


def _source_cache_path(source_id: str, key: str | None) -> Path:
    return project.cache_dir() / "store" / "sources" / f"{source_id}-{key}.parquet"


def _input_files() -> list[Path]:
    # all of croydon_kpi/: any reader's code is an input
    # derivations.yaml: the derived figures are part of the whole store (not of any source's)
    return [
        project.catalogue_path(),
        definitions_path("derivations"),
        *files_under(project.sources_dir()),
        *sorted(_PACKAGE.rglob("*.py")),
    ]


_PACKAGE = Path(__file__).resolve().parents[1]  # all of croydon_kpi/


def _name(path: Path, data: Path) -> str:
    """A file's name within the project or the package (readers/finance.py, not finance.py). A
    file in the data folder in use (`data`) is named as in data/, whichever copy is read: a run's
    snapshot of data/ (kept under the project's .cache/) has the same key as data/ itself, so its
    store is warm. A link is named as the link, as project.relative names it."""
    if path.absolute().is_relative_to(data):
        return "data/" + path.absolute().relative_to(data).as_posix()
    try:
        return path.resolve().relative_to(_PACKAGE.parent).as_posix()
    except ValueError:
        return project.relative(path)


def _digest_files(digest, paths) -> None:
    data = project.data_dir().absolute()
    for path in paths:
        digest.update(_name(path, data).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _source_files(source) -> list[Path]:
    return files_under(source.path) if _is_folder(source) else [source.path]


def _base_digest(catalogue: Catalogue) -> str:
    """What every reader may depend on: the code, the catalogue, and every file under
    data/sources/ that no figure reader owns (sources.yaml, reference data readers consult)."""
    owned = {path for source in registry.in_order(catalogue) for path in _source_files(source)}
    digest = hashlib.sha256()
    _digest_files(digest, [project.catalogue_path(), *sorted(_PACKAGE.rglob("*.py"))])
    _digest_files(digest, [path for path in files_under(project.sources_dir()) if path not in owned])
    return digest.hexdigest()[:24]


def _source_digest(previous: str, source) -> str:
    digest = hashlib.sha256(f"{previous}|{source.id}|{source.reader}|{source.file}".encode())
    _digest_files(digest, _source_files(source))
    return digest.hexdigest()[:24]


def cache_key() -> str:
    """SHA-256 over every input file's name and content, and this package's code."""
    digest = hashlib.sha256()
    _digest_files(digest, _input_files())
    return digest.hexdigest()[:24]


def _cache_path(key: str) -> Path:
    return project.cache_dir() / "store" / f"figures-{key}.parquet"


def _rejections_path(path: Path) -> Path:
    return path.with_suffix(".rejections.parquet")


def _write_atomically(frame: pd.DataFrame, path: Path) -> None:
    """Write then rename, so a concurrent or killed run never leaves a half-written cache file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
    os.close(handle)
    try:
        frame.to_parquet(temporary, index=False)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


KEPT_PER_SOURCE = 8  # a few recent versions of each source: switching back and forth stays warm


def _read_figures(path: Path) -> pd.DataFrame:
    figures = pd.read_parquet(path)
    return schema.conform(figures.assign(flags=schema.flags_from_text(figures["flags"])))


def _write_cache(figures: pd.DataFrame, rejections: pd.DataFrame, path: Path, keep: int = 1) -> None:
    """Write one cached result (figures, then its rejections beside it) and prune all but the
    `keep` most recently used results of the same name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Rejections first: a figures file present means its rejections file is too.
    _write_atomically(rejections.astype(str), _rejections_path(path))
    _write_atomically(figures.assign(flags=schema.flags_as_text(figures["flags"])), path)
    stem = path.name.rsplit("-", 1)[0]
    results = [p for p in path.parent.glob(f"{stem}-*.parquet") if not p.name.endswith(".rejections.parquet")]
    older = sorted(results, key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in [p for p in older if p != path][keep - 1 :]:
        stale.unlink(missing_ok=True)
        _rejections_path(stale).unlink(missing_ok=True)


def load_store(cache: bool = True) -> FigureStore:
    """Every figure under data/sources/ with the catalogue; cached on disk unless cache=False.
    A file or folder the operating system will not let us read is an InputError naming it."""
    try:
        return _load_store(cache)
    except OSError as error:
        where = error.filename or project.sources_dir()
        raise InputError(
            where,
            None,
            f"cannot be read ({error.strerror or type(error).__name__}); "
            "check that the file or folder exists and may be read",
        ) from None


# The figures last read in this process, by cache file (whose name is the inputs' key): a lane's
# kernel runs several notebooks, each calling load_store(). Pandas copies on write, so each store
# handed out shares the frames' memory and none can change another's.
_READ_HERE: dict[Path, tuple[pd.DataFrame, pd.DataFrame]] = {}


def _store_of(path: Path, catalogue: Catalogue, figures: pd.DataFrame, rejections: pd.DataFrame) -> FigureStore:
    _READ_HERE.clear()
    _READ_HERE[path] = (figures, rejections)
    return FigureStore(figures.copy(deep=False), catalogue, rejections.copy(deep=False))


def _load_store(cache: bool) -> FigureStore:
    catalogue = load_catalogue()
    if not cache:
        figures, rejections = read_sources(catalogue)
        return FigureStore(figures, catalogue, rejections)
    path = _cache_path(cache_key())
    if path in _READ_HERE:
        _check_every_file_is_listed(catalogue)  # a stray folder changes no cache key: refused here too
        figures, rejections = _READ_HERE[path]
        return FigureStore(figures.copy(deep=False), catalogue, rejections.copy(deep=False))
    if path.is_file():
        _check_every_file_is_listed(catalogue)  # a stray folder changes no cache key: refused when warm too
        try:
            rejections = pd.read_parquet(_rejections_path(path))
            if len(rejections):
                rejections = rejections.astype({"row": "int64"})
            return _store_of(path, catalogue, _read_figures(path), rejections)
        except Exception:  # a damaged cache file is rebuilt, never trusted
            path.unlink(missing_ok=True)
    figures, rejections = read_sources(catalogue, cache=True)
    try:
        _write_cache(figures, rejections, path)
    except OSError:
        pass  # a read-only project still works, just without the cache
    return _store_of(path, catalogue, figures, rejections)


__all__ = ["FigureStore", "load_store", "read_sources", "cache_key"]
