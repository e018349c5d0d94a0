"""The fuzz properties, shared by the tests (few examples) and benchmarks/fuzz.py (many).

Each target takes generated input and must either return a valid result or raise the library's
own error (ParseError, InputError and its subclasses); any other exception is a bug.
"""

import tempfile
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
from hypothesis import strategies as st

from croydon_kpi.childlevel import annex_a
from croydon_kpi.core import schema
from croydon_kpi.core.normalise import parse_date_range, parse_financial_year, parse_money, parse_percent
from croydon_kpi.errors import InputError, ParseError
from croydon_kpi.readers.extract import extract_figures

OWN_ERRORS = (ParseError, InputError)
# Text that looks like what councils write, mixed with anything at all.
council_text = st.one_of(
    st.text(),
    st.lists(
        st.sampled_from(
            [
                "£",
                "22.2",
                "m",
                "(",
                ")",
                "%",
                " per cent",
                "2018/19",
                "-",
                "–",
                " ",
                "of",
                "and",
                "3.14",
                "over",
                "100",
                "cases",
                "January",
                "2019",
                "16th",
                "&",
                "\n",
                "- ",
                "CIN",
                "CP plans",
                ".",
            ]
        ),
        max_size=40,
    ).map("".join),
)
raw_bytes = st.one_of(st.binary(max_size=2000), council_text.map(lambda t: t.encode("utf-8", "surrogatepass")))


def parsers(text):
    for parse in (parse_money, parse_percent, parse_financial_year, parse_date_range):
        try:
            parse(text)
        except ParseError as error:
            assert error.text == text


def extractor(text):
    figures = extract_figures(text)
    assert list(figures.columns) == list(schema.FIGURE_COLUMNS)


def _file(data: bytes, suffix: str) -> Path:
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)
    handle.write(data)
    handle.close()
    return Path(handle.name)


def _read_file(data: bytes, read) -> None:
    """Write the bytes to a temporary file and read it: only the library's own errors may come out."""
    path = _file(data, ".csv")
    try:
        read(path)
    except OWN_ERRORS:
        pass
    finally:
        path.unlink()


def ees_reader(data: bytes):
    from croydon_kpi.catalogue.ees_tables import read_table

    _read_file(data, lambda path: read_table(SimpleNamespace(path=path, id="fuzz")))


def annex_a_reader(data: bytes):
    _read_file(data, lambda path: annex_a.read_list(path, "list_7_child_protection"))


def scorecard_reader(data: bytes):
    from croydon_kpi import load_catalogue
    from croydon_kpi.readers.scorecards import read_file

    areas = pd.DataFrame(
        {
            "area_code": ["E09000008"],
            "old_la_code": ["306"],
            "area_name": ["Croydon"],
            "area_level": ["local_authority"],
        }
    )
    _read_file(data, lambda path: read_file(path, SimpleNamespace(id="fuzz"), load_catalogue(), areas))


TARGETS = {
    "parsers": (parsers, council_text),
    "extract_figures": (extractor, council_text),
    "ees_reader": (ees_reader, raw_bytes),
    "annex_a_reader": (annex_a_reader, raw_bytes),
    "scorecard_reader": (scorecard_reader, raw_bytes),
}
