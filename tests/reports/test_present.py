"""Tables that survive into the offline report, and workbooks that cannot run a formula."""

import openpyxl
import pandas as pd

from croydon_kpi.reports.present import chart_id, safe_cell, table_html, write_workbook


def test_tables_escape_text_and_say_when_empty():
    page = table_html(pd.DataFrame({"Measure": ["<script>x</script>"]}), caption="KPIs")
    assert "&lt;script&gt;" in page and "<caption>KPIs</caption>" in page
    assert table_html(pd.DataFrame(), empty="No local figures.") == "<p><em>No local figures.</em></p>"


def test_chart_ids_are_stable():
    assert chart_id("Child protection: Second plans") == "chart-child-protection-second-plans"


def test_a_workbook_cell_cannot_start_a_formula(tmp_path):
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("-5") == "'-5" and safe_cell(5) == 5
    path = tmp_path / "book.xlsx"
    write_workbook({"KPIs": pd.DataFrame({"Measure": ["=HYPERLINK(1)"], "Value": [3]})}, path)
    sheet = openpyxl.load_workbook(path)["KPIs"]
    assert sheet["A2"].value == "'=HYPERLINK(1)" and sheet["B2"].value == 3


def test_a_column_blank_on_some_rows_is_not_said_once_for_every_row():
    import pandas as pd

    from croydon_kpi.reports.present import _same_on_every_row

    frame = pd.DataFrame({"Measure": ["a", "b", "c"], "Value": ["1", "2", "3"], "RAG": [None, "red", "red"]})
    kept, sentences = _same_on_every_row(frame)
    assert "RAG" in kept.columns and sentences == []


def test_a_chart_has_a_text_alternative_written_from_its_own_figure():
    import pandas as pd
    import plotly.graph_objects as go

    from croydon_kpi.reports.present import chart_text

    months = pd.to_datetime(["2019-09-30", "2019-10-31"])
    figure = go.Figure(go.Scatter(x=months, y=[95.0, 96.5], name="Croydon"))
    figure.add_trace(go.Bar(x=[16.7, 15.2], y=["Croydon", "Ealing"], orientation="h", name="Neighbours"))
    figure.update_layout(title={"text": "Visits within timescale<br><sup>Trial limits: 2 points</sup>"})
    assert chart_text(figure, "ignored") == (
        "Visits within timescale Trial limits: 2 points. Croydon: 2 point(s), the latest 2019-10-31: 96.5. "
        "Neighbours: Croydon 16.7, Ealing 15.2."
    )
