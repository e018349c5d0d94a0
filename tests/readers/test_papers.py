"""The bundled committee papers: every number is a figure or a classified non-figure."""

import pytest

from croydon_kpi.catalogue.papers import paper_catalogue
from croydon_kpi.core import project
from croydon_kpi.readers.extract import number_tokens

PAPERS = project.sources_dir() / "committee_papers"


REPORT_004 = "cabinet_2019_11_18_report_improvement_board"


def paper(document_id: str) -> str:
    return (PAPERS / paper_catalogue()[document_id]["file"]).read_text(encoding="utf-8")


COVERED_CATEGORIES = {
    "date",
    "financial_year",
    "quarter",
    "minute_number",
    "legislation",
    "ordinal",
    "paragraph_number",
    "document_reference",
    "time_window",
    "definition_threshold",
    "duration",
    "count_of_meetings",
    "year",
    # the furniture of other councils' papers (issue 15): none is a figure
    "code",
    "document_size",
    "phone_number",
    "time_of_day",
    "reporting_month",
    "item_number",
    "rate_base",
    "count_of_organisations",
    "word_not_a_count",
    "year_range",
    "web_address",
    # papers as they really arrive (issue 26): the page's furniture and numbers in addresses and compounds
    "address",
    "distance",
    "name",
    "page_number",
    "running_header",
    "contents",
    "list_marker",
}


@pytest.mark.parametrize("document_id", sorted(paper_catalogue()))
def test_every_number_in_every_paper_is_a_figure_or_a_classified_non_figure(store, document_id):
    text = paper(document_id)
    tokens = number_tokens(text)
    assert tokens["category"].notna().all(), tokens[tokens["category"].isna()].to_string()
    figures = tokens[tokens["category"].str.startswith("figure:")]
    assert set(tokens["category"]) - set(figures["category"]) <= COVERED_CATEGORIES
    # Every figure token is a stored figure of that document, on the same line.
    stored = store.figures[store.figures["source_id"] == document_id]
    stored_lines = set(stored["locator"].str.extract(r"line (\d+)")[0].astype(int))
    assert set(figures["line"]) <= stored_lines


def test_finance_sentences(store):
    figures = store.figures[store.figures["source_id"] == REPORT_004]
    money = figures[figures["unit"] == "gbp"][["measure", "value", "period_label"]].values.tolist()
    assert money == [
        ["csc_base_budget_growth_gbp", 22_200_000, "2018-19 and 2019-20 together"],
        ["csc_base_budget_growth_gbp", 22_200_000, "2018-19 and 2019-20 together"],
        ["business_support_base_budget_gbp", 700_000, "as reported to Cabinet, 18 November 2019"],
        ["transformation_funding_gbp", 10_200_000, "2018-19 to 2019-20"],
        ["transformation_spend_gbp", 4_200_000, "2018-19"],
    ]


def test_seed_003_cp_cases_from_600_to_100(store):
    figures = store.figures[store.figures["source_id"] == "cyp_scrutiny_2019_autumn_minutes_improvement_plan"]
    cp = figures[figures["measure"] == "cp_children_count"]
    assert cp["value"].tolist() == [600, 100]
    assert cp.iloc[0]["period_label"].startswith("a year before")
    assert (
        figures[figures["value"] == 80].iloc[0]["measure"] == "unmapped"
    )  # a team's vacancy rate, not the authority's


def test_windows_line_endings_change_no_figure(store, tmp_path):
    from croydon_kpi.catalogue.measures import Source
    from croydon_kpi.readers.papers import read_paper

    document = "cabinet_2019_11_18_report_improvement_board"
    original = store.catalogue.sources[document]
    windows = tmp_path / original.path.name
    windows.write_bytes(original.path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    as_read, unreadable = read_paper(
        Source(document, str(windows), "committee_paper", "t", "p", {}), store.catalogue, store.figures
    )
    assert unreadable.empty
    bundled = store.figures[store.figures["source_id"] == document]
    columns = ["measure", "value", "period_label", "locator", "reported_rag"]
    assert as_read[columns].astype(str).values.tolist() == bundled[columns].astype(str).values.tolist()
