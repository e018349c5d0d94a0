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
    assert sorted(s.replace(" ", "").lower() for s in conda_specs) == sorted(s.replace(" ", "").lower() for s in pip_specs)
    assert {_name(s) for s in pip_specs} >= {"pandas", "numpy", "plotly", "papermill", "nbval", "jupyterlab",
                                            "ipykernel", "nbconvert", "pyyaml", "openpyxl"}
