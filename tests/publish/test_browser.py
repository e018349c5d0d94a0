"""Every built report in a real headless browser, offline."""

import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


OFFLINE = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=20000",
]


def render(page, profile):
    done = subprocess.run(
        [CHROMIUM, *OFFLINE, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
    )
    return done.stdout, done.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_every_report_renders_offline_with_every_chart(built, tmp_path):
    reports, root = built.reports, tmp_path
    pages = sorted(reports.glob("*.html"))
    assert {p.name for p in pages} >= {
        "index.html",
        "monthly_pack_2019-10_croydon.html",
        "finance_croydon.html",
        "benchmarks_croydon_2019.html",
        *(f"monitoring_visit_{n}.html" for n in range(1, 8)),
    }
    charts_seen = 0
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # pages side by side: each render mostly waits
        rendered = list(
            pool.map(lambda numbered: render(numbered[1], root / f"profile-{numbered[0]}"), enumerate(pages))
        )
    for page, (dom, log) in zip(pages, rendered):
        assert "</html>" in dom, page.name
        charts = re.findall(r'<div class="plotly-graph-div[^"]*" id="(chart-[^"]+)"', dom)
        for chart in charts:
            after = dom[dom.index(f'id="{chart}"') :][:20000]
            assert "main-svg" in after, f"{page.name}: chart {chart} did not draw"
        charts_seen += len(charts)
        console_errors = [
            line for line in log.splitlines() if "CONSOLE" in line and ("Error" in line or "Uncaught" in line)
        ]
        assert console_errors == [], f"{page.name}: {console_errors}"
    assert charts_seen >= 7  # six domain charts in the pack, the S251 chart in finance
