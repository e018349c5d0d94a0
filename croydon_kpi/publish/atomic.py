"""Publishing a set of files all or nothing, and cleaning up after a run that was killed.

A run builds in a staging folder under the cache (which may be on another filesystem, e.g. a
local disk while reports/ is a shared drive). Publishing then goes in three steps:
1. copy every file into `reports/.incoming-<run>/` (same filesystem as reports/);
2. write `READY` there, in one rename, listing the files: from now on the set is committed;
3. rename each file into reports/ and remove the folder.
A run killed before step 2 leaves reports/ untouched (its incoming folder is removed by the next
run); a run killed during step 3 (a few renames, milliseconds) is finished by the next run, which
completes the committed set before doing anything else. So reports/ always holds a whole set,
the old or the new, once any run has started; never a `.partial` file or a mix.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import tempfile
import time
import zlib
from pathlib import Path

from croydon_kpi.errors import MachineRefused

INCOMING = ".incoming-"
READY = "READY"
OWNER = "owner.json"


# --- staging folders (in the cache) --------------------------------------------------------------


def staging_folder(root: Path, prefix: str = "run-") -> Path:
    """A new staging folder under `root`, marked with its owner; stale ones of killed runs are
    removed first. A folder the machine will not let us write is MachineRefused, naming it."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        remove_stale(root)
        folder = _owned_folder(root, prefix)
    except OSError as error:
        raise MachineRefused("the cache folder", root, error) from None
    try:
        _mark_owner(folder)
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise MachineRefused("the cache folder", root, error) from None
    return folder


def check_writable(folder: Path, what: str) -> None:
    """Refuse, before anything is read or built, a folder the run could not publish into: a
    file is made and removed in it (or in its nearest existing parent, as the folder is only
    created when the run publishes), so a read-only share, a full disk or a quota is told at
    once, whoever runs the job (root is not stopped by permission bits, a full disk stops it)."""
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    try:
        if existing is None or not existing.is_dir():
            raise NotADirectoryError(20, "Not a directory", str(existing))
        handle, probe = tempfile.mkstemp(dir=existing, prefix=".croydon-kpi-probe-")
        os.close(handle)
        os.remove(probe)
    except OSError as error:
        raise MachineRefused(what, folder, error) from None


def _owned_folder(root: Path, prefix: str) -> Path:
    """A new folder whose name says which process on which machine made it, so a run killed
    between making the folder and writing anything in it still leaves a folder the next run can
    judge (and remove) at once."""
    return Path(tempfile.mkdtemp(dir=root, prefix=f"{prefix}{os.getpid()}@{_host_tag()}-"))


def _host_tag(host: str | None = None) -> str:
    # A short fixed-width tag, not the host name itself: names can be long enough to overflow a file name.
    return f"{zlib.crc32((host or socket.gethostname()).encode()):08x}"


_OWNER_IN_NAME = re.compile(r"(?P<pid>\d+)@(?P<host>[0-9a-f]{8})-[^-@]*$")


def _mark_owner(folder: Path) -> None:
    (folder / OWNER).write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}), encoding="utf-8")


def remove_stale(root: Path) -> None:
    """Remove the staging folders of runs that are no longer running on this machine."""
    for folder in root.iterdir() if root.is_dir() else []:
        if folder.is_dir() and not _owner_alive(folder):
            shutil.rmtree(folder, ignore_errors=True)


def _owner_alive(folder: Path) -> bool:
    try:
        owner = json.loads((folder / OWNER).read_text(encoding="utf-8"))
        return _process_alive(owner["pid"], _host_tag(str(owner.get("host"))))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    named = _OWNER_IN_NAME.search(folder.name)
    if named:  # killed before it wrote its owner file: the name still says whose it is
        return _process_alive(named["pid"], named["host"])
    # A folder of an older version with no owner: spare it for an hour rather than pull a
    # folder from under a starting run.
    try:
        return time.time() - folder.stat().st_mtime < 3600
    except OSError:
        return False


def _process_alive(pid, host_tag: str) -> bool:
    if host_tag != _host_tag():
        return True  # another machine's run on a shared drive: not ours to judge
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, ValueError, TypeError, OverflowError):
        return True
    return True


# --- publishing a set ----------------------------------------------------------------------------


def publish_set(built: list[Path], reports: Path) -> list[Path]:
    """Move every built file into `reports` as one set (see the module's note); the published paths."""
    try:
        reports.mkdir(parents=True, exist_ok=True)
        recover(reports)
        incoming = _owned_folder(reports, INCOMING)
    except OSError as error:
        raise MachineRefused("the reports folder", reports, error) from None
    try:
        _mark_owner(incoming)
        for path in built:
            _move_or_copy(path, incoming / path.name)
        _write_ready(incoming, [path.name for path in built])
    except OSError as error:  # a full disk or a quota mid-copy: the set is not committed, nothing changes
        shutil.rmtree(incoming, ignore_errors=True)
        raise MachineRefused("the reports folder", reports, error) from None
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    return _complete(incoming, reports)


def recover(reports: Path) -> None:
    """Finish a committed set a killed run left half-renamed; remove an uncommitted one."""
    for incoming in sorted(reports.glob(f"{INCOMING}*")) if reports.is_dir() else []:
        if _owner_alive(incoming):
            continue  # a concurrent run is filling or renaming it right now
        if (incoming / READY).is_file():
            _complete(incoming, reports)
        else:
            shutil.rmtree(incoming, ignore_errors=True)


def _move_or_copy(source: Path, target: Path) -> None:
    try:
        os.replace(source, target)  # same filesystem: one rename
    except OSError:
        shutil.copyfile(source, target)  # another filesystem: a copy into the incoming folder
        with open(target, "rb") as handle:
            os.fsync(handle.fileno())


def _write_ready(incoming: Path, names: list[str]) -> None:
    temporary = incoming / f".{READY}.tmp"
    temporary.write_text(json.dumps(names), encoding="utf-8")
    os.replace(temporary, incoming / READY)


def _complete(incoming: Path, reports: Path) -> list[Path]:
    try:
        names = json.loads((incoming / READY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        shutil.rmtree(incoming, ignore_errors=True)
        return []
    published = []
    for name in names:
        if (incoming / name).exists():
            os.replace(incoming / name, reports / name)
        published.append(reports / name)
    shutil.rmtree(incoming, ignore_errors=True)
    return published
