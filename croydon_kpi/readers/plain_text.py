"""Text made plain for reading: curly quotes, dashes and odd spaces swapped one for one with
their ASCII forms, so that every offset into the plain text is an offset into the paper."""

from __future__ import annotations

from functools import lru_cache

# Single characters swapped for their plain forms, so offsets into the text stay the same.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


@lru_cache(maxsize=8)
def plain_text(text: str) -> str:
    """Curly quotes, dashes and odd spaces as plain ASCII (worked out once per text: the
    extractor asks for a paper's plain text several times)."""
    if text.isascii():
        return text
    for code, plain in _PLAIN.items():  # a replace per character present: far faster than translate on a long text
        if chr(code) in text:
            text = text.replace(chr(code), plain)
    return text
