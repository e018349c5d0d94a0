"""The inspection journey: inspections and monitoring visits (data/inspections.yaml), and for each
visit the measures of its focus areas and the figures around it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.core import project
from croydon_kpi.core.files import csv_frame, entry_where, read_text, read_yaml, yaml_entry_lines
from croydon_kpi.errors import InputError, ParameterError


@dataclass
class Visit:
    number: int
    facts: dict
    unknown: list[str]  # the facts no source gives, each with its note
    measures: list[str]  # catalogue measures of the focus domains
    figures: pd.DataFrame  # the store's figures for those measures around the visit

    area: str = ""  # the authority visited (data/inspections.yaml `area:`)

    @property
    def dates_label(self) -> str:
        return when_label(self.facts)

    def shown(self, fact: str) -> bool:
        """Whether a fact has a bundled source (a web_only fact is shown as its pages report it)."""
        return fact not in (self.facts.get("web_only") or [])

    @property
    def web_sources(self) -> list[dict]:
        """The web pages among the visit's sources, strongest kind first (source_kinds' order)."""
        pages = [s for s in self.facts.get("sources") or [] if not is_bundled(s)]
        order = list(source_kinds())
        return sorted(pages, key=lambda s: order.index(s["kind"]) if isinstance(s, dict) else len(order))

    @property
    def bundled_sources(self) -> list[str]:
        return [s for s in self.facts.get("sources") or [] if is_bundled(s)]

    def reported_by(self, fact: str) -> str:
        """Who a fact is as: "as Your Local Guardian (the local press) reports", naming every web
        page that gives a web_only fact (weakest kinds last), or the bundled council papers."""
        if self.shown(fact):
            return "as the council papers bundled with this project say" if self.bundled_sources else ""
        named = [source_words(s) for s in self.web_sources]
        if not named:
            return ""
        listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
        return f"as {listed} report{'s' if len(named) == 1 else ''}"


NOT_BUNDLED = "not in a bundled source"


def is_bundled(source) -> bool:
    """A source naming a file that is in the project (data/...), not only a web page."""
    text = source.get("address", "") if isinstance(source, dict) else str(source)
    return any(project.data_file(path).is_file() for path in re.findall(r"data/[\w./-]+\.\w+", text))


def source_kinds() -> dict:
    """data/inspections.yaml `source_kinds`: kind -> what a report calls it, strongest first."""
    return load_registry().get("source_kinds") or {}


def source_words(source) -> str:
    """A web source as a reader is told of it: "Your Local Guardian (the local press)"."""
    if not isinstance(source, dict):
        return str(source)
    return f"{source['who']} ({source_kinds().get(source['kind'], source['kind'])})"


def _month_span(start: date, end: date) -> str:
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%B %Y}"
    return f"between {start:%B %Y} and {end:%B %Y}"


def when_label(facts: dict) -> str:
    """A visit's dates to the precision its bundled sources give: days where they give days, the
    months of its window otherwise, never a day no source gives. Who gives them is said beside
    them where they are shown (Visit.reported_by)."""
    start, end = facts.get("start"), facts.get("end")
    if start and end:
        if start == end:
            return f"{start.day} {start:%B %Y}"
        same_month = (start.year, start.month) == (end.year, end.month)
        return (
            f"{start.day} to {end.day} {end:%B %Y}"
            if same_month
            else f"{start.day} {start:%B} to {end.day} {end:%B %Y}"
        )
    window = facts.get("window")
    if window:
        return f"{_month_span(window['from'], window['to'])} (days not known)"
    return "dates not known"


def load_registry() -> dict:
    """data/inspections.yaml: the authority (`area:`), its inspections and its monitoring visits,
    numbered 1, 2, 3 ... in order."""
    path = project.data_dir() / "inspections.yaml"
    registry = read_yaml(path) or {}
    if not isinstance(registry, dict):
        raise InputError(path, "line 1", "expected a mapping with area, inspections and monitoring_visits")
    if not isinstance(registry.get("area"), str) or not registry["area"].strip():
        raise InputError(path, "area", "expected the name of the authority inspected")
    visits = registry.get("monitoring_visits") or []
    for index, item in enumerate([*visits, *(registry.get("inspections") or [])]):
        if not isinstance(item, dict):
            raise InputError(
                path,
                f"entry {index + 1} of monitoring_visits or inspections",
                f"{str(item)[:40]!r} is not a mapping; expected number, start, end and sources",
            )
    for item in registry.get("inspections") or []:
        if not all(hasattr(item.get(key), "year") for key in ("start", "end")):
            raise InputError(path, f"inspection {item.get('id')!r}", "start and end must be dates (YYYY-MM-DD)")
    _check_dates(path, registry)
    _check_sources(path, registry)
    numbers = [visit.get("number") for visit in visits]
    if numbers != list(range(1, len(numbers) + 1)):
        raise InputError(path, "monitoring_visits", f"expected visits numbered 1, 2, 3 ... in order, found {numbers}")
    return registry


def _check_sources(path, registry: dict) -> None:
    """Every visit's source is a bundled file's description (text) or a web page with its
    address, who published it and a kind source_kinds names: a reader is told who says what."""
    kinds = registry.get("source_kinds") or {}
    for visit in registry.get("monitoring_visits") or []:
        for index, source in enumerate(visit.get("sources") or []):
            if isinstance(source, str):
                continue
            where = f"monitoring visit {visit.get('number')}, source {index + 1}"
            if not isinstance(source, dict) or not all(isinstance(source.get(k), str) for k in ("address", "who")):
                raise InputError(path, where, "expected the text of a bundled source, or address, who and kind")
            if source.get("kind") not in kinds:
                raise InputError(
                    path, where, f"kind {source.get('kind')!r} is not one of source_kinds ({', '.join(kinds)})"
                )


def _check_dates(path, registry: dict) -> None:
    """Every inspection's and visit's dates as dates can be: start at or before end, none in the
    future, and every visit after the first inspection began (monitoring follows an inspection)."""
    inspections = registry.get("inspections") or []
    visits = registry.get("monitoring_visits") or []
    lines = {
        "inspections": yaml_entry_lines(path, "inspections"),
        "monitoring_visits": yaml_entry_lines(path, "monitoring_visits"),
    }
    for index, item in enumerate(inspections):
        _check_span(path, entry_where(lines["inspections"], "inspections", index), item)
    first = min((_day(item["start"]) for item in inspections), default=None)
    for index, visit in enumerate(visits):
        where = entry_where(lines["monitoring_visits"], "monitoring_visits", index)
        _check_published(path, where, visit)
        for start, end in _spans_of(path, where, visit):
            _check_order(path, where, start, end)
            if first is not None and _day(start) < first:
                raise InputError(
                    path,
                    where,
                    f"visit {visit.get('number')} starts {start:%d %B %Y}, before the first inspection began "
                    f"({first:%d %B %Y}); expected visits within the inspection history",
                )


def _spans_of(path, where: str, visit: dict) -> list[tuple[date, date]]:
    """A visit's known dates: its days (start, end) and its window (from, to), where given."""
    window = visit.get("window") or {}
    if not isinstance(window, dict):
        raise InputError(path, where, "window must be a mapping {from: YYYY-MM-DD, to: YYYY-MM-DD}, or null")
    spans = []
    for low, high, holder in (("start", "end", visit), ("from", "to", window)):
        given = [holder.get(low), holder.get(high)]
        if all(value is None for value in given):
            continue
        if not all(isinstance(value, date) for value in given):
            raise InputError(path, where, f"{low} and {high} must both be dates (YYYY-MM-DD), or both null")
        spans.append((given[0], given[1]))
    return spans


def _day(value: date) -> date:
    """A date, or a timestamp's day (YAML reads `2019-10-16 09:00` as a datetime)."""
    return value.date() if isinstance(value, datetime) else value


def _check_span(path, where: str, item: dict) -> None:
    _check_order(path, where, item["start"], item["end"])
    _check_published(path, where, item)


def _check_published(path, where: str, item: dict) -> None:
    """A report or letter published in the future is a typing error (2091 for 2019), never a fact."""
    for key in ("published", "letter_published"):
        value = item.get(key)
        if isinstance(value, date) and _day(value) > date.today():
            raise InputError(path, where, f"{key} {value} is in the future; expected the day it was published")


def _check_order(path, where: str, start: date, end: date) -> None:
    start, end = _day(start), _day(end)
    if start > end:
        raise InputError(path, where, f"starts {start:%d %B %Y}, after it ends ({end:%d %B %Y}); expected start <= end")
    if end > date.today():
        raise InputError(path, where, f"ends {end:%d %B %Y}, in the future; expected only inspections that took place")


def visit_numbers() -> range:
    """The monitoring visits the registry holds: 1 to the last."""
    return range(1, len(load_registry().get("monitoring_visits") or []) + 1)


def dates_of(number: int) -> str:
    """A monitoring visit's dates in words (when_label), read from the registry alone: no store."""
    return when_label(next(v for v in load_registry()["monitoring_visits"] if v["number"] == number))


def inspected_area() -> str:
    """The authority whose inspections and visits the registry holds."""
    return load_registry()["area"]


def _unknown(facts: dict) -> list[str]:
    unknown = []
    for fact, note_key in (("start", "dates_note"), ("focus", "focus_note"), ("letter_published", "letter_note")):
        if facts.get(fact) is None:
            unknown.append(f"{fact.replace('_', ' ')}: {facts.get(note_key) or 'no source gives it'}")
    return unknown


def visit_span(facts: dict) -> tuple[date, date]:
    """The first and last day a visit can have been on: its own days where a source gives them,
    else the window a source allows (a visit known only as "March 2018": 1 to 31 March). `facts` is the visit's
    entry in data/inspections.yaml (with `start` and `end`, or `window: {from, to}`)."""
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
    start, end = visit_span(facts)
    window = timedelta(days=report_settings().visit_window_days)
    figures = store.figures
    near = figures[
        figures["measure"].isin(measures)
        & (figures["area_name"] == registry["area"])
        & (figures["period_end"] >= pd.Timestamp(start - window))
        & (figures["period_start"] <= pd.Timestamp(end + window))
    ]
    return Visit(
        number,
        facts,
        _unknown(facts),
        measures,
        near.sort_values(["measure", "period_end"]).reset_index(drop=True),
        registry["area"],
    )


def inspections() -> list[dict]:
    return load_registry()["inspections"]


def journey(area: str, up_to: date | None = None) -> pd.DataFrame:
    """An authority's inspections and monitoring visits in date order, up to a date: from the
    inspections registry where it is about this authority, else Ofsted's ILACS history (every
    authority's standard inspections since 2018). `when` is to the precision the sources give;
    `date` (the latest day the event could have been) orders the rows and is not for showing."""
    registry = load_registry()
    if registry["area"] != area:
        table = _ilacs_history(area)
    else:
        rows = [
            {
                "date": i["start"],
                "when": when_label(i),
                "event": i["kind"],
                "outcome": f"Overall: {i['judgements']['overall']}",
            }
            for i in registry["inspections"]
        ]
        for v in registry["monitoring_visits"]:
            _, end = visit_span(v) if (v.get("start") or v.get("window")) else (None, None)
            told = Visit(v["number"], v, [], [], pd.DataFrame()).reported_by("headline")
            headline = v.get("headline")
            rows.append(
                {
                    "date": end or date.max,
                    "when": when_label(v),
                    "event": f"Ofsted monitoring visit {v['number']}",
                    "outcome": f"{headline} ({told})" if headline and told else (headline or "findings not known"),
                }
            )
        table = pd.DataFrame(rows, columns=["date", "when", "event", "outcome"])
    table = table.sort_values("date", kind="stable").reset_index(drop=True)
    return table[table["date"] <= up_to].reset_index(drop=True) if up_to else table


ILACS_HISTORY_SOURCE = "ofsted_ilacs_history"  # its id in sources.yaml, which says which file it is


def _ilacs_history(area: str) -> pd.DataFrame:
    """Ofsted's standard inspections of one authority, from the bundled ILACS history."""
    path = load_catalogue().source(ILACS_HISTORY_SOURCE).path
    table = csv_frame(path, read_text(path))
    found = table[table["Local authority name"].str.casefold() == area.casefold()]
    rows = [
        {
            "date": pd.Timestamp(row["Inspection date"]).date(),
            "when": f"{pd.Timestamp(row['Inspection date']):%-d %B %Y} (start)",
            "event": row["Inspection type"],
            "outcome": f"Overall: {row['Overall effectiveness'].lower()}",
        }
        for _, row in found.iterrows()
    ]
    return pd.DataFrame(rows, columns=["date", "when", "event", "outcome"])
