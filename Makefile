# The two front-door commands: `make demo` and `make test` (see README).
PY := .venv/bin/python
DEMO_ENV := DEBUG=1
HOST ?= 127.0.0.1:8000

.PHONY: demo test lint format setup messages bench loadtest

setup:
	bin/setup requirements-dev.txt

demo: setup
	$(DEMO_ENV) $(PY) manage.py compilemessages --ignore=.venv -v0
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py seed_demo
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST)

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
