"""The kernel manager used where a machine has no loopback network: the same kernel, reached over
Unix sockets (ZeroMQ's ipc transport) instead of TCP on 127.0.0.1. Chosen by runner.kernel_options."""
from __future__ import annotations

import tempfile

from jupyter_client.manager import AsyncKernelManager
from traitlets import default


class UnixSocketKernelManager(AsyncKernelManager):
    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        # A short path: a Unix socket's name may not exceed about 100 characters.
        return tempfile.mkdtemp(prefix="ck-") + "/k"
