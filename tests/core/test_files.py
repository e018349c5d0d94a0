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


def test_csv_rows_keep_their_true_lines_and_are_read_or_refused(tmp_path):
    from croydon_kpi.core.files import csv_frame
    from croydon_kpi.errors import InputError

    path = tmp_path / "card.csv"
    frame = csv_frame(path, "a,b,c\n1,2,3\n\n,,\n4,5\n6,7,8,\n")
    assert frame.index.tolist() == [0, 3, 4]  # index + 2 = line: blank lines counted, not read
    assert frame.loc[3].tolist() == ["4", "5", ""] and frame.loc[4].tolist() == ["6", "7", "8"]
    with pytest.raises(InputError, match="card.csv, line 3: 4 fields, expected 3"):
        csv_frame(path, "a,b,c\n1,2,3\n4,5,6,7\n")


def test_yaml_read_twice_is_parsed_once_and_each_caller_gets_its_own_copy(tmp_path):
    from croydon_kpi.core.files import read_yaml
    from croydon_kpi.errors import InputError

    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (first, second):
        path.write_text("targets:\n  - {measure: x, target: 80}\n")
    one = read_yaml(first)
    one["targets"][0]["target"] = 1  # a caller changing its copy changes no one else's
    assert read_yaml(second) == {"targets": [{"measure": "x", "target": 80}]}
    (tmp_path / "bad.yaml").write_text("a: 1\na: 2\n")
    with pytest.raises(InputError, match="bad.yaml, line 2: the key 'a' is given twice"):
        read_yaml(tmp_path / "bad.yaml")


def test_a_nul_byte_anywhere_is_binary_data_named_by_its_line(tmp_path):
    from croydon_kpi.core.files import read_text
    from croydon_kpi.errors import InputError

    path = tmp_path / "paper.txt"
    path.write_bytes(b"A paragraph of text.\n" * 1000 + b"\x00 hidden\n")
    with pytest.raises(InputError, match="paper.txt, line 1001: binary data"):
        read_text(path)


def test_an_impossible_date_in_yaml_is_refused_with_its_line(tmp_path):
    from croydon_kpi.core.files import read_yaml
    from croydon_kpi.errors import InputError

    path = tmp_path / "targets.yaml"
    path.write_text("targets:\n  - measure: x\n    from: 2019-02-30\n")
    with pytest.raises(InputError, match="targets.yaml, line 3: not valid YAML data \\(2019-02-30 is not a real date"):
        read_yaml(path)


def test_each_entry_of_a_yaml_list_is_found_by_its_line(tmp_path):
    from croydon_kpi.core.files import entry_where, yaml_entry_lines

    path = tmp_path / "targets.yaml"
    path.write_text("# a comment\ntargets:\n  - {measure: a}\n\n  - measure: b\n    target: 1\n")
    lines = yaml_entry_lines(path, "targets")
    assert lines == [3, 5] and entry_where(lines, "targets", 1) == "line 5 (targets[1])"
    assert entry_where(lines, "targets", 2) == "targets[2]" and yaml_entry_lines(path, "other") == []
