# vsslib: `make run` sets everything up and runs the main job; `make test` sets up and runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: help install run build lab screenshot extract check lint test bench clean
help:  ## list the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/vss: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

install: $(BIN)/vss  ## create .venv with the pinned dependencies and vsslib

run: install  ## main job: extract the facts, check them, build every period's notebooks and reports/index.html
	$(BIN)/vss extract
	$(BIN)/vss check
	$(BIN)/vss build

build: install  ## (re)build the notebooks' HTML; PERIOD=2021-08 for one period, FORCE=1 to rebuild all
	$(BIN)/vss build $(if $(PERIOD),--period $(PERIOD)) $(if $(FORCE),--force)

lab: install  ## open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

screenshot:  ## PNGs of reports/index.html and one page, from Debian's chromium (apt-get install chromium)
	for page in index 2021-08/forecast_accuracy; do \
	  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	    --no-first-run --user-data-dir=$$(mktemp -d) --window-size=1200,1600 \
	    --screenshot=reports/$$(echo $$page | tr / _).png file://$(CURDIR)/reports/$$page.html; done

extract: install  ## re-extract data/extracted/facts.csv from data/raw
	$(BIN)/vss extract

check: install  ## list the reports' arithmetic findings and conflicts
	$(BIN)/vss check

lint: install  ## ruff: style, docstrings, pathlib, complexity
	$(BIN)/ruff check vsslib tests benchmarks

test: install  ## run the test suite
	$(BIN)/python -m pytest

bench: install  ## time extraction, loading and the notebook build (cold, naive, no-op)
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_build.py

clean:  ## remove the virtual environment
	rm -rf $(VENV)
