"""The kernels a run's notebooks execute in.

A build runs ten notebooks. Starting a kernel and importing pandas, plotly and this library in it
cost more than most of the notebooks themselves, so a run keeps one kernel per lane (one lane per
worker, see Lanes) and runs that lane's notebooks in it one after another. Each notebook
starts from a clean slate: the user namespace, the execution counter and the record of warnings
already shown are reset before it, so its outputs are those of a fresh kernel (tests build
reports both ways and compare the bytes). What carries over is what is the same for every
notebook of one run: imported modules, and the store read from the run's snapshot of data/.

Lanes are threads of the publishing process: each kernel is a process of its own, so notebooks
run side by side while this process only passes their messages and writes their pages.

Where a machine has no loopback network, the same kernel is reached over Unix sockets
(UnixSocketKernelManager, chosen by kernel_options). runner.LaneEngine has papermill execute a
notebook in a lane.
"""

from __future__ import annotations

import os
import queue
import socket
import tempfile
import threading

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from traitlets import default
from traitlets.utils.importstring import import_item

from croydon_kpi.errors import KernelUnavailable
from croydon_kpi.reports import registry

KERNEL = "python3"  # never a conda kernel name saved in the notebook: it fails elsewhere

# The kernel application's own log, from errors up. Over TCP its start-up warns, every run, that
# messages to a kernel on this machine are not encrypted: true of every local Jupyter kernel, and
# not something a user can act on (the message channel is 127.0.0.1, signed with a key only this
# user can read). Errors still reach stderr: a kernel that cannot start logs them at ERROR or
# above, and a traceback in a notebook is the notebook's output, not the kernel's log.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]

# Run silently (no output, no execution count) when a lane's kernel starts: what every report
# imports (the report registry's modules). Not the store: the run may still be reading it into its
# disk cache, and the lane's first notebook reads it from there (later ones from memory). A failure
# here is not reported: the notebook meets it again and fails visibly.
WARM_UP = f"""
try:
    import {", ".join(registry.report_modules())}
except Exception:
    pass
"""

# Run silently before each notebook: nothing of the previous notebook is visible to the next.
CLEAN_SLATE = """
import sys as _sys, warnings as _warnings
for _module in list(_sys.modules.values()):
    try:
        _module.__warningregistry__.clear()  # a warning shown before is shown again
    except Exception:
        pass
_warnings.onceregistry.clear()
def _reset(shell=get_ipython()):
    # The user namespace, output cache, history, and execution count 1 (and this name with
    # them). The reset's full garbage collection (60 ms a notebook) is left to Python's own.
    import gc
    collect, gc.collect = gc.collect, lambda *args, **kwargs: 0
    try:
        shell.reset(new_session=True)
    finally:
        gc.collect = collect
_reset()
"""


def _loopback_works() -> bool:
    """Can this machine talk to itself over 127.0.0.1 (a kernel's usual channel)?"""
    try:
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            with socket.create_connection(server.getsockname(), timeout=2):
                return True
    except OSError:
        return False


def kernel_options() -> dict:
    """How to reach the kernel: over the loopback network as usual; where there is none (a locked
    down server, a container without `lo`), over Unix sockets instead, rather than wait 60 s and
    fail. Checked once per run."""
    if _loopback_works():
        return {}
    if os.name != "posix":
        raise KernelUnavailable(
            "no notebook can run: the loopback network (127.0.0.1) is not available, and this "
            "system has no Unix sockets to run a kernel over instead"
        )
    return {"kernel_manager_class": "croydon_kpi.publish.kernels.UnixSocketKernelManager"}


class UnixSocketKernelManager(AsyncKernelManager):
    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        # A short path: a Unix socket's name may not exceed about 100 characters.
        return tempfile.mkdtemp(prefix="ck-") + "/k"


class Lane:
    """One kernel, started once and lent to one notebook at a time."""

    def __init__(self, cwd: str, options: dict | None = None, startup_timeout: int = 60):
        manager_class = import_item(
            (options or {}).get("kernel_manager_class", "jupyter_client.manager.AsyncKernelManager")
        )
        self.cwd, self.startup_timeout = cwd, startup_timeout
        self.manager = manager_class(kernel_name=KERNEL)
        self.client = None
        self.ready = False  # started and warmed up

    def start(self) -> "Lane":
        self._start()
        self.ready = True
        return self

    def _start(self) -> None:
        run_sync(self.manager.start_kernel)(cwd=self.cwd, extra_arguments=KERNEL_ARGUMENTS)
        self.client = self.manager.client()
        self.client.start_channels()
        run_sync(self.client.wait_for_ready)(timeout=self.startup_timeout)
        self._run_silently(WARM_UP)

    def _run_silently(self, code: str) -> None:
        message = self.client.execute(code, silent=True, store_history=False, allow_stdin=False)
        run_sync(self._reply_to)(message)

    async def _reply_to(self, message_id: str) -> None:
        while True:
            reply = await self.client.get_shell_msg(timeout=self.startup_timeout)
            if reply["parent_header"].get("msg_id") == message_id:
                return

    def prepare(self) -> None:
        """A clean slate for the next notebook; a new kernel if the last one died."""
        if not run_sync(self.manager.is_alive)():
            self.client.stop_channels()
            run_sync(self.manager.cleanup_resources)()
            self._start()
        self._run_silently(CLEAN_SLATE)

    def close(self) -> None:
        if self.client is not None:
            self.client.stop_channels()
        if self.manager.has_kernel and run_sync(self.manager.is_alive)():
            run_sync(self.manager.shutdown_kernel)(now=True)  # a build's kernel has nothing to save

    def kill(self) -> None:
        """From another thread: end the kernel's process at once (the lane's own thread, waiting on
        it, then fails and closes the lane)."""
        process = getattr(getattr(self.manager, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()


def default_lanes() -> int:
    """One lane per core: each notebook's work is done in its kernel's process."""
    return max(1, os.cpu_count() or 1)


def open_lanes(count: int | None = None) -> "Lanes":
    """A run's lanes (default: one per core), in the project root, reached as this machine allows."""
    from croydon_kpi.core import project

    return Lanes(count or default_lanes(), str(project.project_root()), kernel_options())


class Lanes:
    """Up to `count` lanes, each started at once in a thread of its own (a kernel takes a second
    or so to start and import: it does so while the run prepares), then given work by map().
    Use once, as a context manager: leaving it stops every kernel."""

    def __init__(self, count: int, cwd: str, options: dict | None = None):
        self._cwd, self._options = cwd, options
        self._pending: queue.SimpleQueue = queue.SimpleQueue()
        self._given = threading.Event()
        self._stopping = threading.Event()
        self._work = self._done = None
        self._results: dict = {}
        self._failures: list[BaseException] = []
        self._lanes: list[Lane] = []
        self._threads = [
            threading.Thread(target=self._run_lane, name=f"lane-{n}", daemon=True) for n in range(max(1, count))
        ]
        for thread in self._threads:
            thread.start()

    def __enter__(self) -> "Lanes":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _run_lane(self) -> None:
        lane = None
        try:
            lane = Lane(self._cwd, self._options)
            self._lanes.append(lane)
            if not self._stopping.is_set():
                lane.start()
            self._given.wait()
            while not (self._failures or self._stopping.is_set()):
                try:
                    number, item = self._pending.get_nowait()
                except queue.Empty:
                    return
                self._results[number] = self._work(item, lane)
                if self._done:
                    self._done()
        except BaseException as error:  # handed to the caller's thread and raised there
            if not self._stopping.is_set():
                self._failures.append(error)
        finally:
            if lane is not None:
                lane.close()  # as soon as this lane has nothing left to run

    def map(self, work, items: list, done=None) -> list:
        """work(item, lane) for every item, each lane taking the next item when it is free; the
        results in the items' order. The first failure stops the lanes taking more and is raised
        when the running items end. `done()` is called as each item ends."""
        self._work, self._done = work, done
        for number, item in enumerate(items):
            self._pending.put((number, item))
        self._given.set()
        try:
            for thread in self._threads:
                thread.join()
        except BaseException:  # interrupted
            self.close()
            raise
        if self._failures:
            raise self._failures[0]
        return [self._results[number] for number in range(len(items))]

    def close(self) -> None:
        """No lane takes more work, and every kernel stops: one running a notebook at once, one
        still starting as soon as it has started (ending it half-way leaves its client waiting)."""
        if all(not thread.is_alive() for thread in self._threads):
            return
        self._stopping.set()
        self._given.set()
        for lane in list(self._lanes):
            if lane.ready:
                lane.kill()
        for thread in self._threads:
            thread.join(timeout=90)
