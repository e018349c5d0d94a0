"""One error family: every error a user can cause carries its exit status and a one-line message."""
import pytest

from croydon_kpi import errors


@pytest.mark.parametrize("error", [errors.InputError("data/x.csv", "line 3", "bad\nvalue"), errors.ParseError("money", "x", "£ and digits"),
                                   errors.CatalogueError("bad"), errors.UnknownArea("unknown area 'x'"), errors.ParameterError("bad month"),
                                   errors.ProjectNotFound("no project"), errors.RejectedInput("rows rejected"), errors.UnknownMeasure("no measure")])
def test_bad_input_errors_exit_2_on_one_line(error):
    assert isinstance(error, errors.CroydonKpiError) and error.exit_status == 2
    assert "\n" not in str(error) and not str(error).startswith("'")


def test_a_failed_notebook_exits_1_and_says_where_it_was_kept(tmp_path):
    error = errors.NotebookFailed("monthly_pack.ipynb", tmp_path / "kept.ipynb", "ValueError: x")
    assert error.exit_status == 1 and "kept.ipynb" in str(error)


def test_old_except_clauses_still_catch_them():
    assert isinstance(errors.InputError("x", None, "y"), ValueError) and isinstance(errors.UnknownArea("x"), KeyError)
