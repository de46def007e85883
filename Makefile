# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run serve test install messages lint clean

$(VENV)/.installed: pyproject.toml
	@scripts/check-system
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]" > $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	touch $@

install: $(VENV)/.installed messages

# Compiled catalogs are built, not committed.
messages: $(VENV)/.installed
	@if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then \
		DJANGO_SETTINGS_MODULE=cabmi_portal.settings $(PY) manage.py compilemessages --ignore=.venv --verbosity=0; fi

run: install
	$(PY) manage.py migrate --verbosity=0
	$(PY) manage.py collectstatic --noinput --verbosity=0
	$(PY) manage.py load_demo
	$(PY) manage.py create_demo_staff
	DEBUG=1 $(PY) manage.py runserver $(HOST)

# Production-style (scripts/serve): gunicorn, WhiteNoise, a task worker; DATABASE_URL, REDIS_URL, HOST, WEB_CONCURRENCY.
serve: install
	HOST=$(HOST) scripts/serve

test: install
	scripts/test

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
