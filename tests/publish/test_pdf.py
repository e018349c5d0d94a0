"""--pdf: an A4 PDF beside each report, printed by headless Chromium, published with the set."""

import re

import pytest

from croydon_kpi.publish import cli
from croydon_kpi.publish.browser import find_browser


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


@pytest.mark.skipif(find_browser() is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_a_report_built_with_pdf_has_an_a4_pdf_of_several_pages_beside_it(new_project, tmp_path, capsys):
    new_project()
    output = tmp_path / "out"
    assert cli.main(["finance", "--output", str(output), "--pdf"]) == 0
    pdf = (output / "finance_croydon.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and _pages(pdf) >= 2
    assert re.search(rb"/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]", pdf)  # A4: 595 x 842 points
    printed = capsys.readouterr().out
    assert str(output / "finance_croydon.pdf") in printed and str(output / "finance_croydon.html") in printed


def test_pdf_with_no_browser_is_told_before_anything_is_read(monkeypatch, capsys):
    from croydon_kpi.store import figure_store

    monkeypatch.setenv("CROYDON_KPI_BROWSER", "/nowhere/chromium")
    monkeypatch.setattr(figure_store, "load_store", lambda *a, **k: pytest.fail("the store was read"))
    assert cli.main(["pack", "--month", "2019-10", "--pdf"]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert error == [
        "croydon-kpi: error: --pdf needs Chromium or Chrome to print the reports, and none was found on PATH "
        "(install Debian's chromium, or set CROYDON_KPI_BROWSER to the browser's path)"
    ]
