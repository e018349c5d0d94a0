import re
import shutil

import nbformat
import papermill
import pytest

from croydon_kpi import cli, project
from croydon_kpi.report import external_references


@pytest.fixture
def no_kernel(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)


@pytest.mark.parametrize("argv, message", [
    (["pack", "--month", "2019-13"], "month '2019-13': 13 is not a month number 01-12"),
    (["pack", "--month", "October"], "month 'October' is not in the form YYYY-MM"),
    (["pack", "--month", "1999-12"], "is before 2000"),
    (["pack", "--month", "2099-01"], "is in the future"),
    (["pack", "--area", "Narnia"], "unknown area 'Narnia'"),
])
def test_bad_parameters_exit_2_with_one_line_before_any_kernel(no_kernel, capsys, argv, message):
    assert cli.main(argv) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("croydon-kpi: error: ") and message in error
    assert "\n" not in error


def test_every_subcommand_has_help(capsys):
    for command in ("pack", "build", "list", "docs", "execute-notebooks"):
        with pytest.raises(SystemExit) as done:
            cli.main([command, "--help"])
        assert done.value.code == 0
        assert "usage: croydon-kpi" in capsys.readouterr().out


@pytest.fixture
def project_copy(tmp_path, monkeypatch):
    root = project.project_root()
    copy = tmp_path / "project"
    for folder in ("data", "notebooks"):
        shutil.copytree(root / folder, copy / folder)
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(copy))
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)  # paths must not depend on the working directory
    return copy


def test_pack_builds_an_offline_report_then_a_failing_notebook_changes_nothing(project_copy, capsys):
    assert cli.main(["pack", "--month", "2019-10", "--area", "306"]) == 0
    report = project_copy / "reports" / "monthly_pack_2019-10_croydon.html"
    page = report.read_text(encoding="utf-8")
    assert external_references(page) == []
    assert "<script src" not in page and "<link" not in page
    assert "Croydon: children&#39;s services performance pack, October 2019" in page or \
           "Croydon: children's services performance pack, October 2019" in page
    # Children looked after per 10,000 at 31 March 2019: Croydon 89, London 52, England 66 (LAIT).
    assert re.search(r"<td>Children looked after per 10,000 children</td>\s*<td>31 Mar 2019</td>\s*"
                     r"<td>89 per 10,000</td>\s*<td>52 per 10,000</td>\s*<td>66 per 10,000</td>", page)
    assert "month=2019-10, area=Croydon" in page  # provenance footer

    notebook = project_copy / "notebooks" / "monthly_pack.ipynb"
    broken = nbformat.read(notebook, as_version=4)
    broken.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('deliberate failure')"))
    nbformat.write(broken, notebook)
    assert cli.main(["pack", "--month", "2019-10"]) == 1
    assert "RuntimeError: deliberate failure" in capsys.readouterr().err
    assert report.read_text(encoding="utf-8") == page  # the good report is untouched
    assert (project_copy / "reports" / "_failed" / "monthly_pack_2019-10_croydon.ipynb").is_file()
    assert sorted(p.name for p in (project_copy / "reports").iterdir()) == ["_failed", "monthly_pack_2019-10_croydon.html"]
