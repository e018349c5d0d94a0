"""What the analysis of one monitoring visit shows."""

from croydon_kpi.analysis import visits
from croydon_kpi.reports.visit_report import VisitReport, prepare


def test_visit_7_is_about_the_registry_area_and_says_what_is_unknown(store):
    report = VisitReport(store, visits.visit(7, store))
    assert report.visit.area == "Croydon"
    facts = {fact: (said, who) for fact, said, who in report.facts_table().values.tolist()}
    assert facts["Dates"] == ("16 to 17 October 2019", "as the council papers bundled with this project say")
    assert facts["Ofsted's letter published"] == (
        "18 December 2019",
        "as Your Local Guardian (the local press) reports",
    )
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


def test_a_visit_known_from_web_pages_gives_its_dates_first_saying_who_reports_them(store):
    """No Ofsted letter is bundled: visit 5's dates and findings are shown as the safeguarding
    board's notice and the local press report them, the partner body first, never as Ofsted's words."""
    summary = prepare(5, store).summary()
    first = summary.splitlines()[0]
    assert first == (
        "- **When:** 19 to 20 February 2019, as the Croydon Safeguarding Children Board's notice of March 2019 "
        "(a partner body) and Your Local Guardian (the local press) report."
    )
    assert "their words, not Ofsted's" in summary and "Improving at an accelerated pace" in summary
    party = prepare(2, store).summary()
    assert party.index("Inside Croydon, 9 May 2018 (the local press)") < party.index("Croydon Conservatives")


def test_a_web_source_without_a_known_kind_is_refused_naming_it(warm_project_copy):
    import pytest

    from croydon_kpi.errors import InputError

    path = warm_project_copy / "data" / "inspections.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: press}", "kind: blog}", 1), encoding="utf-8")
    with pytest.raises(InputError, match=r"monitoring visit 2, source 1: kind 'blog' is not one of source_kinds"):
        visits.load_registry()


def test_visit_7_shows_a_stated_change_as_a_change_never_a_level_and_names_a_focus_without_measures(store):
    report = prepare(7, store)
    focus = report.focus_figures()
    changes = focus[focus["Change stated"] != ""]
    assert len(changes) and (changes["Level"] == "").all()
    assert changes["Change stated"].str.match(r"^(up|down) ").all()
    plans = focus[focus["Measure"] == "Children subject to a child protection plan"]
    assert "587" in set(plans["Level"]) and "587" not in set(plans["Change stated"])
    one_per_period = focus.groupby(["Measure", "Period", "Level", "Change stated"]).size()
    assert (one_per_period == 1).all()  # one figure a measure and period; other sources named beside it
    assert "Local monthly scorecard" in set(focus["Also given by"])
    gaps = report.focus_gaps()
    assert gaps.to_dict("records") == [
        {"Focus area": "adoption", "Why no figure is shown": "no measure of it is in the catalogue"}
    ]
    assert all("authorities with a figure" in r or r == "not ranked" for r in report.benchmarks()["Rank (1 = best)"])
