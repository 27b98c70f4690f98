"""A benchmark database of 150 communes of its own for this test session, dropped afterwards.

It lives next to the test database on the same PostgreSQL server (never the test database
itself, never the full ``bench`` database). Without PostgreSQL these tests skip, except in CI
(REQUIRE_POSTGRES=1) where they fail.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks import env

ROOT = Path(__file__).resolve().parents[2]
SIZE = 150


def _server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if env.is_postgres(url) else "postgres://postgres@127.0.0.1:5432/postgres"


def _reachable(url: str) -> bool:
    try:
        env.database_exists(url)
    except Exception:  # psycopg2 raises OperationalError subclasses for every way of not connecting
        return False
    return True


def missing(reason: str) -> None:
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def bench_url() -> Iterator[str]:
    """The URL of a loaded benchmark database, unique to this test session."""
    url = env.with_database(_server_url(), f"bench_ci_{os.getpid()}")
    if not _reachable(url):
        missing("PostgreSQL is not reachable: the benchmark and fault scenarios need it")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "--size", str(SIZE)],
        cwd=ROOT,
        env=env.child_env(url),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    yield url
    env.drop_database(url)


def run_module(module: str, *args: str, url: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m <module> <args>`` on the benchmark database; its output is echoed for the log."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env.child_env(url),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    print(done.stdout)
    return done
