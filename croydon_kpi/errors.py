"""Errors about input files: every one names the file, where in it, and what was expected."""
from __future__ import annotations

from pathlib import Path

from . import project


class InputError(ValueError):
    """A source file cannot be read as it should be. str() is one line a scheduled job can log."""

    def __init__(self, path: Path | str, where: str | None, problem: str):
        self.path = project.relative(Path(path))
        self.where = where
        self.problem = problem
        location = f"{self.path}, {where}" if where else self.path
        super().__init__(f"{location}: {problem}")


def read_text(path: Path) -> str:
    """A source file's text, refusing binary data and anything that is not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, None, "file not found") from None
    if not data.strip():
        raise InputError(path, None, "the file is empty")
    if b"\x00" in data[:4096]:
        raise InputError(path, None, "binary data, expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(path, f"line {line}", f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8") from None
