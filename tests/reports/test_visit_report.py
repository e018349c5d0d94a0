"""What the analysis of one monitoring visit shows."""
from croydon_kpi.analysis import visits
from croydon_kpi.reports.visit_report import VisitReport


def test_visit_7_is_about_the_registry_area_and_says_what_is_unknown(store):
    report = VisitReport(store, visits.visit(7, store))
    assert report.visit.area == "Croydon"
    facts = dict(report.facts_table().values.tolist())
    assert "16" in facts["Dates"] and "October 2019" in facts["Dates"]
    focus = report.focus_figures()
    assert len(focus) and set(focus["When"]) <= {"before", "during", "after"}
