# The README's two commands: `make run` and `make test`. Everything they need is installed
# by the targets below (Python packages in .venv, npm packages, Debian's libmagic and Chromium).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
PYTEST_WORKERS ?= 2

.PHONY: setup run db test test-fast test-browser lint chromium libmagic postgres clean

setup: libmagic $(VENV)/.installed node_modules/.installed

# Uploads are typed by their content through libmagic (python-magic needs Debian's library).
libmagic:
	@ldconfig -p 2>/dev/null | grep -q 'libmagic\.so\.1' || { apt-get update -qq && apt-get install -y -qq libmagic1 >/dev/null; }

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

db: setup
	$(PY) manage.py migrate --no-input -v0
	PORTAL_DEMO=true $(PY) manage.py load_seed_content

# The worker (notification mail, and the daily round it plans itself) runs beside the web
# server and stops with it.
run: db
	@echo "Het portaal draait op http://$(HOST)/ (beheer: http://$(HOST)/admin/)"
	$(PY) manage.py plan_daily_round
	PORTAL_DEMO=true $(PY) manage.py db_worker --backend achtergrond --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; trap 'exit 0' INT TERM; \
	PORTAL_DEMO=true $(PY) manage.py runserver $(HOST)

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run -v1
	DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=check-only-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz \
		$(PY) manage.py check --deploy --fail-level WARNING

test-fast: setup
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m "not browser" -q

test-browser: setup chromium
	$(VENV)/bin/pytest -m browser -p no:xdist -q

test: lint test-fast test-browser

clean:
	rm -rf $(VENV) node_modules var db.sqlite3 db.sqlite3-wal db.sqlite3-shm
