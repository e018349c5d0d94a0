"""An A4 PDF beside each HTML report (`--pdf`), printed by headless Chromium or Chrome: the page
as a reader sees it, charts included, each section on a new page (the reports' print style),
the report's title at the top of every page and its page number at the foot.

Board papers circulate as PDF in councils' committee systems; the HTML stays the reproducible
report (a PDF carries the moment it was printed, so its bytes differ between runs).
"""

from __future__ import annotations

from pathlib import Path

from croydon_kpi.errors import BrowserFailed
from croydon_kpi.publish.browser import Browser, find_browser

# A4's width less its side margins (8.27 in - 2 x 0.4 in at 96 CSS pixels an inch): the page is
# laid out, and every chart sized, for the paper, not for a wide screen.
PRINT_WIDTH, PRINT_HEIGHT = 718, 1040


def check_available() -> None:
    """Before anything is built: a run asked for PDFs on a machine with no browser is told at once."""
    if find_browser() is None:
        raise BrowserFailed(
            "--pdf needs Chromium or Chrome to print the reports, and none was found on PATH "
            "(install Debian's chromium, or set CROYDON_KPI_BROWSER to the browser's path)"
        )


def print_pdfs(pages: list[Path]) -> list[Path]:
    """report.pdf beside each report.html, in one browser; the PDFs written."""
    written = []
    if not pages:
        return written
    with Browser(PRINT_WIDTH, PRINT_HEIGHT) as browser:
        for page in pages:
            browser.open(page)
            title = browser.evaluate("document.title") or page.stem
            target = page.with_suffix(".pdf")
            target.write_bytes(browser.pdf(title))
            written.append(target)
    return written
