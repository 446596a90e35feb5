# Developer shortcuts. `make run` starts the dashboard on :8501; `make check` is the quick loop
# (lint and every test but the browser's); `make test` runs lint and every test.
VENV := .venv
PY   := $(VENV)/bin/python

.PHONY: install run check test lint format clean screenshots

# The stamp file makes dependencies reinstall only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

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
