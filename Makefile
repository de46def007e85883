# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run login serve test install messages lint clean

$(VENV)/.installed: pyproject.toml
	@scripts/check-system
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]" > $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	touch $@

install: $(VENV)/.installed node_modules/.installed messages

# axe-core and the Nu HTML checker (vnu.jar) for the browser tests; without npm those tests skip.
node_modules/.installed: package.json
	@if command -v npm >/dev/null; then npm install --no-package-lock --silent && touch $@; \
	else echo "npm not found: the accessibility and HTML checks will be skipped (scripts/check-browser installs it)"; fi

# Compiled catalogs are built, not committed.
messages: $(VENV)/.installed
	@if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then \
		DEBUG=1 DJANGO_SETTINGS_MODULE=cabmi_portal.settings $(PY) manage.py compilemessages --ignore=.venv --verbosity=0; fi

# A laptop: DEBUG=1 lets the portal use its local-only SECRET_KEY (with DEBUG=0 it refuses to start without one).
run: install
	DEBUG=1 $(PY) manage.py migrate --verbosity=0
	DEBUG=1 $(PY) manage.py collectstatic --noinput --verbosity=0
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py create_demo_staff --address http://$(HOST)/admin/
	DEBUG=1 $(PY) manage.py runserver $(HOST)

# Prints the demo's staff login again (make run prints it only when it creates it).
login: $(VENV)/.installed
	@$(PY) manage.py create_demo_staff --address http://$(HOST)/admin/ --show-password

# Production-style (scripts/serve): gunicorn, WhiteNoise, a task worker; DATABASE_URL, REDIS_URL, HOST, WEB_CONCURRENCY.
serve: install
	HOST=$(HOST) scripts/serve

test: install
	scripts/test

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) node_modules build db.sqlite3 .demo-login media staticfiles
