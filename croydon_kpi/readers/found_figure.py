"""A figure found in a sentence as the extractor works on it (its span, unit, value, kind,
bound, measure, area, period, flags and notes), before it becomes a row of the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from croydon_kpi.readers.number_spans import Span

# A paper's figures are about the paper's area (the paper catalogue says which); with none given
# the area stays unknown rather than guessed.
NO_AREA = {"area_code": None, "old_la_code": None, "area_name": None, "area_level": None}
ENGLAND = {"area_code": "E92000001", "old_la_code": None, "area_name": "England", "area_level": "national"}


@dataclass
class Found:
    """A figure found in a sentence, before it becomes a row."""

    span: Span
    unit: str
    value: float | None
    kind: str = "level"
    bound: str = "exact"
    measure: str = "unmapped"
    label: str = ""
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    area: dict = field(default_factory=lambda: dict(NO_AREA))
    period: tuple[date, date, str] | None = None
