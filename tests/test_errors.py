"""One error family: every error a user can cause carries its exit status and a one-line message."""

import pickle
from pathlib import Path

import pytest

from croydon_kpi import errors


@pytest.mark.parametrize(
    "error",
    [
        errors.InputError("data/x.csv", "line 3", "bad\nvalue"),
        errors.ParseError("money", "x", "£ and digits"),
        errors.CatalogueError("bad"),
        errors.UnknownArea("unknown area 'x'"),
        errors.ParameterError("bad month"),
        errors.ProjectNotFound("no project"),
        errors.RejectedInput("rows rejected"),
        errors.UnknownMeasure("no measure"),
    ],
)
def test_bad_input_errors_exit_2_on_one_line(error):
    assert isinstance(error, errors.CroydonKpiError) and error.exit_status == 2
    assert "\n" not in str(error) and not str(error).startswith("'")


def test_a_failed_notebook_exits_1_and_says_where_it_was_kept(tmp_path):
    error = errors.NotebookFailed("monthly_pack.ipynb", tmp_path / "kept.ipynb", "ValueError: x")
    assert error.exit_status == 1 and "kept.ipynb" in str(error)


def test_old_except_clauses_still_catch_them():
    assert isinstance(errors.InputError("x", None, "y"), ValueError) and isinstance(errors.UnknownArea("x"), KeyError)


def _every_error_class() -> list[type]:
    return sorted(
        (c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.CroydonKpiError)),
        key=lambda c: c.__name__,
    )


# Constructor arguments for the classes that take more than a message; every other class takes one.
_ARGUMENTS = {
    errors.InputError: ("data/sources/x.csv", "line 3", "text where a number belongs"),
    errors.ParseError: ("money", "£2x", "£ and digits"),
    errors.NotebookFailed: ("monthly_pack.ipynb", Path("reports/_failed/x.ipynb"), "ValueError: x"),
    errors.MachineRefused: ("the cache folder", "/x/y", PermissionError(13, "Permission denied")),
    errors.SchemaViolation: (
        "data/sources/x.csv",
        [errors.SchemaProblem("x", "data/sources/x.csv", "line 3", "unit", "percentage", "one of [...]", "r")],
    ),
}


@pytest.mark.parametrize("kind", _every_error_class(), ids=lambda c: c.__name__)
def test_a_pickled_error_keeps_every_field(kind):
    """As papermill's tests/test_exceptions.py: raised in a worker process, re-raised in the command."""
    error = kind(*_ARGUMENTS.get(kind, ("something was wrong",)))
    error.extra = {"row": 7}  # a field set after construction survives too
    restored = pickle.loads(pickle.dumps(error))
    assert type(restored) is kind
    assert str(restored) == str(error) and restored.args == error.args
    assert vars(restored) == vars(error) and restored.exit_status == error.exit_status


def test_a_restored_parse_error_still_says_what_text_it_could_not_read():
    restored = pickle.loads(pickle.dumps(errors.ParseError("percentage", "ninety", "digits and %")))
    assert (restored.kind, restored.text, restored.expected) == ("percentage", "ninety", "digits and %")


def test_analysis_raises_analysis_errors():
    from croydon_kpi.analysis import money, spc

    with pytest.raises(errors.AnalysisError, match="improvement must be one of"):
        spc.xmr([1, 2, 3], improvement="sideways")
    with pytest.raises(errors.AnalysisError, match="outside the deflator table"):
        money.real_terms(100, year="1990-91", base="2024-25")


def test_a_machine_fault_names_the_folder_and_the_reason_and_exits_2():
    error = errors.MachineRefused("the cache folder", "/x/y", PermissionError(13, "Permission denied"))
    assert str(error) == "cannot write the cache folder /x/y: Permission denied; nothing was published"
    assert error.exit_status == errors.EXIT_BAD_INPUT and not isinstance(error, (errors.InputError, OSError))
