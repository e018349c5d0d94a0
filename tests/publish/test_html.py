"""Executed notebook -> one self-contained HTML page: code hidden, nothing loaded from the network."""

import nbformat
import pytest

from croydon_kpi.errors import UnsafeReport
from croydon_kpi.publish.html import external_references, notebook_to_html


def notebook(tmp_path, html):
    node = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("secret_code = 1")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "x"})]
    node.cells = [nbformat.v4.new_markdown_cell("# A title"), cell]
    path = tmp_path / "report.ipynb"
    nbformat.write(node, path)
    return path


def test_a_page_with_its_output_and_footer_but_no_code(tmp_path):
    page = notebook_to_html(notebook(tmp_path, "<p>Hello board</p>"), {"Notebook": "notebooks/x.ipynb"})
    assert "Hello board" in page and "notebooks/x.ipynb" in page and "secret_code" not in page
    assert external_references(page) == []


@pytest.mark.parametrize(
    "html",
    [
        '<img src="https://example.org/a.png">',
        '<link href="//cdn.example.org/x.css">',
        '<div style="background:url(http://example.org/b.png)"></div>',
    ],
)
def test_a_page_that_would_load_from_the_network_is_refused(tmp_path, html):
    assert external_references(html)
    with pytest.raises(UnsafeReport, match="would load from the network"):
        notebook_to_html(notebook(tmp_path, html), {})
