"""Executed notebook -> self-contained HTML report that opens with no network."""

from __future__ import annotations

import html
import re
import threading
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from croydon_kpi.errors import UnsafeReport

TEMPLATES = Path(__file__).resolve().parent / "templates"

# Attributes and CSS that would make a browser fetch something from outside the file.
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//)""",
    re.IGNORECASE,
)


def external_references(page: str) -> list[str]:
    """Every place in an HTML page that would load from the network (an empty list is the goal)."""
    return [page[max(0, m.start() - 40) : m.end() + 60] for m in _EXTERNAL.finditer(page)]


def provenance_html(lines: dict[str, str]) -> str:
    items = "".join(f"<li><strong>{html.escape(k)}:</strong> {html.escape(v)}</li>" for k, v in lines.items())
    return f"<p>How this report was made</p><ul>{items}</ul>"


def _has_charts(notebook) -> bool:
    return any(
        "application/vnd.plotly.v1+json" in output.get("data", {})
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )


def _plotly_js() -> str:
    """The plotly.js bundled with the plotly package: no CDN, so the report opens offline."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def shared_plotly_js_name() -> str:
    """The file one copy of plotly.js is published as beside reports that share it (its version in
    the name: a folder of reports built by another version keeps the copy those reports load)."""
    from plotly import __version__ as plotly_version

    return f"plotly-{plotly_version}.min.js"


def write_shared_plotly_js(folder: Path) -> Path:
    path = folder / shared_plotly_js_name()
    path.write_text(_plotly_js(), encoding="utf-8")
    return path


_EXPORTERS = threading.local()


def _exporter() -> HTMLExporter:
    """One exporter per thread, its templates compiled once (an exporter keeps state while it
    converts, so lanes exporting side by side each have their own)."""
    if not hasattr(_EXPORTERS, "html"):
        _EXPORTERS.html = HTMLExporter(
            extra_template_basedirs=[str(TEMPLATES)],
            template_name="offline",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
    return _EXPORTERS.html


def notebook_to_html(notebook, provenance: dict[str, str], title: str | None = None, shared_js: bool = False) -> str:
    """The executed notebook (a path, or the notebook itself, which is then changed: its title and
    the injected cell's id) as one HTML page, code hidden, with a provenance footer; `title` is
    the browser tab's (the report's own title). `shared_js`: plotly.js is loaded from the copy
    beside the page (shared_plotly_js_name) instead of being inlined in it."""
    notebook = nbformat.read(notebook, as_version=4) if isinstance(notebook, (str, Path)) else notebook
    if title:
        notebook.metadata["title"] = title
    for cell in notebook.cells:
        # papermill gives its injected cell a random id; a fixed one keeps rebuilds byte-identical.
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    exporter = _exporter()
    charts = _has_charts(notebook)
    resources = {
        "provenance_html": provenance_html(provenance),
        "plotly_js": _plotly_js() if charts and not shared_js else None,
        "plotly_js_file": shared_plotly_js_name() if charts and shared_js else None,
    }
    page, _ = exporter.from_notebook_node(notebook, resources=resources)
    found = external_references(page.replace(resources["plotly_js"] or "\0", ""))
    if found:
        raise UnsafeReport(f"report would load from the network: {found[:3]}")
    return page
