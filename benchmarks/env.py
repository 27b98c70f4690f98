"""The environment every benchmark script runs Django in, and its own database.

Production-like settings (DEBUG off, a fixed secret, jobs in-process) against a database that
belongs to the benchmarks alone. ``configure()`` must run before anything imports Django models.
"""

import os
import sys
from contextlib import closing
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench"
# Settings of a production server on loopback, minus HTTPS (no proxy in front of the benchmark).
BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-0f3c9a7e51d24b8c9e6a2d4f7b1c3e5a",
    "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "SECURE_COOKIES": "0",
    "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "CELERY_BROKER_URL": "",
    "LOG_LEVEL": "WARNING",
    "DB_CONN_MAX_AGE": "60",
    "MEDIA_ROOT": "/tmp/portal-bench-media",
    "STATIC_ROOT": "/tmp/portal-bench-static",
}


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL


def child_env(url: str | None = None, **extra: str) -> dict[str, str]:
    """The environment for a subprocess (gunicorn, a job, manage.py) on the benchmark database."""
    url = url or database_url()
    env = {**os.environ, **BENCH_ENV, "DATABASE_URL": url, "BENCH_DATABASE_URL": url, **extra}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def configure(url: str | None = None, **overrides: str) -> str:
    """Point Django at the benchmark database with production-like settings, then set it up."""
    url = url or database_url()
    os.environ.update({**BENCH_ENV, **overrides})
    Path(BENCH_ENV["STATIC_ROOT"]).mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = url
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return url


def is_postgres(url: str) -> bool:
    return urlparse(url).scheme in {"postgres", "postgresql"}


def database_name(url: str) -> str:
    """The database's name (PostgreSQL) or file path (SQLite: sqlite:////abs/path.db)."""
    path = urlparse(url).path
    return path[1:] if not is_postgres(url) else path.lstrip("/")


def with_database(url: str, name: str) -> str:
    """The same server's URL for database ``name``."""
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{name}"))


def admin_connection(url: str):
    import psycopg2

    parts = urlparse(url)
    conn = psycopg2.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    conn.autocommit = True
    return conn


def database_exists(url: str) -> bool:
    if not is_postgres(url):
        return Path(database_name(url)).exists()
    with closing(admin_connection(url)) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)])
        return cursor.fetchone() is not None


def create_database(url: str, *, drop: bool = False) -> None:
    """Create the benchmark database (dropping it first when ``drop``); refuses the test databases."""
    name = database_name(url)
    if not is_postgres(url):
        if drop:
            Path(name).unlink(missing_ok=True)
        return
    if name in {"", "postgres", "template0", "template1", "test"} or name.startswith("test_"):
        raise SystemExit(f"refusing to use database {name!r} for benchmarks: pick a name of its own")
    conn = admin_connection(url)
    try:
        with conn.cursor() as cursor:
            if drop:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()


def drop_database(url: str) -> None:
    if not is_postgres(url):
        Path(database_name(url)).unlink(missing_ok=True)
        return
    name = database_name(url)
    if name in {"", "postgres", "template0", "template1", "test"} or name.startswith("test_"):
        raise SystemExit(f"refusing to drop database {name!r}")
    conn = admin_connection(url)
    try:
        with conn.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        conn.close()
