"""The output folder's index: every report its runs' manifests name, the newest entry of each."""

import json

from croydon_kpi.publish import index
from croydon_kpi.reports.registry import Job


def _entry(name, title, area="Croydon", period="October 2019"):
    return {"report": name, "parameters": {}, "title": title, "area": area, "period": period, "about": "what it is"}


def _manifest(folder, file_name, built_at, *entries, publish=True):
    manifest = {"command": "x", "built_at": built_at, "reports": list(entries)}
    (folder / file_name).write_text(json.dumps(manifest))
    for entry in entries if publish else []:
        (folder / entry["report"]).write_text("<html></html>")
    return manifest


def test_every_report_of_every_run_is_listed_once_by_its_newest_manifest(tmp_path):
    _manifest(tmp_path, "manifest.json", "2026-11-02T06:00:00+00:00", _entry("a.html", "A, old"), _entry("b.html", "B"))
    _manifest(tmp_path, "manifest_a.json", "2026-12-02T06:00:00+00:00", _entry("a.html", "A, new"))
    _manifest(tmp_path, "manifest_gone.json", "2026-12-01T06:00:00+00:00", _entry("gone.html", "Gone"), publish=False)
    found = index.published(tmp_path)
    assert [(e["report"], e["title"], e["built_at"][:10]) for e in found] == [
        ("a.html", "A, new", "2026-12-02"),
        ("b.html", "B", "2026-11-02"),
    ]  # gone.html's file was deleted: not listed


def test_this_runs_reports_are_listed_before_they_are_published(tmp_path):
    _manifest(tmp_path, "manifest.json", "2026-11-02T06:00:00+00:00", _entry("b.html", "B"))
    new = {"built_at": "2026-12-02T06:00:00+00:00", "reports": [_entry("monitoring_visit_10.html", "Ten")]}
    new["reports"].append(_entry("monitoring_visit_2.html", "Two"))
    names = [e["report"] for e in index.published(tmp_path, new)]
    assert names == ["b.html", "monitoring_visit_2.html", "monitoring_visit_10.html"]


def test_a_broken_or_old_manifest_does_not_stop_the_index(tmp_path):
    (tmp_path / "manifest_cut.json").write_text('{"reports": [')
    old = {"built_at": "2026-01-01T00:00:00+00:00", "reports": [{"report": "old.html", "parameters": {}}]}
    (tmp_path / "manifest.json").write_text(json.dumps(old))
    (tmp_path / "old.html").write_text("")
    found = index.published(tmp_path)
    assert [e["report"] for e in found] == ["old.html"]
    assert '<a href="old.html">old.html</a>' in index.index_page(found, "key")  # no title recorded: its file name


def test_the_page_and_the_listing_give_title_area_period_and_what_it_is(tmp_path):
    entry = {**_entry("p.html", "Croydon: pack <October>"), "built_at": "2026-12-02T06:00:00+00:00"}
    page = index.index_page([entry], "abc")
    assert "Croydon: pack &lt;October&gt;" in page and "<td>October 2019</td>" in page and "what it is" in page
    assert index.listing([entry]) == [f"{'p.html':42} Croydon: pack <October> | Croydon | October 2019 | what it is"]


def test_a_manifest_entry_holds_what_the_index_needs():
    job = Job("n.ipynb", "p", {"month": "2019-10"}, "T", area="Croydon", period="October 2019", about="what")
    assert index.manifest_entry(job) == {
        "notebook": "n.ipynb",
        "report": "p.html",
        "parameters": {"month": "2019-10"},
        "title": "T",
        "area": "Croydon",
        "period": "October 2019",
        "about": "what",
    }


def test_the_landing_page_groups_reports_under_their_headings_with_the_build_date_and_pdfs(tmp_path):
    pack = {**_entry("pack.html", "Pack"), "notebook": "monthly_pack.ipynb", "built_at": "2026-12-02T06:00:00+00:00"}
    visit = {**_entry("visit_7.html", "Visit 7"), "notebook": "monitoring_visit.ipynb", "built_at": "2026-12-01"}
    money = {**_entry("money.html", "Money"), "notebook": "finance.ipynb", "built_at": "2026-11-30"}
    (tmp_path / "pack.pdf").write_bytes(b"%PDF")
    page = index.index_page([visit, money, pack], "key", folders=(tmp_path,))
    headings = [
        h for h in ("Monthly performance packs", "Ofsted monitoring visits", "Money", "Benchmarks") if h in page
    ]
    assert headings == ["Monthly performance packs", "Ofsted monitoring visits", "Money"]  # the registry's order
    assert page.index("<h2>Monthly performance packs") < page.index("Pack</a>") < page.index("<h2>Ofsted")
    assert "Last built on 2026-12-02." in page and "3 report(s) in this folder" in page
    assert '<a href="pack.pdf">PDF</a>' in page and 'href="visit_7.pdf"' not in page
    assert "<main>" in page and '<html lang="en">' in page
