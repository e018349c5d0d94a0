"""Loading the store: every source listed in data/sources/sources.yaml read by the reader it names
(readers/registry.py), its figures admitted through the store's door (store/door.py), the figures
derived from them added, and the results kept in the store's cache (store/cache.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from croydon_kpi.catalogue.derivations import load_derivations
from croydon_kpi.catalogue.measures import Catalogue, load_catalogue
from croydon_kpi.core import project, schema
from croydon_kpi.core.files import files_under
from croydon_kpi.errors import InputError
from croydon_kpi.readers import registry
from croydon_kpi.store import cache as store_cache
from croydon_kpi.store import door
from croydon_kpi.store.area_names import one_name_per_code
from croydon_kpi.store.derived import derived_figures
from croydon_kpi.store.queries import FigureStore

# Files in data/sources/ that describe the folder rather than hold data.
_DESCRIPTIVE_FILES = {"README.md", "sources.yaml"}


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


def _load_store(use_cache: bool) -> FigureStore:
    catalogue = load_catalogue()
    if not use_cache:
        return _store(read_sources(catalogue), catalogue)
    path = store_cache.store_path(store_cache.cache_key())
    kept = store_cache.fetch(path, remember=True)
    if kept is not None:
        check_every_file_is_listed(catalogue)  # a stray folder changes no cache key: refused when warm too
        return _store(kept, catalogue)
    result = read_sources(catalogue, cache=True)
    store_cache.keep(path, result, remember=True)
    return _store(result, catalogue)


def _store(result: store_cache.Result, catalogue: Catalogue) -> FigureStore:
    # Shallow copies: every store handed out shares the frames' memory (pandas copies on write),
    # and the answers worked out from them (`remembered`): the packs of a region's run, one after
    # another in a kernel, work out the store as known at the month, the benchmarks and each
    # area's figures once, not once a pack.
    store = FigureStore(result.figures.copy(deep=False), catalogue, result.rejections.copy(deep=False))
    kept = _MEMOS.get(id(result))
    if kept is None or kept[0] is not result or kept[1] is not catalogue:
        kept = _MEMOS[id(result)] = (result, catalogue, {})
    store._memo = kept[2]
    return store


# id(result) -> (the result, the catalogue, the answers remembered for stores of it)
_MEMOS: dict[int, tuple] = {}


def read_sources(catalogue: Catalogue, cache: bool = False) -> store_cache.Result:
    """(figures, rejections) from every source in the registry, each read by its reader. With
    `cache`, each source's result is kept keyed by its files, the code, the catalogue and
    every source read before it: an edited scorecard re-reads the scorecards, not the DfE files."""
    registry.check(catalogue)
    check_every_file_is_listed(catalogue)
    results: list[store_cache.Result] = []
    owned = {path for source in registry.in_order(catalogue) for path in store_cache.files_of(source, _also(source))}
    base = chain = store_cache.base_digest(owned)
    # Sources that depend on no other (the synthetic borough) are read at once in a second process,
    # beside the others, when the machine has a core to spare and their cache is cold.
    prefetched = _prefetch_independent(catalogue, base) if cache else {}
    for source in registry.in_order(catalogue):
        # A reader that borrows areas from earlier sources depends on all of them; one that does not, on itself alone.
        previous = chain if registry.READERS[source.reader].borrows_areas else base
        key = store_cache.source_digest(previous, source, _also(source))
        chain = store_cache.source_digest(chain, source, _also(source))
        so_far = _joined([r.figures for r in results], schema.empty_figures())
        _wait_for(prefetched.get(source.id))
        results.append(_read_source(source, catalogue, so_far, key if cache else None))
    figures = one_name_per_code(_joined([r.figures for r in results], schema.empty_figures()))
    derived = derived_figures(figures, load_derivations(catalogue))
    figures = schema.conform(pd.concat([figures, derived], ignore_index=True))
    rejected = _joined([r.rejections for r in results if len(r.rejections)], store_cache.no_rejections())
    return store_cache.Result(figures, rejected.astype({"row": "int64"}) if len(rejected) else rejected)


def _also(source) -> list[Path]:
    return registry.READERS[source.reader].also_reads()


def _joined(frames: list[pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
    return pd.concat(frames, ignore_index=True) if frames else empty


def _read_source(source, catalogue: Catalogue, so_far: pd.DataFrame, key: str | None) -> store_cache.Result:
    """One source's figures and rejections, from the cache when its key is there."""
    path = store_cache.source_path(source.id, key) if key else None
    kept = store_cache.fetch(path) if path else None
    if kept is not None:
        return kept
    figures, rejected = registry.READERS[source.reader].read(source, catalogue, so_far)
    figures = door.admitted(figures, source, catalogue)  # checked once, here, as the figures enter the store
    result = store_cache.Result(figures, store_cache.no_rejections() if rejected is None else rejected)
    if path:
        store_cache.keep(path, result, versions=store_cache.KEPT_PER_SOURCE)
    return result


# --- every file under data/sources/ is a listed source ----------------------------------------


def check_every_file_is_listed(catalogue: Catalogue) -> None:
    """Every file and folder under data/sources/ is a listed source, inside a listed folder, or
    a folder holding listed files: nothing there is silently passed over, warm cache or cold."""
    sources = catalogue.sources.values()
    listed = {Path(source.file).as_posix() for source in sources if not source.is_folder}
    folders = [source.file for source in sources if source.is_folder]
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
    for source in sources:
        present = source.path.is_dir() if source.is_folder else source.path.is_file()
        if not present:
            raise InputError(source.path, None, f"listed in data/sources/sources.yaml as {source.id!r} but missing")


# --- reading an independent source in a second process ------------------------------------------


def _prefetch_independent(catalogue: Catalogue, base: str) -> dict:
    """source id -> a second Python process reading that source into its disk store_cache. Empty on a
    one-core machine, when every such cache is warm, or when no process can be started. A plain
    subprocess, not multiprocessing: it never re-runs the caller's script or notebook."""
    cold = [
        (source.id, store_cache.source_digest(base, source, _also(source)))
        for source in registry.in_order(catalogue)
        if not registry.READERS[source.reader].borrows_areas
    ]
    cold = [(source_id, key) for source_id, key in cold if not store_cache.source_path(source_id, key).is_file()]
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
        code = f"from croydon_kpi.store.loading import read_into_cache; read_into_cache({source_id!r}, {key!r})"
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


def read_into_cache(source_id: str, key: str) -> None:
    """In the second process: read one independent source into the disk store_cache."""
    catalogue = load_catalogue()
    _read_source(catalogue.sources[source_id], catalogue, schema.empty_figures(), key)


def _wait_for(process) -> None:
    """Wait for a prefetch. Whatever happened there, the source is then read from the cache it
    wrote, or read here (and its error, if it has one, raised here as from any source)."""
    if process is not None:
        process.wait()
