# vsslib: `make run` sets everything up and runs the main job; `make test` sets up and runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: help install run build lab screenshot extract check lint test test-fast bench lock hooks clean
help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/vss: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python tools/install.py
	@touch $@

install: $(BIN)/vss  ## create .venv with the pinned dependencies (uv, hash-checked; pip if uv fails) and vsslib

run: install  ## main job: extract the facts, check them, build every period's pages, workbooks and the index
	$(BIN)/vss run

build: install  ## (re)build the notebooks' HTML; PERIOD=2021-08 for one period, FORCE=1 to rebuild all
	$(BIN)/vss build $(if $(PERIOD),--period $(PERIOD)) $(if $(FORCE),--force)

lab: install  ## open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/ --allow-root

screenshot:  ## PNGs of the index and one page, a hover title shown, and the page printed to PDF (reports/_scratch/)
	$(BIN)/python tools/screenshot.py

extract: install  ## re-extract data/extracted/facts.csv from data/raw
	$(BIN)/vss extract

check: install  ## list the reports' arithmetic findings and conflicts
	$(BIN)/vss check

lint: install  ## ruff (code and notebooks), ruff format, mypy, the layers (import-linter), notebooks without outputs
	$(BIN)/ruff check vsslib tests benchmarks tools notebooks
	$(BIN)/ruff format --check vsslib tests benchmarks tools notebooks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/nbstripout --verify notebooks/*.ipynb

test: install  ## run the whole test suite (what CI runs)
	$(BIN)/python -m pytest

test-fast: install  ## the edit loop: every test that does not run a notebook (under 30 s)
	$(BIN)/python -m pytest -m "not slow"

bench: install  ## time extraction, loading and the notebook build (cold, naive, no-op), and its growth with periods
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_scaling.py

lock: install  ## regenerate requirements.lock (uv, with hashes; existing pins kept) and environment.yml from it
	$(BIN)/uv pip compile pyproject.toml --extra notebooks --extra test --extra dev --generate-hashes \
	  --universal --python-version 3.11.7 -o requirements.lock -q
	$(BIN)/python tools/make_environment.py

hooks: install  ## install the commit hooks (nbstripout, ruff, ruff format, mypy)
	$(BIN)/pre-commit install

clean:  ## remove the virtual environment
	rm -rf $(VENV)
