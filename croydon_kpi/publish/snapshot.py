"""One snapshot of data/ per run: the files a command checks are the files its kernels read.

A command that publishes copies data/ into its staging folder, points CROYDON_KPI_DATA_DIR at
the copy, and only then loads the store, checks it and starts kernels (which inherit the
variable). A file dropped into data/ while the run goes on waits for the next run: it can never
reach a report without passing the check.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

from croydon_kpi.core import project
from croydon_kpi.core.files import files_under
from croydon_kpi.errors import InputError, MachineRefused
from croydon_kpi.publish import atomic


@contextmanager
def data_snapshot():
    """Inside the block, data_dir() is a private copy of data/ taken on entry."""
    if os.environ.get(project.DATA_ENV):  # already inside a run's snapshot (a nested call)
        yield project.data_dir()
        return
    source = project.data_dir()
    files = files_under(source)  # links to folders and loops refused here, naming them
    folder = atomic.staging_folder(project.cache_dir() / "staging", prefix="snapshot-")
    try:
        for path in files:
            _copy(path, folder / "data" / path.relative_to(source), folder)
        for empty in (p for p in source.rglob("*") if p.is_dir()):  # folders too: a stray one is still refused
            _made(folder / "data" / empty.relative_to(source), folder)
        os.environ[project.DATA_ENV] = str(folder / "data")
        yield folder / "data"
    finally:
        os.environ.pop(project.DATA_ENV, None)
        shutil.rmtree(folder, ignore_errors=True)


def _copy(path, target, folder) -> None:
    """One input into the snapshot: a file that cannot be read is the input's fault (named); one
    that cannot be written (a full disk, a file-size limit) is the machine's, never the input's."""
    try:
        data = path.read_bytes()  # read as the store reads: the same refusals
    except OSError as error:
        raise InputError(
            path, None, f"cannot be read ({error.strerror or type(error).__name__}); check that the file may be read"
        ) from None
    _made(target.parent, folder)
    try:
        target.write_bytes(data)
    except OSError as error:
        raise MachineRefused("the run's copy of the inputs in", folder, error) from None


def _made(target, folder) -> None:
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MachineRefused("the run's copy of the inputs in", folder, error) from None


__all__ = ["data_snapshot"]
