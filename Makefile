# PilotHub: `make demo` serves the demo on http://127.0.0.1:8000 (SQLite, nothing else needed);
# `make test` installs what the tests need and runs every gate. See README.md.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PILOTHUB := $(BIN)/pilothub
PG_DIR ?= /tmp/pilothub-pg-test
PG_PORT ?= 55432
# Two workers: the CI machine has two cores.
PYTEST_WORKERS ?= 2
DEMO_DIR ?= $(CURDIR)/var

export PILOTHUB_VAR_DIR ?= $(DEMO_DIR)

.PHONY: demo serve test install install-test system-deps lint typecheck migrations-check \
        test-sqlite test-postgres test-browser test-stack bench load-test eval messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e ".[test]"

demo: install
	$(PILOTHUB) migrate --noinput -v0
	$(PILOTHUB) demo-data
	@$(PILOTHUB) demo-accounts
	$(PILOTHUB) runserver 127.0.0.1:8000

serve:
	$(PILOTHUB) runserver 127.0.0.1:8000

system-deps:
	bash scripts/install-system-deps.sh

lint: install-test
	$(BIN)/ruff check src

typecheck: install-test
	$(BIN)/mypy src/pilothub

migrations-check: install-test
	DJANGO_SETTINGS_MODULE=pilothub.settings.test $(PILOTHUB) makemigrations --check --dry-run

test-sqlite: install-test
	$(BIN)/python -m pytest -m "not browser and not stack" -n $(PYTEST_WORKERS) -q

test-postgres: install-test system-deps
	bash scripts/test-postgres.sh $(PG_DIR) $(PG_PORT) $(BIN)/python -m pytest -m "not browser and not stack" -n $(PYTEST_WORKERS) -q

test-browser: install-test system-deps
	$(BIN)/python -m pytest -m browser -q

test-stack: install-test system-deps
	$(BIN)/python -m pytest -m stack -q

test: install-test system-deps lint typecheck migrations-check test-sqlite test-postgres test-browser test-stack
	@echo "make test: all gates passed"

bench: install-test system-deps
	bash scripts/bench.sh

# Load test of the production stack with 100k platforms, 1M equipment, 1M orders (about 15 min).
load-test: install-test system-deps
	PY=$(CURDIR)/$(BIN)/python bash scripts/load-test.sh $(LOAD_SCALE)

eval: install-test
	$(BIN)/python -m pilothub.matching.evaluate

messages: install-test
	PYTHONPATH=src DJANGO_SETTINGS_MODULE=pilothub.settings.test $(BIN)/python -m pilothub makemessages -l en --no-obsolete \
	  -i "src/pilothub/static/*" -i "src/pilothub/policy/engine/*" -i "*/tests/*" -i "eval/*" -i "docs/*" -i "scripts/*" -i "deploy/*"
	PYTHONPATH=src DJANGO_SETTINGS_MODULE=pilothub.settings.test $(BIN)/python -m pilothub compilemessages -l en

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
