"""The store's cache: results (figures and their rejections) kept as Parquet under the project's
cache folder, each named by a key over the content of every input it depends on, so an edited
source, catalogue or reader is read again and an unchanged one is not.

One mechanism for every result: `fetch` looks in this process's memory, then on disk; `keep`
writes to disk (and, for the whole store, to memory). Each result carries a record of itself
(`<name>.digest.json`: the key it was built for and the SHA-256 of its files); one whose bytes do
not match (edited in place, truncated, damaged) is deleted and rebuilt from the sources, never trusted.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from croydon_kpi.core import project, schema
from croydon_kpi.core.files import files_under
from croydon_kpi.core.schema import REJECTION_COLUMNS

_PACKAGE = Path(__file__).resolve().parents[1]  # all of croydon_kpi/: any reader's code is an input
KEPT_PER_SOURCE = 8  # a few recent versions of each source: switching back and forth stays warm


class Result(NamedTuple):
    """One cached result; a tuple, so `figures, rejections = read_sources(...)` still reads."""

    figures: pd.DataFrame
    rejections: pd.DataFrame  # rows of local files that could not be read as figures


def no_rejections() -> pd.DataFrame:
    return pd.DataFrame(columns=REJECTION_COLUMNS)


# --- keys ------------------------------------------------------------------------------------


def files_of(source, also_reads: list[Path] = ()) -> list[Path]:
    """The files a source's result depends on: its file, or every file in its folder, and the
    files its reader also consults (`also_reads`)."""
    return [*(files_under(source.path) if source.is_folder else [source.path]), *also_reads]


def cache_key() -> str:
    """The whole store's key: SHA-256 over every input file's name and content, every folder's
    name (a stray folder a reader refuses must be refused warm as it is cold), and this package's code."""
    digest = hashlib.sha256()
    _digest_files(digest, _input_files())
    _digest_folders(digest, project.sources_dir())
    return digest.hexdigest()[:24]


def base_digest(owned: set[Path]) -> str:
    """What every reader may depend on: the code, the catalogue, and every file under
    data/sources/ that no figure reader owns (`owned`: sources.yaml, reference data readers consult)."""
    digest = hashlib.sha256()
    _digest_files(digest, [*_catalogue_files(), *_code_files()])
    _digest_files(digest, [path for path in files_under(project.sources_dir()) if path not in owned])
    return digest.hexdigest()[:24]


def source_digest(previous: str, source, also_reads: list[Path] = ()) -> str:
    """A source's key: `previous` (what it depends on), the source's own entry and files, and the
    files its reader also consults."""
    digest = hashlib.sha256(f"{previous}|{source.id}|{source.reader}|{source.file}".encode())
    _digest_files(digest, files_of(source, also_reads))
    if source.is_folder:
        _digest_folders(digest, source.path)
    return digest.hexdigest()[:24]


def _code_files() -> list[Path]:
    return sorted(_PACKAGE.rglob("*.py"))


def _catalogue_files() -> list[Path]:
    """Every definition under data/catalogue/ (measures, the council's own measures, derivations,
    child-level timescales, report settings): any of them can change what a reader returns."""
    return sorted(project.catalogue_path().parent.glob("*.yaml"))


def _input_files() -> list[Path]:
    return [*_catalogue_files(), *files_under(project.sources_dir()), *_code_files()]


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


def _digest_folders(digest, root: Path) -> None:
    """The name of every folder under `root` (not following links): a folder holds no bytes, but
    a reader that finds one where files belong refuses it, so it is part of what a result depends on."""
    data = project.data_dir().absolute()
    for top, folders, _ in os.walk(root, followlinks=False):
        folders.sort()
        for name in folders:
            digest.update(b"folder:" + _name(Path(top) / name, data).encode())


# --- where results are kept ------------------------------------------------------------------


def store_path(key: str) -> Path:
    return project.cache_dir() / "store" / f"figures-{key}.parquet"


def source_path(source_id: str, key: str) -> Path:
    return project.cache_dir() / "store" / "sources" / f"{source_id}-{key}.parquet"


def _rejections_path(path: Path) -> Path:
    return path.with_suffix(".rejections.parquet")


def _digest_path(path: Path) -> Path:
    """The result's record of itself: the key it was built for and the SHA-256 of its two files."""
    return path.with_suffix(".digest.json")


# --- fetching and keeping ----------------------------------------------------------------------

# The whole store last read in this process, by its file (whose name is the inputs' key): a lane's
# kernel runs several notebooks, each calling load_store(). Pandas copies on write, so each store
# handed out shares the frames' memory and none can change another's.
_IN_PROCESS: dict[Path, Result] = {}


def fetch(path: Path, remember: bool = False) -> Result | None:
    """The result kept at `path` (this process's memory first, then the disk), or None. With
    `remember`, a result read from disk is held in memory for the next call."""
    if path in _IN_PROCESS:
        return _IN_PROCESS[path]
    if not path.is_file():
        return None
    try:
        figures, rejections = _checked_bytes(path)
        result = Result(_read_figures(figures), _read_rejections(rejections))
        os.utime(path)  # recently used: kept when older keys are pruned
    except Exception:  # a damaged, edited or unrecorded cache file is read again from the sources, never trusted
        _remove(path)
        return None
    if remember:
        _remember(path, result)
    return result


def keep(path: Path, result: Result, versions: int = 1, remember: bool = False) -> None:
    """Write a result and prune all but the `versions` most recently used of the same name; with
    `remember`, hold it in memory too. A read-only cache folder is no error, just slower next time."""
    if remember:
        _remember(path, result)
    try:
        _write(result, path, versions)
    except OSError:
        pass


def forget() -> None:
    """Drop what this process holds in memory (as a new process would start)."""
    _IN_PROCESS.clear()


def _remember(path: Path, result: Result) -> None:
    _IN_PROCESS.clear()  # one whole store at a time: an older one is never asked for again
    _IN_PROCESS[path] = result


class Tampered(ValueError):
    """A cache file whose bytes are not those its record says were written."""


def _checked_bytes(path: Path) -> tuple[bytes, bytes]:
    """The bytes of a result's two files, each matching the SHA-256 its record holds, and the
    record made for the key the file is named by; else Tampered (edited in place, truncated, or
    written before results carried a record). Read once: what is checked is what is parsed."""
    record = json.loads(_digest_path(path).read_text(encoding="utf-8"))
    figures, rejections = path.read_bytes(), _rejections_path(path).read_bytes()
    if (
        record.get("key") != _key_of(path)
        or record.get("figures") != hashlib.sha256(figures).hexdigest()
        or record.get("rejections") != hashlib.sha256(rejections).hexdigest()
    ):
        raise Tampered(f"{path.name} is not the result its record describes")
    return figures, rejections


def _key_of(path: Path) -> str:
    return path.stem.rsplit("-", 1)[-1]


def _remove(path: Path) -> None:
    for part in (path, _rejections_path(path), _digest_path(path)):
        part.unlink(missing_ok=True)


def _read_figures(data: bytes) -> pd.DataFrame:
    figures = pd.read_parquet(io.BytesIO(data))
    return schema.conform(figures)


def _read_rejections(data: bytes) -> pd.DataFrame:
    rejections = pd.read_parquet(io.BytesIO(data))
    return rejections.astype({"row": "int64"}) if len(rejections) else rejections


def _write(result: Result, path: Path, versions: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Rejections first: a figures file present means its rejections file is too.
    _write_atomically(result.rejections.astype(str), _rejections_path(path))
    _write_atomically(result.figures, path)  # the tags are text: a plain column, read back as it is
    _write_record(path)  # last: a result without its record is never read
    stem = path.name.rsplit("-", 1)[0]
    results = [p for p in path.parent.glob(f"{stem}-*.parquet") if not p.name.endswith(".rejections.parquet")]
    older = sorted(results, key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in [p for p in older if p != path][versions - 1 :]:
        _remove(stale)


def _write_record(path: Path) -> None:
    record = {
        "key": _key_of(path),
        "figures": hashlib.sha256(path.read_bytes()).hexdigest(),
        "rejections": hashlib.sha256(_rejections_path(path).read_bytes()).hexdigest(),
    }
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(record, file)
        os.replace(temporary, _digest_path(path))
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


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
