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

from croydon_kpi.reports.workbook import safe_text
from croydon_kpi.reports.workbook import write_workbook as _write


def show_markdown(text: str) -> None:
    display(Markdown(text))


def table_html(
    frame: pd.DataFrame, caption: str | None = None, empty: str = "None.", collapse: bool = True, links=None
) -> str:
    """A table for readers: a column that says the same on every row becomes one sentence above it
    (unless `collapse` is False: a matrix keeps every column, even one empty throughout). `links`:
    each row's address (or None), its first column's text linked to it."""
    if frame is None or frame.empty:
        return f"<p><em>{html.escape(empty)}</em></p>" if empty else ""
    frame, sentences = _same_on_every_row(frame) if collapse else (frame, [])
    notes = "".join(f'<p class="table-note">{html.escape(s)}</p>' for s in sentences)
    shown = frame.astype(object).where(frame.notna(), "")
    if links is None:
        body = notes + shown.to_html(index=False, classes="kpi", border=0, escape=True)
    else:  # the cells escaped as pandas does (<, >, &), the first column's text linked
        cells = shown.map(lambda v: html.escape(str(v), quote=False))
        cells.columns = [html.escape(str(c), quote=False) for c in cells.columns]
        first = cells.columns[0]
        cells[first] = [
            f'<a href="{html.escape(href, quote=True)}">{text}</a>' if href else text
            for text, href in zip(cells[first], links)
        ]
        body = notes + cells.to_html(index=False, classes="kpi", border=0, escape=False)
    if caption:  # after the opening tag, whatever attributes this pandas version writes on it
        body = re.sub(
            r"(<table[^>]*>)", lambda m: m.group(1) + f"<caption>{html.escape(caption)}</caption>", body, count=1
        )
    return body


def _same_on_every_row(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Columns with one value on three rows or more, said once: "Target: no target stated (every row)."."""
    if len(frame) < 3:
        return frame, []
    same = [
        c
        for c in frame.columns[1:]
        if frame[c].map(str).nunique(dropna=False) == 1  # a blank on one row is a different value, not none
        and len(frame.columns) > 2
        and not pd.api.types.is_numeric_dtype(frame[c])
    ]
    sentences = [f"{column}: {frame[column].iloc[0]} (every row)." for column in same]
    return frame.drop(columns=same), sentences


def show_table(
    frame: pd.DataFrame, caption: str | None = None, empty: str = "None.", collapse: bool = True, links=None
) -> None:
    display(HTML(table_html(frame, caption, empty, collapse, links)))


def chart_id(title: str) -> str:
    return "chart-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]


def show_figure(figure: go.Figure, title: str) -> None:
    """Display a plotly figure for both JupyterLab and the offline report."""
    div = figure.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=chart_id(title),
        config={"displaylogo": False, "responsive": True},
    )
    # The drawing says nothing to a screen reader: its text alternative is written from the same
    # figure (title, notes, each line's latest point).
    described = f'<div role="figure" aria-label="{html.escape(chart_text(figure, title), quote=True)}">{div}</div>'
    display(
        {
            "application/vnd.plotly.v1+json": json.loads(figure.to_json()),
            "text/html": described,
            "text/plain": f"Chart: {title}",
        },
        raw=True,
    )


def chart_text(figure: go.Figure, title: str) -> str:
    """A chart in words: its title and notes, then each named series with its latest point."""
    heading = figure.layout.title.text or title
    words = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", heading)).strip().rstrip(".") + "."]
    for trace in figure.data:
        if not trace.name or trace.x is None or trace.y is None or not len(trace.x):
            continue
        if getattr(trace, "orientation", None) == "h":  # bars: one per area, its value along x
            pairs = ", ".join(f"{y} {_shown(x)}" for x, y in zip(trace.x, trace.y))
            words.append(f"{trace.name}: {pairs}.")
        else:
            words.append(
                f"{trace.name}: {len(trace.x)} point(s), the latest {_shown(trace.x[-1])}: {_shown(trace.y[-1])}."
            )
    return " ".join(words)


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    # plotly keeps a date as a timestamp at midnight: the day is what the chart shows
    return text[:10] if re.match(r"\d{4}-\d\d-\d\d[T ]00:00:00", text) else text


def safe_cell(value):
    """Text bound for a spreadsheet cannot start a formula (CSV/Excel formula injection)."""
    return safe_text(value) if isinstance(value, str) else value


def write_workbook(frames: dict[str, pd.DataFrame], path) -> None:
    """An Excel workbook of tables, one sheet each: numbers as numbers, text formula-safe."""
    kinds = {
        sheet: {c: "number" for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}
        for sheet, frame in frames.items()
    }
    _write(frames, path, kinds)
