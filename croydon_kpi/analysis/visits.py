"""The inspection journey: inspections and monitoring visits (data/inspections.yaml), and for each
visit the measures of its focus areas and the figures around it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from croydon_kpi.core import project
from croydon_kpi.errors import InputError, ParameterError
from croydon_kpi.core.files import read_yaml

FIGURE_WINDOW_DAYS = 183  # figures within six months either side of a visit


@dataclass
class Visit:
    number: int
    facts: dict
    unknown: list[str]         # the facts no source gives, each with its note
    measures: list[str]        # catalogue measures of the focus domains
    figures: pd.DataFrame      # the store's figures for those measures around the visit

    area: str = ""             # the authority visited (data/inspections.yaml `area:`)

    @property
    def dates_label(self) -> str:
        start, end = self.facts.get("start"), self.facts.get("end")
        if start and end:
            return f"{start:%d %B %Y}" if start == end else f"{start:%d} to {end:%d %B %Y}"
        return f"dates unknown: {self.facts.get('dates_note', 'no source gives them')}"


def load_registry() -> dict:
    """data/inspections.yaml: the authority (`area:`), its inspections and its monitoring visits,
    numbered 1, 2, 3 ... in order."""
    path = project.data_dir() / "inspections.yaml"
    registry = read_yaml(path) or {}
    if not isinstance(registry.get("area"), str) or not registry["area"].strip():
        raise InputError(path, "area", "expected the name of the authority inspected")
    visits = registry.get("monitoring_visits") or []
    numbers = [visit.get("number") for visit in visits]
    if numbers != list(range(1, len(numbers) + 1)):
        raise InputError(path, "monitoring_visits", f"expected visits numbered 1, 2, 3 ... in order, found {numbers}")
    return registry


def visit_numbers() -> range:
    """The monitoring visits the registry holds: 1 to the last."""
    return range(1, len(load_registry().get("monitoring_visits") or []) + 1)


def inspected_area() -> str:
    """The authority whose inspections and visits the registry holds."""
    return load_registry()["area"]


def _unknown(facts: dict) -> list[str]:
    unknown = []
    for fact, note_key in (("start", "dates_note"), ("focus", "focus_note"), ("letter_published", "letter_note")):
        if facts.get(fact) is None:
            unknown.append(f"{fact.replace('_', ' ')}: {facts.get(note_key) or 'no source gives it'}")
    return unknown


def _centre(facts: dict) -> tuple[date, date]:
    """The span the visit lies in: its days, or the window a source allows."""
    if facts.get("start"):
        return facts["start"], facts["end"]
    window = facts.get("window") or {}
    return window["from"], window["to"]


def visit(number: int, store=None) -> Visit:
    registry = load_registry()
    numbers = visit_numbers()
    if number not in numbers:
        raise ParameterError(f"visit {number!r}: {registry['area']} had monitoring visits 1 to {numbers[-1]}")
    facts = next(v for v in registry["monitoring_visits"] if v["number"] == number)
    from croydon_kpi.store.figure_store import load_store

    store = store or load_store()
    domains = set(facts.get("focus_domains") or [])
    measures = sorted(m.id for m in store.catalogue.measures.values() if m.domain in domains)
    start, end = _centre(facts)
    window = timedelta(days=FIGURE_WINDOW_DAYS)
    figures = store.figures
    near = figures[figures["measure"].isin(measures) & (figures["area_name"] == registry["area"])
                   & (figures["period_end"] >= pd.Timestamp(start - window))
                   & (figures["period_start"] <= pd.Timestamp(end + window))]
    return Visit(number, facts, _unknown(facts), measures, near.sort_values(["measure", "period_end"]).reset_index(drop=True),
                 registry["area"])


def inspections() -> list[dict]:
    return load_registry()["inspections"]


def journey(up_to: date | None = None) -> pd.DataFrame:
    """Inspections and visits in date order, up to a date (a visit of unknown date by its window's end)."""
    registry = load_registry()
    rows = [{"date": i["start"], "event": f"{i['kind']} ({i['start']:%d %b %Y} to {i['end']:%d %b %Y})",
             "outcome": f"Overall {i['judgements']['overall']}", "dates_known": True} for i in registry["inspections"]]
    for v in registry["monitoring_visits"]:
        start, end = _centre(v)
        known = v.get("start") is not None
        when = f"{start:%d} to {end:%d %b %Y}" if known else (v.get("dates_note") or "dates unknown")
        rows.append({"date": start if known else end, "event": f"Monitoring visit {v['number']} ({when})",
                     "outcome": v.get("headline") or "unknown", "dates_known": known})
    table = pd.DataFrame(rows).sort_values("date").reset_index(drop=True)
    return table[table["date"] <= up_to] if up_to else table
