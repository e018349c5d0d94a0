"""What a run says on stderr while it builds. On a terminal, a progress bar; when stderr is a log
file or a pipe (a scheduled job), one timestamped line as each report starts and as it ends, so a
log read the next morning says what ran, when, and for how long.

Lanes build reports in threads of their own (kernels.Lanes.map): every line is written under one
lock, whole, so two lanes never interleave their words.
"""

from __future__ import annotations

import sys
import threading
import time
from datetime import datetime, timezone


def timestamp(now: datetime | None = None) -> str:
    """UTC to the second, as a log line starts: 2026-12-04T01:02:03Z."""
    return (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")


class Progress:
    """Told as each report starts and ends (from any lane's thread); says so as the stream allows."""

    def __init__(self, total: int, stream=None):
        self._stream = stream or sys.stderr
        self._lock = threading.Lock()
        self._started: dict[str, float] = {}
        self._bar = self._open_bar(total)

    def _open_bar(self, total: int):
        if not self._stream.isatty():
            return None
        if total < 2:
            return None  # one report on a terminal: the command's own lines say enough
        from tqdm import tqdm

        return tqdm(total=total, desc="reports", unit="report", file=self._stream)

    def started(self, name: str) -> None:
        with self._lock:
            self._started[name] = time.monotonic()
            self._line(f"started {name}")

    def finished(self, name: str) -> None:
        self._ended(name, "finished")

    def failed(self, name: str) -> None:
        self._ended(name, "failed")

    def _ended(self, name: str, how: str) -> None:
        with self._lock:
            seconds = time.monotonic() - self._started.pop(name, time.monotonic())
            self._line(f"{how} {name} ({seconds:.1f} s)")
            if self._bar is not None:
                self._bar.update()

    def _line(self, words: str) -> None:
        if self._bar is None and not self._stream.isatty():
            print(f"{timestamp()} {words}", file=self._stream, flush=True)

    def close(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.close()
