# The two front-door commands: `make demo` and `make test` (see README).
PY := .venv/bin/python
# The demo serves its static files as production does: collected with hashed names and brotli/gzip
# copies, through WhiteNoise (runserver --nostatic), so a browser fetches each file once, compressed.
DEMO_ENV := DEBUG=1 STATIC_COLLECTED=1
# Where the demo listens: `make demo HOST=0.0.0.0:8080` (any address:port runserver accepts).
HOST ?= 127.0.0.1:8000
STATIC_SOURCES := $(shell find static $(wildcard */static) -type f 2>/dev/null)

.PHONY: demo test lint format setup messages bench loadtest

setup:
	bin/setup requirements-dev.txt

demo: setup
	$(DEMO_ENV) $(PY) manage.py compilemessages --ignore=.venv -v0
	$(MAKE) staticfiles/staticfiles.json
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py seed_demo
	$(DEMO_ENV) $(PY) manage.py runserver --nostatic $(HOST)

# Collected again only when a static file or a pinned package (Bootstrap, the fonts) changed.
staticfiles/staticfiles.json: $(STATIC_SOURCES) requirements.txt
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput -v0
	touch $@

test: setup
	$(DEMO_ENV) $(PY) manage.py compilemessages --ignore=.venv -v0
	$(PY) -m pytest $(PYTEST_ARGS)

# Lint and format check (ruff, configured in pyproject.toml); `make format` rewrites the files.
lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

# Regenerate the translation catalogues after adding UI text (source strings are Vietnamese).
messages:
	DEBUG=1 $(PY) manage.py makemessages -l en --ignore=.venv --ignore=staticfiles --no-obsolete
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

# Issue 6: the national-size benchmark and the bounded load run, on their own PostgreSQL database
# (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/bench; loaded on first use).
bench:
	$(PY) -m benchmarks.run --size all $(BENCH_ARGS)

loadtest:
	$(PY) -m benchmarks.loadtest $(LOADTEST_ARGS)
