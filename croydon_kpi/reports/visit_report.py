"""What the analysis of one Ofsted monitoring visit shows (the notebook only displays it).

Every fact shown says who gives it: the bundled council papers, or the web pages that report it
(who published each, and what kind of source it is), weakest kinds last; none is shown as
Ofsted's own words, as no Ofsted letter is bundled. Changes between visits are worked out only between
figures of one kind that no other source contradicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

import pandas as pd

from croydon_kpi.analysis import visits
from croydon_kpi.analysis.benchmarks import benchmark, comparator_areas
from croydon_kpi.analysis.visits import inspected_area, visit_numbers
from croydon_kpi.catalogue.neighbours import model_for
from croydon_kpi.catalogue.papers import paper_catalogue
from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.core.params import shown
from croydon_kpi.errors import ParameterError
from croydon_kpi.reports.formatting import COMPARABLE_UNITS, change_text, figure_text, source_label
from croydon_kpi.reports.registry import Plan
from croydon_kpi.store.figure_store import FigureStore, load_store

KIND_WORDS = {
    "reported": "local, as reported",
    "published_statistic": "published statistic",
    "computed": "local, computed",
    "derived": "derived",
}


@dataclass
class VisitReport:
    store: FigureStore
    visit: visits.Visit

    @property
    def title(self) -> str:
        return visit_title(self.visit.area, self.visit.number)

    @property
    def window(self) -> timedelta:
        """What "around the visit" means, for every section (the report settings' one window)."""
        return timedelta(days=report_settings().visit_window_days)

    @property
    def window_words(self) -> str:
        return report_settings().visit_window_words

    @cached_property
    def _papers(self) -> dict:
        return paper_catalogue()

    # --- the message first ----------------------------------------------------------------------

    def summary(self) -> str:
        facts, said = self.visit.facts, []

        def told(fact: str) -> str:  # who gives a fact, said again only where it is someone else
            by = self.visit.reported_by(fact)
            repeated = bool(said) and said[-1] == by
            said.append(by)
            return "" if repeated else by

        lines = [_told(f"**When:** {self.visit.dates_label}", told("dates"))]
        if facts.get("focus"):
            lines.append(_told(f"**Focus:** {facts['focus']}", told("focus")))
        else:
            lines.append("**Focus:** no source gives it.")
        if facts.get("headline"):
            lines.append(
                _told(
                    f"**What the sources say Ofsted found (their words, not Ofsted's):** {facts['headline']}",
                    told("headline"),
                )
            )
        else:
            lines.append("**What Ofsted found:** no source gives the findings of this visit.")
        changes = self.since_previous_visit()
        if len(changes):
            conflicted = changes["Change"].str.startswith("not worked out: sources disagree").sum()
            moved = changes[~changes["Change"].str.startswith(("not worked out", "no newer"))]
            how_many = f"{len(moved)} of the {len(changes)}" if len(moved) else f"none of the {len(changes)}"
            lines.append(
                f"**Since visit {self.visit.number - 1}:** {how_many} focus measures with figures "
                f"{'has' if len(moved) == 1 else 'have'} a newer figure of the same kind"
                + (f"; for {conflicted}, sources disagree, so no change is worked out" if conflicted else "")
                + "."
            )
        if not self.visit.bundled_sources:
            lines.append(
                "**Sources:** no Ofsted letter or council paper about this visit is bundled; what is shown is what "
                f"the {len(self.visit.web_sources)} web page(s) under Sources report, and may be checked there."
            )
        return "\n\n".join(f"- {line}" for line in lines)

    # --- the facts ---------------------------------------------------------------------------------

    def facts_table(self) -> pd.DataFrame:
        facts, told = self.visit.facts, self.visit.reported_by
        letter = facts.get("letter_published")
        rows = [
            ("Dates", self.visit.dates_label, told("dates")),
            ("Focus", facts.get("focus") or "not known", told("focus") if facts.get("focus") else ""),
            (
                "What Ofsted found, as the sources paraphrase it",
                facts.get("headline") or "not known",
                told("headline") if facts.get("headline") else "",
            ),
            (
                "Ofsted's letter published",
                f"{letter.day} {letter:%B %Y}" if letter else "not known",
                told("letter_published") if letter else "",
            ),
        ]
        rows += [("Caution", flag, "") for flag in facts.get("flags") or []]
        return pd.DataFrame(rows, columns=["Fact", "What the sources say", "Who says so"])

    def sources_table(self) -> pd.DataFrame:
        rows = [{"Source": source, "Kind": "bundled with this project"} for source in self.visit.bundled_sources]
        rows += [
            {"Source": f"{source['who']}: {source['address']}", "Kind": visits.source_kinds().get(source["kind"], "")}
            if isinstance(source, dict)
            else {"Source": str(source), "Kind": "a web page"}
            for source in self.visit.web_sources
        ]
        return pd.DataFrame(rows, columns=["Source", "Kind"])

    def unknowns(self) -> pd.DataFrame:
        return pd.DataFrame({"Not known": self.visit.unknown})

    def journey(self) -> pd.DataFrame:
        table = visits.journey(self.visit.area)
        marker = f"Ofsted monitoring visit {self.visit.number}"
        return pd.DataFrame(
            {
                "When": table["when"],
                "Event": [e + " (this visit)" if e == marker else e for e in table["event"]],
                "Outcome": table["outcome"],
            }
        )

    def _span(self):
        start, end = visits.visit_span(self.visit.facts)
        return pd.Timestamp(start), pd.Timestamp(end)

    # --- figures -------------------------------------------------------------------------------------

    def focus_gaps(self) -> pd.DataFrame:
        """The focus areas with no figure shown, each with why."""
        return _focus_gaps(self)

    def focus_figures(self) -> pd.DataFrame:
        """The focus measures' figures within the visit window either side of it, local and published."""
        return _focus_figures(self)

    @property
    def neighbour_model(self):
        return model_for(self._span()[1])

    def benchmarks(self) -> pd.DataFrame:
        return _benchmarks(self)

    @cached_property
    def _changes(self) -> pd.DataFrame:
        return _since_previous_visit(self)

    def since_previous_visit(self) -> pd.DataFrame:
        """For each focus measure: the latest figure known at the previous visit and at this one, and
        the change where both are of one kind and no other source contradicts either."""
        return self._changes.copy()  # the summary says it in words, the table in full

    def papers_near(self) -> pd.DataFrame:
        return _papers_near(self)


# --- the figures sections (functions of the report, so the class stays its outline) ---------------


FOCUS_COLUMNS = [
    "Measure",
    "Period",
    "Before or after the visit",
    "Level",
    "Change stated",
    "Kind",
    "Source",
    "Also given by",
]


def _focus_figures(report: VisitReport) -> pd.DataFrame:
    """The focus measures' figures within the visit window either side of it, local and published:
    one figure per measure, kind and period (the preferred source, others named beside it), a
    level and a change a paper states ("fallen by over 100") each in its own column."""
    if not report.visit.measures:
        return pd.DataFrame(columns=FOCUS_COLUMNS)
    start, end = report._span()
    rows = []
    for measure_id in report.visit.measures:
        for kind in ("level", "change"):
            series = report.store.series(measure_id, area=report.visit.area, kind=kind)
            near = series[
                (series["period_end"] >= start - report.window)
                & (series["period_end"] <= end + report.window)
                & series["value"].notna()
            ]
            rows += [_focus_row(report, measure_id, kind, figure, start, end) for _, figure in near.iterrows()]
    return pd.DataFrame(rows, columns=FOCUS_COLUMNS)


def _focus_row(report: VisitReport, measure_id: str, kind: str, figure, start, end) -> dict:
    day = figure["period_end"]
    named = figure["other_sources"]
    others = [o for o in named.split(", ") if o] if isinstance(named, str) else []
    label = lambda source_id, locator=None: source_label(report.store.catalogue, source_id, locator, report._papers)
    text = _text(report, measure_id, figure["value"]) if kind == "level" else _change_stated(report, measure_id, figure)
    return {
        "Measure": report.store.catalogue.measure(measure_id).title,
        "Period": figure["period_label"],
        "Before or after the visit": "before" if day < start else ("after" if day > end else "during"),
        "Level": text if kind == "level" else "",
        "Change stated": text if kind == "change" else "",
        "Kind": KIND_WORDS.get(figure["status"], figure["status"]),
        "Source": label(figure["source_id"], figure["locator"]),
        "Also given by": "; ".join(label(o) for o in others),
    }


def _change_stated(report: VisitReport, measure_id: str, figure) -> str:
    """A change as its paper states it: "down 100 (as written: over 100)", never a level."""
    measure = report.store.catalogue.measure(measure_id)
    size = figure_text(abs(figure["value"]), measure.unit, measure.decimals)
    words = f"{'down' if figure['value'] < 0 else 'up'} {size}"
    return f"{words} (as written: {figure['as_written']})" if figure.get("as_written") else words


def _focus_gaps(report: VisitReport) -> pd.DataFrame:
    """Each area of the visit's focus with no figure shown, and why: no measure of it in the
    catalogue, or none of its measures has a figure within the window."""
    shown = set(_focus_figures(report)["Measure"])
    rows = []
    for domain in report.visit.facts.get("focus_domains") or []:
        measures = [m for m in report.store.catalogue.measures.values() if m.domain == domain]
        if not measures:
            rows.append(
                {
                    "Focus area": domain.replace("_", " "),
                    "Why no figure is shown": "no measure of it is in the catalogue",
                }
            )
        elif not shown & {m.title for m in measures}:
            why = f"none of its {len(measures)} measure(s) has a figure within {report.window_words} of the visit"
            rows.append({"Focus area": domain.replace("_", " "), "Why no figure is shown": why})
    return pd.DataFrame(rows, columns=["Focus area", "Why no figure is shown"])


def _benchmarks(report: VisitReport) -> pd.DataFrame:
    """Published focus measures against neighbours (their median), the area's region and England, as
    known at the visit."""
    _, end = report._span()
    known = report.store.known_at(end)
    comparators = comparator_areas(known, report.visit.area, report_settings().comparators)
    rows = []
    for measure_id in report.visit.measures:
        measure = known.catalogue.measure(measure_id)
        if not measure.national_sources or measure.unit not in COMPARABLE_UNITS:
            continue  # a count is not compared with a region's or England's total
        series = known.series(measure_id, area=report.visit.area, status="published_statistic")
        if series.empty:
            continue
        found = benchmark(known, measure_id, series.iloc[-1]["period_end"].year, report.visit.area, as_of=end)
        rows.append(
            {
                "Measure": measure.title,
                "Period": found.period_label,
                report.visit.area: _text(report, measure_id, found.value),
                "Statistical neighbours (median)": _text(
                    report, measure_id, found.comparators.get("Statistical neighbours")
                ),
                **{name: _text(report, measure_id, found.comparators.get(name)) for name in comparators},
                "Rank (1 = best)": f"{found.rank} of {found.ranked} authorities with a figure"
                if found.rank
                else "not ranked",
            }
        )
    return pd.DataFrame(rows)


def _since_previous_visit(report: VisitReport) -> pd.DataFrame:
    if report.visit.number == 1 or not report.visit.measures:
        return pd.DataFrame()
    previous = visits.visit(report.visit.number - 1, report.store)
    _, before_end = visits.visit_span(previous.facts)
    _, now_end = report._span()
    disputed = _disputed(report)
    rows = []
    for measure_id in report.visit.measures:
        then, now = _latest(report, measure_id, before_end), _latest(report, measure_id, now_end)
        if then is None and now is None:
            continue
        rows.append(
            {
                "Measure": report.store.catalogue.measure(measure_id).title,
                f"Known at visit {previous.number}": _figure_words(report, then),
                f"Known at visit {report.visit.number}": _figure_words(report, now),
                "Change": _change_words(report, measure_id, then, now, disputed),
            }
        )
    return pd.DataFrame(rows)


def _change_words(report: VisitReport, measure_id, then, now, disputed: dict) -> str:
    if then is None or now is None or now["period_end"] == then["period_end"]:
        return "no newer figure"
    for figure in (now, then):
        other = disputed.get(_key(figure))
        if other:
            return f"not worked out: sources disagree ({other})"
    if then["status"] != now["status"]:
        return "not worked out: a published statistic and a local figure are of different definitions"
    measure = report.store.catalogue.measure(measure_id)
    return change_text(then["value"], now["value"], measure.unit, measure.decimals)


def _disputed(report: VisitReport) -> dict:
    """(measure, source, period end) -> the disagreement, in words with both figures quoted."""
    found = {}
    conflicts = report.store.conflicts(area_name=report.visit.area)
    for row in conflicts.itertuples():
        label_a = source_label(report.store.catalogue, row.source_id_a, row.locator_a, report._papers)
        label_b = source_label(report.store.catalogue, row.source_id_b, row.locator_b, report._papers)
        a = f"{row.as_written_a or row.value_a:} in {label_a}: \u201c{row.quote_a}\u201d"
        b = f"{row.as_written_b or row.value_b:} in {label_b}: \u201c{row.quote_b}\u201d"
        found[(row.measure, row.source_id_a, row.period_end_a)] = f"{a}; against {b}"
        found[(row.measure, row.source_id_b, row.period_end_b)] = f"{b}; against {a}"
    return found


def _papers_near(report: VisitReport) -> pd.DataFrame:
    """What the area's committee papers said within the visit window either side of it."""
    start, end = report._span()
    window = report.window
    figures = report.store.figures
    papers = figures[
        figures["source_id"].isin(report._papers)
        & (figures["area_name"] == report.visit.area)
        & (figures["available_from"] >= start - window)
        & (figures["available_from"] <= end + window)
    ]
    papers = papers[papers["measure"] != "unmapped"]
    return pd.DataFrame(
        {
            "Paper": [
                source_label(report.store.catalogue, s, loc, report._papers)
                for s, loc in zip(papers["source_id"], papers["locator"])
            ],
            "Figure": papers["as_written"].fillna("(no value)"),
            "Measure": [report.store.catalogue.measure(m).title for m in papers["measure"]],
            "What it says": papers["quote"],
        }
    ).drop_duplicates()


def _latest(report: VisitReport, measure_id, day):
    series = report.store.known_at(day).series(measure_id, area=report.visit.area)
    series = series[series["value"].notna()]
    return series.iloc[-1] if len(series) else None


def _figure_words(report: VisitReport, figure) -> str:
    if figure is None:
        return "no figure"
    label = source_label(report.store.catalogue, figure["source_id"], figure["locator"], report._papers)
    return f"{_text(report, figure['measure'], figure['value'])} ({figure['period_label']}; {label})"


def _text(report: VisitReport, measure_id, value) -> str:
    measure = report.store.catalogue.measure(measure_id)
    return figure_text(value, measure.unit, measure.decimals)


def _told(fact: str, by: str) -> str:
    return f"{fact}, {by}." if by else f"{fact}."


def visit_title(area_name: str, number: int) -> str:
    return f"{area_name}: Ofsted monitoring visit {number}"


def plan(store, visit) -> Plan:
    """The visit's file and title; a visit the inspections registry does not hold is refused."""
    try:
        checked = int(str(visit))
    except ValueError:
        raise ParameterError(f"visit {shown(visit)} is not a number: expected 1 to {visit_numbers()[-1]}") from None
    numbers = visit_numbers()
    if checked not in numbers:
        raise ParameterError(f"visit {checked}: {inspected_area()} had monitoring visits 1 to {numbers[-1]}")
    return Plan(
        f"monitoring_visit_{checked}",
        {"visit": checked},
        visit_title(inspected_area(), checked),
        inspected_area(),
        visits.dates_of(checked),
    )


def every(store, defaults: dict | None = None, area: str | None = None, month: str | None = None) -> list[Plan]:
    """`build` makes every monitoring visit the registry holds, whatever the month (they are the
    inspected area's history); none for a build of another area."""
    if area is not None and store.area(area).name != inspected_area():
        return []
    return [plan(store, number) for number in visit_numbers()]


def _key(figure) -> tuple:
    return (figure["measure"], figure["source_id"], figure["period_end"])


def prepare(visit: int, store: FigureStore | None = None) -> VisitReport:
    store = store or load_store()
    return VisitReport(store, visits.visit(int(visit), store))
