# The two commands a user needs: `make pack` and `make test`. Each creates .venv and installs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NOTEBOOKS := notebooks/*.ipynb
NBVAL := $(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

.PHONY: pack test lint format unit nbval notebooks docs lab lab-venv benchmark clean

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "croydon_kpi needs Python 3.11 or newer; found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $(INSTALLED)

pack: $(INSTALLED)
	$(BIN)/croydon-kpi build

test: lint unit nbval

lint: $(INSTALLED)
	$(BIN)/ruff check croydon_kpi tests benchmarks
	$(BIN)/ruff format --check --quiet croydon_kpi tests benchmarks

# Lay the code out as the linter expects (ruff format), then sort imports.
format: $(INSTALLED)
	$(BIN)/ruff format --quiet croydon_kpi tests benchmarks
	$(BIN)/ruff check --fix --select I --quiet croydon_kpi tests benchmarks

# One test worker per core; worksteal: a worker that runs out takes tests queued for the other.
# Tests run with bytecode caching on (PYTHONDONTWRITEBYTECODE emptied; __pycache__ is ignored by
# git): otherwise every worker, command and kernel the tests start compiles the package and
# pytest rewrites every test module again (about 30 s of the run on two cores, measured).
unit: $(INSTALLED)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n auto --dist worksteal

nbval: $(INSTALLED)
	PYTHONDONTWRITEBYTECODE= $(NBVAL) $(NOTEBOOKS)

# Re-execute the committed notebooks on the bundled data after an intended change.
notebooks: $(INSTALLED)
	$(BIN)/croydon-kpi execute-notebooks

docs: $(INSTALLED)
	$(BIN)/croydon-kpi docs

lab: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --editable '.[test,lab]'
	$(BIN)/jupyter lab notebooks/

benchmark: $(INSTALLED)
	$(BIN)/python benchmarks/cli_start.py
	$(BIN)/python benchmarks/store_load.py
	$(BIN)/python benchmarks/build.py
	$(BIN)/python benchmarks/inputs.py

# A second environment with the lab extra, for benchmarks/cli_start.py to measure the command's
# start with JupyterLab's dependencies installed (the conda route's situation).
lab-venv:
	python3 -m venv .venv-lab
	.venv-lab/bin/python -m pip install --quiet --upgrade pip
	.venv-lab/bin/python -m pip install --quiet --editable '.[lab]'

clean:
	rm -rf .cache .pytest_cache
