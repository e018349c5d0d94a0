"""Run parameters, checked before any kernel starts (papermill itself validates nothing)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from croydon_kpi.errors import ParameterError

EARLIEST_YEAR = 2000
SHOWN_CHARACTERS = 60  # a parameter quoted in a message is cut to this: a log line stays a line


def shown(value: object) -> str:
    """A parameter as quoted in a message: repr, cut to a readable length."""
    text = repr(str(value))
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS] + f"...' ({len(str(value)):,} characters)"


def require_value(name: str, value: object) -> None:
    """An empty or blank parameter is an error, never the default (a scheduled job's unset variable)."""
    if value is not None and not str(value).strip():
        raise ParameterError(f"{name} is empty: give a value, or leave the option out to use the default")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def label(self) -> str:
        return f"{calendar.month_name[self.month]} {self.year}"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


LAST = "last"  # --month last: the last complete calendar month, for a job that runs every month


def last_complete_month(today: date) -> Month:
    """The calendar month before today's: the newest one that has ended."""
    return Month(today.year - 1, 12) if today.month == 1 else Month(today.year, today.month - 1)


def parse_month(text: object, today: date | None = None) -> Month:
    """'2019-10' -> Month(2019, 10); 'last' -> the last complete month. A month that is malformed,
    before 2000, in the future or not finished yet is an error: a pack of a month still running
    would be published with half its figures and never rebuilt."""
    today = today or date.today()
    require_value("month", text)
    if str(text).strip().lower() == LAST:
        return last_complete_month(today)
    match = re.fullmatch(r"(\d{4})-(\d{2})", str(text).strip())
    if not match:
        raise ParameterError(f"month {shown(text)} is not in the form YYYY-MM (for example 2019-10) or {LAST}")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ParameterError(f"month {text!r}: {month} is not a month number 01-12")
    if year < EARLIEST_YEAR:
        raise ParameterError(f"month {text!r} is before {EARLIEST_YEAR}; no source covers it")
    found = Month(year, month)
    if found.start > today:
        raise ParameterError(f"month {text!r} is in the future")
    if found.end >= today:
        raise ParameterError(
            f"month {found} is not finished yet: the last complete month is {last_complete_month(today)}; "
            f"pass --month {LAST}"
        )
    return found


def resolved(name: str, value: object, today: date | None = None) -> object:
    """A parameter's checks that need no data, told before anything loads: never empty, and a
    month in the form YYYY-MM (or last), from 2000, finished. The value as the run uses it: a
    month as YYYY-MM ('last' resolved against today), anything else as given. None means "the
    default"."""
    require_value(name, value)
    if name == "month" and value is not None:
        return str(parse_month(value, today))
    return value


def check_value(name: str, value: object) -> None:
    """resolved()'s checks, for a caller that needs only the verdict."""
    resolved(name, value)
