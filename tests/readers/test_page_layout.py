"""A paper read as lines and blocks before sentences (issue 26): its furniture never yields a figure."""

from croydon_kpi.readers.extract import extract_figures, number_tokens
from croydon_kpi.readers.page_layout import read_layout, without_furniture

PAPER = """Northshire Council - Children's Scrutiny Committee

61 BUDGET MONITORING 2023/24

CONTENTS
1. Introduction
3
6. Missing from Care
10

2.1 / The number of children looked after rose to 312 in the quarter, and
78% of reviews were on time.
2.2- Referrals fell to 1,204.
(1) Agency staff made up 21% of the workforce.

Scrutiny Committee 14 November 2006
14

Northshire Council - Children's Scrutiny Committee

2.3 Caseloads averaged 17 per social worker against a target of 18, while
the number of children on a child protection plan
- 15 -
Northshire Council - Children's Scrutiny Committee
stood at 240.

Scrutiny Committee 14 November 2006
"""


def _categories(text):
    layout = read_layout(text)
    return [(s.category, s.text.strip()) for s in layout.non_figures()]


def test_page_numbers_running_lines_and_contents_are_furniture():
    found = _categories(PAPER)
    assert ("page_number", "14") in found and ("page_number", "- 15 -") in found
    assert ("running_header", "Northshire Council - Children's Scrutiny Committee") in found
    assert ("running_header", "Scrutiny Committee 14 November 2006") in found
    assert ("contents", "6. Missing from Care") in found and ("page_number", "10") in found


def test_markers_at_lines_starts_paragraph_list_and_agenda_item():
    found = _categories(PAPER)
    assert ("item_number", "61") in found
    assert [text for category, text in found if category == "paragraph_number"] == ["2.1", "2.2", "2.3"]
    assert ("list_marker", "(1)") in found


def test_only_the_papers_figures_are_read_and_a_sentence_reads_on_across_a_page_end():
    rows = extract_figures(PAPER, area={"area_name": "Northshire", "area_level": "local_authority"})
    assert list(rows["as_written"]) == ["312", "78%", "1,204", "21%", "17", "18", "240"]
    stood = rows[rows["as_written"] == "240"].iloc[0]
    assert stood["measure"] == "cp_children_count" and stood["locator"].startswith("paragraph 2.3,")
    assert "Northshire Council" not in stood["quote"]


def test_every_number_of_the_furniture_is_classified():
    tokens = number_tokens(PAPER)
    assert tokens["category"].notna().all()
    figures = tokens[tokens["category"].str.startswith("figure:")]
    assert list(figures["token"]) == ["312", "78", "1", "204", "21", "17", "18", "240"]


def test_a_column_of_numbers_is_a_table_not_page_numbers():
    text = "Children in care\n312\n298\n305\n"
    assert read_layout(text).furniture == []


def test_a_decimal_figure_opening_a_line_is_no_paragraph_number():
    text = "The rate was high.\n63.3 per cent of children had a plan.\n"
    assert read_layout(text).markers == []


def test_blanked_furniture_keeps_every_offset():
    layout = read_layout(PAPER)
    blanked = without_furniture(PAPER, layout)
    assert len(blanked) == len(PAPER) and "- 15 -" not in blanked and blanked.count("\n") == PAPER.count("\n")


def test_a_money_table_gives_its_scale_to_its_cells():
    text = "Budget area\t£m\nPlacements\t£2.995\nStaffing\t£1.2\n\nThe overspend was £2.995.\n"
    rows = extract_figures(text)
    assert list(rows["value"]) == [2_995_000, 1_200_000, 2.995]
    assert "unit_from_table_header" in rows.iloc[0]["tags"]


def test_the_next_paragraph_number_is_a_marker_wherever_the_line_before_ends_but_a_wrapped_decimal_is_not():
    text = (
        "3.15 The board met and\nagreed the plan without a full stop\n3.16 Caseloads fell and the rate fell from\n"
        "165.1 in September to 159.4 in November.\n"
    )
    layout = read_layout(text)
    assert [m.text for m in layout.markers] == ["3.15", "3.16"]
    rows = extract_figures(text)
    assert list(rows["as_written"]) == ["165.1", "159.4"]
    assert set(rows["locator"].str.split(",").str[0]) == {"paragraph 3.16"}


def test_a_threshold_broken_by_a_page_end_is_read_whole_and_offsets_stay_the_papers():
    text = (
        "Visits: 95.7 per cent were within 15\n\nScrutiny Committee 14 November 2006\n7\n\n"
        "Northshire Council\n\nworking days.\n\nScrutiny Committee 14 November 2006\n8\n\nNorthshire Council\n"
    )
    rows = extract_figures(text)
    assert list(rows["as_written"]) == ["95.7 per cent"]
    tokens = number_tokens(text)
    assert tokens[tokens["token"] == "15"]["category"].tolist() == ["definition_threshold"]
    assert (tokens["offset"].map(lambda at: text[at]) == tokens["token"].str[0]).all()


def test_a_line_a_paper_merely_repeats_is_no_running_header():
    row = "Children in care 278 (table)"
    text = f"{row}\nThe number of children in care was 278.\n\n{row}\nAgain it was 278.\n"
    assert read_layout(text).furniture == []
    assert len(extract_figures(text)) == 4


def test_a_footer_ending_with_its_page_number_and_contents_with_dotted_leaders_are_furniture():
    text = (
        "CONTENTS\n6. Missing from Care ............ 10\n\nThe number of children in care rose to 312, an\n\n"
        "Cabinet 14 November 2006   Page 7\n\fNorthshire Council - Cabinet\n\nincrease of 12 on the year.\n\n"
        "Cabinet 14 November 2006   Page 8\n\fNorthshire Council - Cabinet\n"
    )
    found = _categories(text)
    assert ("contents", "6. Missing from Care ............ 10") in found
    assert ("page_number", "Cabinet 14 November 2006   Page 7") in found
    rows = extract_figures(text)
    assert list(zip(rows["as_written"], rows["kind"])) == [("312", "level"), ("12", "change")]  # "an increase of"


LINES = [
    "",
    "7",
    "- 8 -",
    "Page 3 of 12",
    "\f",
    "Cabinet 14 November 2006   Page 9",
    "Northshire Council - Cabinet",
    "2.1 / The number of children in care rose to 312, an",
    "increase of 12.",
    "(1) Agency staff were 21%.",
    "61 BUDGET MONITORING 2023/24",
    "6. Missing from Care ........ 10",
    "Budget\t£m",
    "Placements\t£2.995",
    "165.1 in September",
    "£(0.4)m - (£1.7m) 1967 referrals",
]


def test_any_arrangement_of_furniture_and_prose_reads_without_error_and_keeps_spans_in_the_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None, database=None)
    @given(st.lists(st.sampled_from(LINES), max_size=30))
    def check(lines):
        text = "\n".join(lines)
        layout = read_layout(text)
        for span in layout.furniture:  # furniture is whole lines
            assert (span.start == 0 or text[span.start - 1] == "\n") and text[span.start : span.end] == span.text
        tokens = number_tokens(text)
        assert tokens["category"].notna().all()
        extract_figures(text)

    check()


def test_a_bare_number_on_its_own_line_is_a_page_only_where_something_says_so():
    text = "Children in care\n278\n\nChild protection plans\n240\n\nAll figures are for March.\n"
    assert read_layout(text).furniture == []
    assert list(extract_figures(text)["as_written"]) == ["278", "240"]
    paged = "The plan was agreed.\n\n14\n\nThe board met again.\n\n15\n\nIt closed.\n"
    assert [s.text for s in read_layout(paged).furniture] == ["14", "15"]  # a page, then the next
