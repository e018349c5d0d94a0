"""Each report's first screen (1400 x 900) in headless Chromium: the summary under the title is in
view, and a screenshot of it is written under reports/screenshots/ for a person to look at."""

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1400,900",
    "--allow-file-access-from-files",
    "--virtual-time-budget=15000",
]
# A page that shows a report in a 1400 x 900 frame and writes where the summary (what follows the
# title) sits: in view or not, and how much it says.
PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="r" src="{page}" style="width:1400px;height:900px;border:0"></iframe>
<script>
document.getElementById("r").onload = function () {{
  var doc = this.contentDocument, heading = doc.querySelector("h1"), found = "NO-TITLE";
  if (heading) {{
    var block = heading.closest(".jp-Cell") || heading.parentElement, next = block.nextElementSibling;
    while (next && !next.innerText.trim()) next = next.nextElementSibling;
    var summary = heading.parentElement.querySelector("ul, p") || next;
    var box = summary ? summary.getBoundingClientRect() : null;
    found = box ? "SUMMARY top=" + Math.round(box.top) + " bottom=" + Math.round(box.bottom)
                  + " chars=" + summary.innerText.trim().length
                : "NO-SUMMARY";
  }}
  document.body.setAttribute("data-probe", found);
}};
</script></body></html>"""


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_each_reports_first_screen_shows_its_summary(built, tmp_path):
    import re

    from croydon_kpi.core import project

    shots = built.reports / "screenshots"
    shots.mkdir(exist_ok=True)
    pages = sorted(p for p in built.reports.glob("*.html") if p.name != "index.html")
    assert len(pages) >= 13

    def shoot(numbered):  # two Chromium processes for one page; pages side by side (each mostly waits)
        number, page = numbered
        profile = tmp_path / f"profile-{number}"
        shot = shots / f"{page.stem}.png"
        subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}", page.as_uri()],
            capture_output=True,
            timeout=180,
            check=False,
        )
        probe = tmp_path / f"probe-{number}.html"
        probe.write_text(PROBE.format(page=page.as_uri()), encoding="utf-8")
        dom = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}-probe", "--dump-dom", probe.as_uri()],
            capture_output=True,
            text=True,
            timeout=180,
        ).stdout
        return page, shot, dom

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        shot_pages = list(pool.map(shoot, enumerate(pages)))
    for page, shot, dom in shot_pages:
        assert shot.is_file() and shot.stat().st_size > 10_000, page.name
        found = re.search(r'data-probe="SUMMARY top=(-?\d+) bottom=(-?\d+) chars=(\d+)"', dom)
        assert found, (page.name, re.search(r'data-probe="([^"]*)"', dom))
        top, bottom, chars = map(int, found.groups())
        assert 0 <= top < 600 and chars >= 60, (page.name, top, bottom, chars)  # the summary starts on the first screen
    # For a person to look at: the screenshots beside the project's own reports.
    target = project.reports_dir() / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    for shot in shots.glob("*.png"):
        shutil.copyfile(shot, target / shot.name)
