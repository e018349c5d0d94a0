"""The croydon-kpi command: parameters checked before any kernel, one line and exit 2 on bad input."""

import papermill
import pytest

from croydon_kpi.publish import cli


@pytest.fixture
def no_kernel(monkeypatch):
    from croydon_kpi.publish import kernels

    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)
    monkeypatch.setattr(kernels.Lanes, "__init__", refuse)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["pack", "--month", "2019-13"], "month '2019-13': 13 is not a month number 01-12"),
        (["pack", "--month", "October"], "month 'October' is not in the form YYYY-MM"),
        (["pack", "--month", "1999-12"], "is before 2000"),
        (["pack", "--month", "2099-01"], "is in the future"),
        (["pack", "--area", "Narnia"], "unknown area 'Narnia'"),
        (["visit", "9"], "visit 9: Croydon had monitoring visits 1 to 7"),
        (["visit", "seven"], "visit 'seven' is not a number"),
    ],
)
def test_bad_parameters_exit_2_with_one_line_before_any_kernel(no_kernel, capsys, argv, message):
    assert cli.main(argv) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("croydon-kpi: error: ") and message in error
    assert "\n" not in error


def test_every_subcommand_has_help(capsys):
    for command in ("pack", "visit", "build", "list", "check", "annex-a", "docs", "execute-notebooks"):
        with pytest.raises(SystemExit) as done:
            cli.main([command, "--help"])
        assert done.value.code == 0
        assert "usage: croydon-kpi" in capsys.readouterr().out


def test_list_names_every_report(no_kernel, capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    for name in [
        "monthly_pack_2019-10_croydon.html",
        "monitoring_visit_1.html",
        "monitoring_visit_7.html",
        "finance_croydon.html",
        "benchmarks_croydon_2019.html",
    ]:
        assert name in out


def _project_copy(tmp_path, monkeypatch):
    import shutil

    from croydon_kpi.core import project

    root = tmp_path / "project"
    shutil.copytree(project.project_root() / "data", root / "data")
    shutil.copytree(project.project_root() / "notebooks", root / "notebooks")
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(root))
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(tmp_path / "cache"))
    return root


def _one_line_exit_2(argv, capsys, *expected):
    assert cli.main(argv) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("croydon-kpi: error: ") and "\n" not in error and "Traceback" not in error, error
    for words in expected:
        assert words in error, error


def test_a_wrong_project_root_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, no_kernel):
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(tmp_path / "nowhere"))
    _one_line_exit_2(["pack", "--month", "2019-10"], capsys, "CROYDON_KPI_ROOT=", "has no data/catalogue/measures.yaml")


def test_a_deleted_sources_registry_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, no_kernel):
    root = _project_copy(tmp_path, monkeypatch)
    (root / "data" / "sources" / "sources.yaml").unlink()
    _one_line_exit_2(["check"], capsys, "data/sources/sources.yaml: file not found")


def test_an_unreadable_data_folder_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, no_kernel):
    import pathlib

    root = _project_copy(tmp_path, monkeypatch)
    refused = root / "data" / "sources" / "dfe"
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(path):  # what the operating system says for a folder we may not read (root ignores chmod)
        if refused in path.parents:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    _one_line_exit_2(["pack", "--month", "2019-10"], capsys, "data/sources/dfe/", "cannot be read (Permission denied)")


@pytest.mark.parametrize("argv", [["pack", "--month", "2019-13"], ["pack", "--month", ""], ["pack", "--area", " "]])
def test_a_bad_month_or_empty_parameter_is_told_before_any_data_is_read(monkeypatch, capsys, argv):
    from croydon_kpi.store import figure_store

    def refuse(*args, **kwargs):
        raise AssertionError("the store was loaded before the parameters were checked")

    monkeypatch.setattr(figure_store, "load_store", refuse)
    assert cli.main(argv) == 2
    assert capsys.readouterr().err.startswith("croydon-kpi: error: ")
