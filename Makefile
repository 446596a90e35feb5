# Developer shortcuts. `make run` starts the dashboard on :8501; `make check` is the quick loop
# (lint and every test but the browser's); `make test` runs lint and every test.
VENV := .venv
PY   := $(VENV)/bin/python

.PHONY: install lock run check test lint format clean screenshots

# Installs from the lock (every package, the transitive ones too, at the version the tests
# passed with, and its hashes); the stamp file makes it reinstall only when the lock changes.
$(VENV)/.installed: requirements-dev.lock
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# After editing requirements.txt or requirements-dev.txt (the top-level lists): the locks again,
# with pip-tools in a throwaway venv. Pins already in a lock stay unless their requirement
# changed; `make lock LOCK_ARGS="--upgrade-package NAME"` moves one (needs PyPI).
PIP_TOOLS := pip-tools==7.7.0
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	--no-emit-find-links --no-emit-trusted-host $(LOCK_ARGS)
lock:
	rm -rf .lock-tools && python3 -m venv .lock-tools
	.lock-tools/bin/pip install --quiet $(PIP_TOOLS)
	.lock-tools/bin/pip-compile $(LOCK_FLAGS) --output-file requirements.lock requirements.txt
	.lock-tools/bin/pip-compile $(LOCK_FLAGS) --output-file requirements-dev.lock \
		requirements-dev.txt
	rm -rf .lock-tools

# init migrates (and on an empty database creates the admin, printing its password once);
# seed-demo is idempotent, so running it every time is harmless.
run: $(VENV)/.installed
	$(PY) manage.py init
	$(PY) manage.py seed-demo
	$(PY) -m streamlit run dashboard.py --server.port 8501 --server.address 0.0.0.0 \
		--server.headless true

# The loop after every change: lint and every test but the browser's (tests/core, tests/db,
# tests/pages). `make test` is everything, browser journeys included; CI runs it.
check: lint
	$(PY) -m pytest -q -n auto --durations=10 tests/core tests/db tests/pages

test: lint
	$(PY) -m pytest -q -n auto --durations=15

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.installed
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf .pytest_cache .ruff_cache test-artifacts
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

# The browser tests leave one screenshot per test in test-artifacts/.
screenshots:
	mkdir -p docs/screenshots
	cp test-artifacts/test_first_login_after_fresh_start_works.png docs/screenshots/overview.png
	cp test-artifacts/test_an_officer_enters_saves_submits_and_the_overview_follows.png \
		docs/screenshots/journey-submitted.png
	cp test-artifacts/test_drill_down_from_the_commune_to_a_hamlet.png docs/screenshots/journey-hamlet.png
	cp test-artifacts/scorecard.png test-artifacts/scorecard-grey.png \
		test-artifacts/presentation.png test-artifacts/trend-across-the-break.png \
		docs/screenshots/
	cp test-artifacts/test_a_hamlet_team_reads_value_and_status_on_a_phone.png \
		docs/screenshots/phone-hamlet.png
