"""Every error a user can cause: one family, each carrying the exit status the command returns
and a one-line message a scheduled job can log. The command catches `CroydonKpiError` alone.

Exit statuses (README, "The command"): 0 success, 1 a notebook failed, 2 bad input or parameters
(or a machine that refuses what the run must write: MachineRefused), 3 published but a pack's
month has no local figures.
Each class also derives from the built-in it replaced (ValueError, KeyError ...), so code that
caught those still works.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK, EXIT_NOTEBOOK_FAILED, EXIT_BAD_INPUT = 0, 1, 2
# Built and published, but a pack's month has no local figures: a scheduler can alert on it.
EXIT_EMPTY_MONTH = 3


class CroydonKpiError(Exception):
    """The base: `exit_status` for the command, `str()` one line naming what was wrong."""

    exit_status = EXIT_BAD_INPUT

    def __str__(self) -> str:
        return " ".join(super().__str__().split())  # one line, whatever the message held

    def __reduce__(self):
        # Raised in a worker process and re-raised in the command: rebuilt with its message and
        # every field it carries (.path, .text, .kind ...), whatever its constructor takes.
        return (_restored, (type(self), self.args, dict(self.__dict__)))


def _restored(kind: type, args: tuple, fields: dict) -> "CroydonKpiError":
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(fields)
    return error


class InputError(CroydonKpiError, ValueError):
    """A source file cannot be read as it should be: names the file, where in it, and what was expected."""

    def __init__(self, path: Path | str, where: str | None, problem: str):
        self.path = _shown(path)
        self.where = where
        self.problem = problem
        location = f"{self.path}, {where}" if where else self.path
        super().__init__(f"{location}: {problem}")


def _shown(path: Path | str) -> str:
    """A path as a user sees it: relative to the project root where it lies inside it. A link in
    a loop cannot be resolved: it is named through its folder, which can."""
    from croydon_kpi.core.project import relative  # core.project raises ProjectNotFound from here

    try:
        return relative(Path(path))
    except (RuntimeError, OSError):  # "Symlink loop from ...": name the link, not where it points
        return f"{relative(Path(path).parent)}/{Path(path).name}"


@dataclass(frozen=True)
class SchemaProblem:
    """One way one figure breaks the store's schema (the shape of a row of pandera's failure cases)."""

    source_id: str  # the source being read
    file: str  # its file, as a user sees it
    locator: str | None  # where in the source the figure was read (None: the whole column)
    column: str
    found: object
    expected: str
    reason: str  # not_in_vocabulary, null_required, out_of_range, column_missing

    def __str__(self) -> str:
        where = f", {self.locator}" if self.locator else ""
        return (
            f"{self.source_id} ({self.file}){where}, column {self.column}: "
            f"found {self.found!r}, expected {self.expected} [{self.reason}]"
        )


class SchemaViolation(InputError):
    """A reader's figures break the store's schema: every problem found, in `.problems`. The shape
    follows pandera's SchemaErrors (one error for all failure cases, each with a reason code)."""

    SHOWN = 10  # problems spelt out in the message; the rest are counted

    def __init__(self, path: Path | str, problems: list[SchemaProblem]):
        self.problems = list(problems)
        shown = "; ".join(map(str, self.problems[: self.SHOWN]))
        more = f"; and {len(self.problems) - self.SHOWN} more" if len(self.problems) > self.SHOWN else ""
        count = len(self.problems)
        super().__init__(path, None, f"{count} problem(s) with the figures read, refused by the store: {shown}{more}")


class ParseError(CroydonKpiError, ValueError):
    """Text is not in any form the parser accepts. `.text` is the offending text."""

    def __init__(self, kind: str, text: object, expected: str):
        self.kind = kind
        self.text = text
        self.expected = expected
        super().__init__(f"cannot read {text!r} as {kind}: expected {expected}")


class CatalogueError(CroydonKpiError, ValueError):
    """The catalogue or a registry is malformed. The message names the file and the entry."""


class UnknownMeasure(CroydonKpiError, KeyError):
    """A measure id that the catalogue does not hold."""

    def __str__(self) -> str:
        return " ".join(str(self.args[0]).split())


class UnknownArea(CroydonKpiError, KeyError):
    """An area that is not a local authority, region or England in the data."""

    def __str__(self) -> str:
        return " ".join(str(self.args[0]).split())


class ParameterError(CroydonKpiError, ValueError):
    """A bad run parameter (month, area, visit number, year ...)."""


class AnalysisError(CroydonKpiError, ValueError):
    """An analysis asked of data that cannot answer it (too few points, a year outside a table ...)."""


class ProjectNotFound(CroydonKpiError, RuntimeError):
    """No project folder: $CROYDON_KPI_ROOT wrong, or the command run outside a checkout."""


class MachineRefused(CroydonKpiError, RuntimeError):
    """The machine refused what the run must do (a folder that cannot be written, a full disk, a
    file-size limit): not the fault of any input, so no input file is named. `.folder` is what was
    refused, `.reason` the operating system's words."""

    def __init__(self, what: str, folder: Path | str, error: OSError):
        self.folder = str(folder)
        self.reason = error.strerror or type(error).__name__
        super().__init__(f"cannot write {what} {self.folder}: {self.reason}; nothing was published")


class RejectedInput(CroydonKpiError, ValueError):
    """Some input rows were rejected; a scheduled run publishes nothing built on them."""


class NotebookFailed(CroydonKpiError, RuntimeError):
    """A notebook raised; `.kept` is where the executed notebook was kept."""

    exit_status = EXIT_NOTEBOOK_FAILED

    def __init__(self, notebook: str, kept: Path, detail: str):
        self.kept = kept
        super().__init__(f"{notebook} failed: {detail} (executed notebook kept at {_shown(kept)})")


class KernelUnavailable(CroydonKpiError, RuntimeError):
    """No kernel can be started on this machine (no loopback network and no Unix sockets)."""

    exit_status = EXIT_NOTEBOOK_FAILED


class UnsafeReport(CroydonKpiError, RuntimeError):
    """A built report would load something from the network; it is not published."""

    exit_status = EXIT_NOTEBOOK_FAILED


class BrowserFailed(CroydonKpiError, RuntimeError):
    """No Chromium or Chrome to print or check reports with, or the one found failed: the
    machine cannot do what the command was asked (exit 2, as MachineRefused)."""
