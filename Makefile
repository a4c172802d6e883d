# The README's commands. `make run` serves the portal on SQLite with the Kasur plan; `make test` runs
# every check CI runs. Both set up the virtualenv first, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup run test contract lint format bench bench-load messages prod-smoke

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

# DEBUG is off unless set: the local server and the test run switch it on for themselves.
run: export DEBUG = true
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_local
	$(PY) manage.py runserver 127.0.0.1:8000

test: export DEBUG = true
test: setup
	DJANGO_SETTINGS_MODULE=kasur_police.settings_test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest -n auto --dist worksteal

# The API against its own OpenAPI schema (schemathesis), on a live server with the Kasur plan.
contract: setup
	tests/contract/run_schemathesis.sh

lint: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Production on real engines: gunicorn and a Celery worker on PostgreSQL (its own database, plan_portal_smoke)
# and Redis (127.0.0.1:6379/1); logs in, edits the Kasur draft and waits for its PDF through 202 -> 200.
prod-smoke: setup
	$(PY) deploy/prod_smoke.py

bench: setup
	$(PY) bench/render_plan.py
	$(PY) bench/save_grid.py
	$(PY) bench/workbook.py
	$(PY) bench/country_scale.py --districts 150 --years 10

# Locust against gunicorn on the database bench/country_scale.py filled (see bench/README.md).
bench-load: setup bench/out/venv/bin/locust
	$(PY) bench/load_test.py

bench/out/venv/bin/locust: bench/requirements.txt
	$(PYTHON) -m venv bench/out/venv
	bench/out/venv/bin/pip install --quiet -r bench/requirements.txt

# After adding or changing user-facing strings: re-extract the Urdu catalogue, translate what is new in
# locale/ur/LC_MESSAGES/django.po, then run this again to compile it. The compiled .mo is committed, so
# `make run` needs no GNU gettext; this target does (xgettext, msgfmt).
messages: setup
	$(PY) manage.py makemessages -l ur --ignore=.venv --ignore=staticfiles --ignore=media --no-obsolete
	$(PY) manage.py compilemessages -l ur --ignore=.venv
