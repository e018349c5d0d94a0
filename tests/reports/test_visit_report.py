"""What the analysis of one monitoring visit shows."""

from croydon_kpi.analysis import visits
from croydon_kpi.reports.visit_report import VisitReport, prepare


def test_visit_7_is_about_the_registry_area_and_says_what_is_unknown(store):
    report = VisitReport(store, visits.visit(7, store))
    assert report.visit.area == "Croydon"
    facts = dict(report.facts_table().values.tolist())
    assert facts["Dates"] == "16 to 17 October 2019" and facts["Ofsted's letter published"] == "not in a bundled source"
    focus = report.focus_figures()
    assert len(focus) and set(focus["Before or after the visit"]) <= {"before", "during", "after"}


def test_every_section_looks_the_same_window_either_side_of_the_visit(store):
    from datetime import timedelta

    report = prepare(7, store)
    start, end = report._span()
    assert report.window == timedelta(days=183) and report.window_words == "six months"
    papers = store.figures[store.figures["source_id"].isin(report._papers)]
    near = papers[
        (papers["area_name"] == report.visit.area)
        & (papers["available_from"] >= start - report.window)
        & (papers["available_from"] <= end + report.window)
        & (papers["measure"] != "unmapped")
    ]
    assert len(report.papers_near()) == len(
        near[["source_id", "locator", "as_written", "measure", "quote"]].drop_duplicates()
    )
