"""Text made plain: one character for one, so offsets into the plain text are offsets into the paper."""

from croydon_kpi.readers.plain_text import plain_text


def test_curly_quotes_dashes_and_odd_spaces_become_ascii_one_for_one():
    written = "\u201cCare\u201d \u2013 5\u00a0% \u2212 the council\u2019s"
    plain = plain_text(written)
    assert plain == '"Care" - 5 % - the council\'s'
    assert len(plain) == len(written)


def test_ascii_text_is_returned_as_it_is():
    text = "There were 617 children looked after."
    assert plain_text(text) is text
