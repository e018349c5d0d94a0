"""A paper cut into sentences, with paragraph numbers, RAG headings, lines and clauses."""

from croydon_kpi.readers.extract import sentences
from croydon_kpi.readers.sentences import Sentence, clause_after, clause_before

OVERVIEW = (
    "3.16 Performance overview.\nGoing well or better:\n\nCP numbers fell. Visits were 96%; reviews 100%."
    "\n\nTHINGS TO DO BETTER\n\nVisits were 79%."
)


def test_sentences_keep_paragraph_heading_and_line():
    assert sentences(OVERVIEW) == [
        Sentence(0, 26, "3.16 Performance overview.", "3.16", None, 1),
        Sentence(50, 66, "CP numbers fell.", "3.16", "going_well", 4),
        Sentence(67, 97, "Visits were 96%; reviews 100%.", "3.16", "going_well", 4),
        Sentence(120, 136, "Visits were 79%.", "3.16", "do_better", 8),
    ]


def test_a_numbered_paragraph_starts_a_new_sentence_and_a_line_within_one_is_counted():
    found = sentences("1.1 First point\n2.3 Second point\nrunning on")
    assert [(s.paragraph, s.line) for s in found] == [("1.1", 1), ("2.3", 2)]
    assert found[1].line_of(found[1].text.index("running")) == 3


def test_a_clause_ends_at_a_semicolon_or_a_but():
    assert clause_before("Visits were good; reviews were ") == " reviews were "
    assert clause_after(" of children, but visits fell") == " of children"
    assert clause_before("no boundary here ") == "no boundary here "
