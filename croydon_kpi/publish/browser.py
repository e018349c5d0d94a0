"""A headless Chromium (or Chrome) driven over its DevTools pipe: one browser for many pages, each
opened, measured by a script, shot as a PNG or printed to PDF, with every request it made and
every error it logged recorded.

The pipe (`--remote-debugging-pipe`: JSON messages ending in a NUL byte, commands on the
browser's fd 3, answers on its fd 4) needs no port, no websocket library and no network: the
browser is started with every remote address refused, so a report that would load anything
from the internet shows it as a request that is not a file.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from croydon_kpi.errors import BrowserFailed

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = (
    "--headless=new",
    "--no-sandbox",  # a container's root user cannot use Chromium's sandbox
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: nothing is fetched from the internet
    "--proxy-server=127.0.0.1:9",
    "--allow-file-access-from-files",
    "--hide-scrollbars",
)
PAGE_NUMBER, PAGE_COUNT = '<span class="pageNumber"></span>', '<span class="totalPages"></span>'  # Chromium fills these
SECONDS = 60  # the longest any one step may take (a pack carries 4.5 MB of plotly.js to parse)


def find_browser() -> str | None:
    """The path of a Chromium or Chrome on PATH (or CROYDON_KPI_BROWSER), or None."""
    named = os.environ.get("CROYDON_KPI_BROWSER")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    return next((found for found in map(shutil.which, CANDIDATES) if found), None)


@dataclass
class Page:
    """What a page did while it was open: every URL it requested, and every error it logged."""

    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def requests_not_files(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:", "blob:", "about:"))]


class _Pipe:
    """The DevTools connection: a started browser, commands sent, answers and events read."""

    def __init__(self, executable: str, profile: str):
        to_browser, self._commands = os.pipe()
        self._answers, from_browser = os.pipe()
        # Far from 3 and 4, so that putting one pipe on fd 3 cannot close the other before it moves.
        to_browser, from_browser = (_far_from_low_fds(fd) for fd in (to_browser, from_browser))
        # The browser reads fd 3 and writes fd 4: a small Python puts the pipes there, then
        # becomes the browser (a shell cannot name descriptors above 9).
        command = [executable, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"]
        moves = f"os.dup2({to_browser}, 3); os.dup2({from_browser}, 4)"
        trampoline = f"import os, sys; {moves}; os.execv(sys.argv[1], sys.argv[1:])"
        self._next_id, self._buffer, self.session = 0, b"", None
        self.events: list[dict] = []
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", trampoline, *command],
                pass_fds=(to_browser, from_browser),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            self.close()
            raise BrowserFailed(f"could not start {executable}: {error.strerror or error}") from None
        finally:
            os.close(to_browser)
            os.close(from_browser)

    def call(self, method: str, params: dict | None = None, session: bool = True, wait: bool = True) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        try:
            os.write(self._commands, json.dumps(message).encode() + b"\0")
        except OSError as error:
            raise BrowserFailed(f"the browser stopped answering ({error.strerror})") from None
        if not wait:
            return {}
        answer = self.read_until(lambda m: m.get("id") == self._next_id, method)
        if "error" in answer:
            raise BrowserFailed(f"the browser refused {method}: {answer['error'].get('message')}")
        return answer.get("result", {})

    def wait_for(self, event: str) -> dict:
        for index, message in enumerate(self.events):
            if message.get("method") == event:
                return self.events.pop(index)
        return self.read_until(lambda m: m.get("method") == event, event)

    def read_until(self, wanted, what: str) -> dict:
        """Read messages until one is `wanted`; events read on the way are kept in `events`."""
        deadline = time.monotonic() + SECONDS
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return message
                if "method" in message:
                    self.events.append(message)
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise BrowserFailed(f"the browser did not answer {what} within {SECONDS} s")
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                raise BrowserFailed(f"the browser stopped while waiting for {what}")
            self._buffer += chunk

    def close(self) -> None:
        process = getattr(self, "process", None)
        if process is not None:
            try:
                self.call("Browser.close", session=False, wait=False)
                process.wait(timeout=10)
            except (BrowserFailed, OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
        for fd in (self._commands, self._answers):
            try:
                os.close(fd)
            except OSError:
                pass


class Browser:
    """with Browser() as browser: page = browser.open(path); browser.evaluate(js); browser.png(); ..."""

    def __init__(self, width: int = 1400, height: int = 900):
        self.width, self.height = width, height
        self._pipe: _Pipe | None = None
        self._profile = None
        self.page: Page | None = None

    def __enter__(self) -> "Browser":
        executable = find_browser()
        if executable is None:
            raise BrowserFailed(
                "no Chromium or Chrome found on PATH (install Debian's chromium, or set CROYDON_KPI_BROWSER)"
            )
        self._profile = tempfile.mkdtemp(prefix="croydon-kpi-browser-")
        try:
            self._pipe = _Pipe(executable, self._profile)
            target = self._pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            attached = self._pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})
            self._pipe.session = attached["sessionId"]
            for domain in ("Page", "Runtime", "Network", "Log"):
                self._pipe.call(f"{domain}.enable")
            metrics = {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False}
            self._pipe.call("Emulation.setDeviceMetricsOverride", metrics)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self._pipe is not None:
            self._pipe.close()
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)

    def open(self, path: Path) -> Page:
        """Open a file and wait for it to finish loading (its scripts run, its charts drawn)."""
        self.page = Page(Path(path).absolute().as_uri())
        self._pipe.events = []
        self._pipe.call("Page.navigate", {"url": self.page.url})
        self._pipe.wait_for("Page.loadEventFired")
        self.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        return self.page

    def evaluate(self, expression: str):
        """The value of a script in the open page (a promise is awaited)."""
        options = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        answer = self._pipe.call("Runtime.evaluate", options)
        self._note_events()
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            raise BrowserFailed(f"a script failed in {self.page.url}: {details.get('exception', details)}")
        return answer["result"].get("value")

    def png(self, full_page: bool = False) -> bytes:
        """The page as a reader sees it: the first screen, or the whole page."""
        options = {"format": "png"}
        if full_page:
            size = self.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            options.update(
                captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}
            )
        return base64.b64decode(self._pipe.call("Page.captureScreenshot", options)["data"])

    def pdf(self, title: str) -> bytes:
        """The page printed on A4, its title at the top of every page and its page number at the foot."""
        small = 'style="font-size:8px;width:100%;margin:0 12mm;font-family:sans-serif"'
        options = {
            "paperWidth": 8.27,
            "paperHeight": 11.69,
            "marginTop": 0.6,
            "marginBottom": 0.6,
            "marginLeft": 0.4,
            "marginRight": 0.4,
            "printBackground": True,
            "displayHeaderFooter": True,
            "headerTemplate": f"<div {small}>{_escape(title)}</div>",
            "footerTemplate": f"<div {small}>Page {PAGE_NUMBER} of {PAGE_COUNT}</div>",
        }
        pdf = base64.b64decode(self._pipe.call("Page.printToPDF", options)["data"])
        self._note_events()
        return pdf

    def _note_events(self) -> None:
        """Keep what the page asked for and what went wrong in it; other events are not needed."""
        for message in self._pipe.events:
            method, params = message.get("method"), message.get("params", {})
            if method == "Network.requestWillBeSent":
                self.page.requests.append(params["request"]["url"])
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                self.page.errors.append(str(details.get("exception", {}).get("description") or details.get("text")))
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                self.page.errors.append(" ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                self.page.errors.append(params["entry"].get("text", ""))
        self._pipe.events = [m for m in self._pipe.events if m.get("method") == "Page.loadEventFired"]


def _far_from_low_fds(fd: int) -> int:
    import fcntl

    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 100)
    os.close(fd)
    return moved


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)
