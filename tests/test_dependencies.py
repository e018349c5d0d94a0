"""environment.yml (conda route) and pyproject.toml (pip route) must list the same dependencies."""

import re
import tomllib

import yaml

from croydon_kpi.core import project


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_and_pyproject_list_the_same_dependencies():
    root = project.project_root()
    pyproject = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    pip_specs = list(pyproject["dependencies"])
    for extra in pyproject["optional-dependencies"].values():
        pip_specs += extra
    conda = yaml.safe_load((root / "environment.yml").read_text())["dependencies"]
    conda_specs = [d for d in conda if isinstance(d, str) and _name(d) not in {"python", "pip"}]
    assert sorted(s.replace(" ", "").lower() for s in conda_specs) == sorted(
        s.replace(" ", "").lower() for s in pip_specs
    )
    assert {_name(s) for s in pip_specs} >= {
        "pandas",
        "numpy",
        "plotly",
        "papermill",
        "nbval",
        "jupyterlab",
        "ipykernel",
        "nbconvert",
        "pyyaml",
        "openpyxl",
    }


def test_every_library_the_package_imports_is_declared():
    import ast
    import sys
    from importlib.metadata import packages_distributions

    root = project.project_root()
    declared = {_name(s) for s in tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]}
    distributions = packages_distributions()
    imported = set()
    for path in (root / "croydon_kpi").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = sorted(
        name for name in imported if name not in sys.stdlib_module_names and name not in ("croydon_kpi", "__future__")
    )
    undeclared = [name for name in third_party if not {_name(d) for d in distributions.get(name, [name])} & declared]
    assert undeclared == []
