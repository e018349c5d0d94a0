"""What the analysis of one monitoring visit shows."""

from croydon_kpi.analysis import visits
from croydon_kpi.reports.visit_report import VisitReport


def test_visit_7_is_about_the_registry_area_and_says_what_is_unknown(store):
    report = VisitReport(store, visits.visit(7, store))
    assert report.visit.area == "Croydon"
    facts = dict(report.facts_table().values.tolist())
    assert facts["Dates"] == "16 to 17 October 2019" and facts["Ofsted's letter published"] == "not in a bundled source"
    focus = report.focus_figures()
    assert len(focus) and set(focus["Before or after the visit"]) <= {"before", "during", "after"}
