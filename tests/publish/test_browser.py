"""Every built report in one headless Chromium, offline (publish/browser.py): every chart draws,
nothing is requested but the file itself, no script fails, the first screen (1400 x 900) shows
the summary under the title, and axe-core finds no serious or critical WCAG 2.2 AA violation.
A screenshot of each is written under reports/screenshots/ for a person to look at."""

import re
import shutil
from pathlib import Path

import pytest

from croydon_kpi.errors import BrowserFailed
from croydon_kpi.publish.browser import Browser, find_browser

needs_browser = pytest.mark.skipif(
    find_browser() is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)"
)

# Where the summary (what follows the title) sits, and how much it says; how many charts drew.
PROBE = """(() => {
  const heading = document.querySelector("h1");
  let summary = null;
  if (heading) {
    const block = heading.closest(".jp-Cell") || heading.parentElement;
    let next = block.nextElementSibling;
    while (next && !next.innerText.trim()) next = next.nextElementSibling;
    summary = heading.parentElement.querySelector("ul, p") || next;
  }
  const box = summary ? summary.getBoundingClientRect() : null;
  const charts = [...document.querySelectorAll("div.plotly-graph-div")];
  return {
    title: heading ? heading.innerText : null,
    top: box ? Math.round(box.top) : null,
    chars: summary ? summary.innerText.trim().length : 0,
    charts: charts.map(c => c.id),
    undrawn: charts.filter(c => !c.querySelector(".main-svg")).map(c => c.id),
  };
})()"""


AXE = Path(__file__).parents[1] / "assets" / "axe-core" / "axe.min.js"  # 4.14.1, see its README
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]})
  .then(found => found.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    where: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
  })))"""


@pytest.fixture(scope="module")
def rendered(built):
    """Each built page opened once: what the probe found, the first screen, what the page did,
    and what axe-core found."""
    pages = sorted(built.reports.glob("*.html"))
    axe, seen = AXE.read_text(encoding="utf-8"), {}
    with Browser(1400, 900) as browser:
        for page in pages:
            opened = browser.open(page)
            probe, png = browser.evaluate(PROBE), browser.png()
            browser.evaluate(axe)
            violations = browser.evaluate(AXE_RUN % WCAG_22_AA)
            seen[page.name] = (probe, png, opened, violations)
    return seen


@needs_browser
def test_every_report_renders_offline_with_every_chart(rendered):
    assert set(rendered) >= {
        "index.html",
        "monthly_pack_2019-10_croydon.html",
        "finance_croydon.html",
        "benchmarks_croydon_2019.html",
        *(f"monitoring_visit_{n}.html" for n in range(1, 8)),
    }
    charts_seen = 0
    for name, (probe, _, page, _) in rendered.items():
        assert probe["undrawn"] == [], f"{name}: charts that did not draw: {probe['undrawn']}"
        assert page.errors == [], f"{name}: {page.errors}"
        assert page.requests_not_files() == [], f"{name} asked for {page.requests_not_files()}"
        charts_seen += len(probe["charts"])
    assert charts_seen >= 7  # six domain charts in the pack, the S251 chart in finance


@needs_browser
def test_each_reports_first_screen_shows_its_summary(rendered, built):
    from croydon_kpi.core import project

    shots = project.reports_dir() / "screenshots"  # for a person to look at, beside the project's reports
    shots.mkdir(parents=True, exist_ok=True)
    reports = {name: seen for name, seen in rendered.items() if name != "index.html"}
    assert len(reports) >= 13
    for name, (probe, png, _, _) in reports.items():
        assert png.startswith(b"\x89PNG") and len(png) > 10_000, name
        (shots / name.replace(".html", ".png")).write_bytes(png)
        assert probe["title"], f"{name}: no title"
        assert probe["top"] is not None and 0 <= probe["top"] < 600 and probe["chars"] >= 60, (name, probe)


@needs_browser
def test_every_report_passes_wcag_22_aa_with_no_serious_or_critical_violation(rendered):
    found = {
        name: [v for v in violations if v["impact"] in ("serious", "critical")]
        for name, (_, _, _, violations) in rendered.items()
    }
    assert {name: v for name, v in found.items() if v} == {}


@needs_browser
def test_a_request_to_the_internet_and_a_failing_script_are_seen(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><h1>Title</h1>'
        '<img src="https://example.org/logo.png" alt="logo">'
        "<script>throw new Error('deliberate');</script></body></html>",
        encoding="utf-8",
    )
    with Browser() as browser:
        seen = browser.open(page)
        assert browser.evaluate("document.title") == "t"
        pdf = browser.pdf("A title")
    assert seen.requests_not_files() == ["https://example.org/logo.png"]
    assert any("deliberate" in error for error in seen.errors)
    assert pdf.startswith(b"%PDF") and re.search(rb"/Type\s*/Page\b", pdf)


def test_no_browser_is_told_plainly(monkeypatch):
    monkeypatch.setenv("CROYDON_KPI_BROWSER", "/nowhere/chromium")
    assert find_browser() is None
    with pytest.raises(BrowserFailed, match="no Chromium or Chrome found"):
        Browser().__enter__()
    monkeypatch.setenv("CROYDON_KPI_BROWSER", shutil.which("sh"))
    assert find_browser() == shutil.which("sh")
