# The whole set-up: `make serve` (site at http://127.0.0.1:8000) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
# the engine: mkdocs, or properdocs (make build ENGINE=properdocs)
ENGINE ?= mkdocs
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install lock serve build test check golden lint clean bench

# Exact versions with their hashes (requirements/lock.txt, `make lock`), then the project itself.
$(VENV)/.installed: pyproject.toml requirements/lock.txt
	python3 -m venv $(VENV) || { echo "python3 -m venv failed: on Debian, apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/lock.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

## Resolve requirements/lock.txt again from pyproject.toml (newest allowed versions, with hashes).
lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --universal --generate-hashes \
	  --python-version 3.11 --upgrade --quiet --custom-compile-command "make lock" -o requirements/lock.txt

## Generate the pages from seeds/ and serve the site with live reload; a save rebuilds the pages
## it changed (--dirty, see generator/engines/preview.py). One language only: make serve PREVIEW_LANGUAGE=vi
serve: install
	$(PY) -m $(ENGINE) serve --dirty --dev-addr 127.0.0.1:8000

## Generate and build the site into site/ (strict: any warning fails).
## With the other engine: make build ENGINE=properdocs (reads properdocs.yml, which inherits mkdocs.yml)
build: install
	$(PY) -m $(ENGINE) build --strict

## Validate the seeds; write nothing (strict: warnings are errors).
check: install
	$(PY) -m generator check --strict

## Every test: unit, golden, error messages, strict site build, browser.
test: install
	bash .ci/browser-deps
	$(PY) -m ruff check generator tests
	$(PY) -m mypy
	$(PY) -m generator check --strict
	$(PY) -m pytest

## Benchmark: stage times, files written, memory, no-op regeneration, page weights, serve latency
## (seed site and synthetic corpora of 10, 100, 1000 articles; about 5 minutes on 2 cores).
## Smaller: make bench SIZES="10 100"
SIZES ?= 10 100 1000
SERVE_SIZES ?= 1 100 1000
bench: install
	bash .ci/browser-deps
	$(PY) tests/bench/bench.py --sizes "$(SIZES)" --serve-sizes "$(SERVE_SIZES)"

## Rewrite the golden files after a deliberate change of the output (review the diff!).
golden: install
	UPDATE_GOLDEN=1 $(PY) -m pytest tests/test_golden.py -q

clean:
	rm -rf site .pytest_cache
