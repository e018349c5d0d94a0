"""Showing results in a notebook so that they survive into an offline HTML report.

A chart is displayed with two representations: plotly's own JSON (JupyterLab draws it) and an
HTML <div> with a stable id that calls the plotly.js the report inlines once in its <head>
(nbconvert keeps the HTML; a random id would break nbval and byte-identical rebuilds).
"""
from __future__ import annotations

import html
import json
import re

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML, Markdown, display

_FORMULA_START = ("=", "+", "-", "@")


def show_markdown(text: str) -> None:
    display(Markdown(text))


def table_html(frame: pd.DataFrame, caption: str | None = None, empty: str = "None.") -> str:
    if frame is None or frame.empty:
        return f"<p><em>{html.escape(empty)}</em></p>"
    body = frame.astype(object).where(frame.notna(), "").to_html(index=False, classes="kpi", border=0, escape=True)
    if caption:  # after the opening tag, whatever attributes this pandas version writes on it
        body = re.sub(r"(<table[^>]*>)", lambda m: m.group(1) + f"<caption>{html.escape(caption)}</caption>", body, count=1)
    return body


def show_table(frame: pd.DataFrame, caption: str | None = None, empty: str = "None.") -> None:
    display(HTML(table_html(frame, caption, empty)))


def chart_id(title: str) -> str:
    return "chart-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]


def show_figure(figure: go.Figure, title: str) -> None:
    """Display a plotly figure for both JupyterLab and the offline report."""
    div = figure.to_html(full_html=False, include_plotlyjs=False, div_id=chart_id(title),
                         config={"displaylogo": False, "responsive": True})
    display({"application/vnd.plotly.v1+json": json.loads(figure.to_json()), "text/html": div,
             "text/plain": f"Chart: {title}"}, raw=True)


def safe_cell(value):
    """Text bound for a spreadsheet cannot start a formula (CSV/Excel formula injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_workbook(frames: dict[str, pd.DataFrame], path) -> None:
    """An Excel workbook of tables, one sheet each, with text cells made formula-safe."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for sheet, frame in frames.items():
            safe = frame.apply(lambda column: column.map(safe_cell)) if not frame.empty else frame
            safe.to_excel(writer, sheet_name=sheet[:31], index=False)
