"""What every number is: the non-figure spans, the figure spans and every digit run's category."""

from croydon_kpi.catalogue.papers import paper_catalogue
from croydon_kpi.core import project
from croydon_kpi.readers.extract import number_tokens
from croydon_kpi.readers.number_spans import Span, figure_spans, non_figure_spans, readable_financial_year, spans_within

PAPERS = project.sources_dir() / "committee_papers"
REPORT_004 = "cabinet_2019_11_18_report_improvement_board"


def paper(document_id: str) -> str:
    return (PAPERS / paper_catalogue()[document_id]["file"]).read_text(encoding="utf-8")


SENTENCE = "Minute 102/19: on 12 January 2021 there were 617 children looked after and 45% were seen."


def test_non_figures_are_claimed_before_figures():
    non_figures = non_figure_spans(SENTENCE)
    assert non_figures == [Span(7, 13, "minute_number", "102/19"), Span(18, 33, "date", "12 January 2021")]
    assert figure_spans(SENTENCE, non_figures) == [Span(45, 48, "count", "617"), Span(75, 78, "percent", "45%")]


def test_spans_within_a_sentence_and_a_span_of_years():
    spans = figure_spans(SENTENCE, non_figure_spans(SENTENCE))
    assert spans_within(spans, [s.start for s in spans], 40, 70) == [Span(45, 48, "count", "617")]
    assert readable_financial_year("2019/20").label == "2019-20"
    assert readable_financial_year("2020-2024") is None


def test_number_tokens_give_each_digit_run_its_offset_line_and_span():
    tokens = number_tokens("Savings of £5m.\nIn 2019/20, 45% were seen.")
    assert tokens.values.tolist() == [
        ["5", 12, 1, "figure:gbp", "£5m"],
        ["2019", 19, 2, "financial_year", "2019/20"],
        ["20", 24, 2, "financial_year", "2019/20"],
        ["45", 28, 2, "figure:percent", "45%"],
    ]


def test_coverage_classifies_the_tricky_numbers():
    tokens = number_tokens(paper(REPORT_004)).set_index("span")["category"].to_dict()
    assert tokens["sections 135-142"] == "legislation"
    assert tokens["2018/19"] == "financial_year"
    assert tokens["in the last 3 months"] == "time_window"
    assert tokens["less than 20 miles"] == "definition_threshold"
    minutes = (
        number_tokens(paper("cabinet_2019_11_18_minutes_improvement_board")).set_index("span")["category"].to_dict()
    )
    assert minutes["102/19"] == "minute_number"


def test_quarter_and_years_are_not_figures():
    tokens = number_tokens("Performance at Quarter 3 2020/21 was reported on 12 January 2021.")
    assert set(tokens["category"]) == {"quarter", "financial_year", "date"}
