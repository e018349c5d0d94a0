"""Where there is no loopback network, kernels run over Unix sockets."""

import shutil
import subprocess
import sys

import pytest

from croydon_kpi.publish import kernels
from croydon_kpi.publish.kernels import UnixSocketKernelManager


def test_the_unix_socket_manager_uses_the_ipc_transport():
    manager = UnixSocketKernelManager(kernel_name="python3")
    assert manager.transport == "ipc" and len(manager.ip) < 60


def test_with_loopback_the_usual_kernel_is_used(monkeypatch):
    monkeypatch.setattr(kernels, "_loopback_works", lambda: True)
    assert kernels.kernel_options() == {}
    monkeypatch.setattr(kernels, "_loopback_works", lambda: False)
    assert kernels.kernel_options()["kernel_manager_class"].endswith("UnixSocketKernelManager")


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare to take the loopback network away")
def test_a_pack_builds_with_no_loopback_network(new_project):
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow a network namespace")
    root, env = new_project(setenv=False)
    # lo stays down: nothing can connect to 127.0.0.1
    done = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "croydon_kpi", "pack", "--month", "2019-10"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-800:]
    assert (root / "reports" / "monthly_pack_2019-10_croydon.html").is_file()
