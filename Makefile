# cocreate — `make run` serves the site with demo data on http://127.0.0.1:8000; `make test` tests it.
SHELL := /bin/bash
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: run serve test test-browser lint format bench lock clean install install-dev demo messages help openapi

help:
	@echo "make run     set up everything (first time), load demo data, serve on 127.0.0.1:$(PORT)"
	@echo "make test    run the test suite (SQLite; DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make lint    ruff, mypy, import layers, migrations check"
	@echo "make bench   benchmarks; figures go to docs/benchmarks.md"

$(BIN)/python:
	@test -n "$(PYTHON)" || (echo "No Python >= 3.12 found (see scripts/find-python)." >&2; exit 1)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/cocreate migrate --no-input
	$(BIN)/cocreate seed_demo

run: demo
	$(BIN)/cocreate collectstatic --no-input --verbosity 0
	scripts/serve

serve:
	scripts/serve

test: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

test-browser: install-dev
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy cocreate config
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/cocreate makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-dev
	scripts/bench

openapi: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/cocreate openapi --write

# Each app keeps its own catalogue in cocreate/<app>/locale/; config strings (the language
# names) are in locale/. English is the source language, so only Korean has a catalogue.
messages: install-dev
	@for dir in cocreate/*/locale config; do \
	  app=$${dir%/locale}; echo "== $$app"; \
	  (cd $$app && $(CURDIR)/$(BIN)/cocreate makemessages -l ko --no-obsolete --ignore 'tests/*' && \
	   $(CURDIR)/$(BIN)/cocreate compilemessages --ignore '.venv' >/dev/null) || exit 1; \
	done

lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.12 --generate-hashes --quiet -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.12 --generate-hashes --quiet -o requirements-dev.lock

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache
