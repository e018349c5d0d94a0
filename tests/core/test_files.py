"""Reading source files safely: UTF-8 text, YAML, CSV; errors name the file."""
import pytest


def test_a_file_that_is_not_text_is_named(tmp_path):
    from croydon_kpi.core.files import read_text
    from croydon_kpi.errors import InputError

    binary = tmp_path / "minutes.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="minutes.txt: binary data"):
        read_text(binary)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Budget of \u00a3\u00a322m".encode("latin-1"))
    with pytest.raises(InputError, match="latin.txt, line 1: not UTF-8"):
        read_text(latin)
