"""The house shows its pipeline: every module in a stage folder, imports pointing only down the
pipeline, no council named in library code, and tests that mirror the package."""

import ast
import re
from pathlib import Path

import pytest

from croydon_kpi.catalogue.ees_tables import read_table

PACKAGE = Path(__file__).resolve().parents[1] / "croydon_kpi"
TESTS = Path(__file__).resolve().parent
# The pipeline, in order. errors.py sits at the foot, beside core/.
STAGES = ("core", "catalogue", "childlevel", "readers", "store", "analysis", "reports", "publish")
TOP_LEVEL = {"__init__.py", "errors.py", "__main__.py"}


def modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" and p.parent != PACKAGE)


def stage_of(dotted: str) -> int | None:
    parts = dotted.split(".")
    if parts[0] != "croydon_kpi" or len(parts) < 2:
        return None
    if parts[1] == "errors":
        return 0
    return STAGES.index(parts[1]) if parts[1] in STAGES else None


def imports_of(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append(f"relative import in {path.name}")
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def test_no_module_outside_a_stage_folder():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in TOP_LEVEL)
    assert loose == []
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == sorted(STAGES)
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
        assert doc and "\n" not in doc.strip(), f"{stage}/__init__.py needs a one-line docstring"


def test_imports_point_only_down_the_pipeline():
    upward = []
    for path in [*modules(), PACKAGE / "errors.py"]:
        own = stage_of("croydon_kpi." + path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", "."))
        for imported in imports_of(path):
            assert not imported.startswith("relative import"), imported
            other = stage_of(imported)
            if other is not None and other > own:
                upward.append(f"{path.relative_to(PACKAGE)} imports {imported}")
    assert upward == []


def test_the_import_check_would_catch_an_upward_import(tmp_path):
    assert stage_of("croydon_kpi.publish.cli") > stage_of("croydon_kpi.core.schema")
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from croydon_kpi.reports.pack import prepare\n")
    assert imports_of(sample) == ["croydon_kpi.reports.pack"]


# Reference data (paper catalogue, regions, neighbours, deflators) is reached through catalogue/ by
# source id; figures through the store. A report or an analysis reading a source itself would
# bypass both, so none may import a reader.
NO_READERS_FROM = ("analysis", "reports")


def reader_imports(path: Path) -> list[str]:
    return [
        name for name in imports_of(path) if name == "croydon_kpi.readers" or name.startswith("croydon_kpi.readers.")
    ]


def test_no_analysis_or_report_imports_a_reader():
    found = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for stage in NO_READERS_FROM
        for path in sorted((PACKAGE / stage).rglob("*.py"))
        for name in reader_imports(path)
    ]
    assert found == []


def test_the_reader_check_would_catch_a_reader_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from croydon_kpi.readers.papers import read\nimport croydon_kpi.readers\nimport croydon_kpi.readersx\n"
    )
    assert reader_imports(sample) == ["croydon_kpi.readers.papers", "croydon_kpi.readers"]


def council_names() -> set[str]:
    """Every local authority in the bundled ONS population file."""
    from croydon_kpi.catalogue.measures import load_catalogue

    table = read_table(load_catalogue().sources["ons_population"])
    return set(table.loc[table["la_name"] != "", "la_name"])


def test_no_council_is_named_in_library_code():
    names = council_names()
    assert "Croydon" in names and len(names) > 140
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b")
    found = []
    for path in PACKAGE.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{path.relative_to(PACKAGE)}:{number}: {match}" for match in pattern.findall(line)]
    assert found == []


@pytest.mark.parametrize("module", [p.relative_to(PACKAGE).as_posix() for p in modules()])
def test_every_module_has_tests_of_its_own(module):
    *folders, name = module.split("/")  # reports/pack/kpis.py -> tests/reports/pack/test_kpis.py
    expected = TESTS.joinpath(*folders, f"test_{name}")
    assert expected.is_file(), f"{expected.relative_to(TESTS.parent)} is missing"


MODULE_LINES = 500
CLASS_LINES = 150


@pytest.mark.parametrize("module", [p.relative_to(PACKAGE).as_posix() for p in modules()])
def test_modules_and_classes_stay_small(module):
    """One module per job: no module over 500 lines and no class over 150 (a facade delegates)."""
    text = (PACKAGE / module).read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MODULE_LINES, f"{module} has {len(text.splitlines())} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ClassDef):
            length = node.end_lineno - node.lineno + 1
            assert length <= CLASS_LINES, f"{module}: class {node.name} has {length} lines"
