"""Settings refuse malformed values with a clear message instead of starting wrong."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start_django(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_without_secret_key_refuses_to_start():
    result = start_django(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_demo_mode_starts_without_secret_key():
    assert start_django(DEBUG="1").stdout.strip() == "started"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "not a url", "postgres://localhost:5432/"])
def test_a_malformed_database_url_fails_with_a_clear_message(url):
    result = start_django(DEBUG="1", DATABASE_URL=url)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_a_malformed_boolean_is_refused():
    result = start_django(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_postgresql_connections_run_without_jit(db):
    """The JIT costs the country-wide dashboard about 0.8 s per request: the portal turns it off."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (DATABASE_URL is not a postgres:// URL)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def _setting(name: str, **env: str) -> str:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "STATIC_COLLECTED"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )
    return result.stdout.strip()


def test_the_demo_serves_collected_compressed_static_files_like_production():
    storage = "STORAGES['staticfiles']['BACKEND']"
    collected = "config.storage.CompressedHashedStaticFilesStorage"
    assert _setting(storage, DEBUG="0", SECRET_KEY="x" * 50) == collected
    assert _setting(storage, DEBUG="1", STATIC_COLLECTED="1") == collected  # what `make demo` sets
    assert _setting("WHITENOISE_USE_FINDERS", DEBUG="1", STATIC_COLLECTED="1") == "False"
    assert "STATIC_COLLECTED=1" in (ROOT / "Makefile").read_text()


def test_hashed_addresses_are_given_under_debug_too(tmp_path, settings):
    """Unhashed addresses could not be cached for long: the demo (DEBUG on) must give hashed ones."""
    import json

    from config.storage import CompressedHashedStaticFilesStorage

    manifest = {"version": "1.1", "hash": "0", "paths": {"css/portal.css": "css/portal.0123456789ab.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    settings.DEBUG = True
    storage = CompressedHashedStaticFilesStorage(location=tmp_path, base_url="/static/")
    assert storage.url("css/portal.css") == "/static/css/portal.0123456789ab.css"


def test_pages_are_sent_compressed(client, db):
    import gzip

    response = client.get("/dang-nhap/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "Đăng nhập" in gzip.decompress(response.content).decode()


def test_gzip_compresses_below_every_middleware_that_writes_a_body():
    from django.conf import settings

    order = settings.MIDDLEWARE
    gzip_at = order.index("django.middleware.gzip.GZipMiddleware")
    assert order.index("whitenoise.middleware.WhiteNoiseMiddleware") < gzip_at  # its files are compressed already
    assert all(order.index(m) > gzip_at for m in order if m.startswith(("csp.", "django_htmx.", "django.contrib.")))
    assert "django.middleware.locale.LocaleMiddleware" not in order  # it would follow Accept-Language


def test_a_cache_url_that_is_not_redis_is_refused():
    result = start_django(DEBUG="1", CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "CACHE_URL must be a redis:// address" in result.stderr


def test_with_a_cache_url_every_worker_counts_in_the_same_redis(tmp_path):
    """The API's throttle counts live in the cache: two processes (two gunicorn workers) see one count."""
    import shutil

    if not shutil.which("redis-server") and os.environ.get("REQUIRE_REDIS") != "1":
        pytest.skip("Redis is not installed")
    script = (
        "import django; django.setup(); from django.core.cache import cache; "
        "cache.add('settings-test-count', 0, 60); print(cache.incr('settings-test-count'))"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings", CACHE_URL="redis://127.0.0.1:6379/15")

    def count() -> str:
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-1000:]
        return done.stdout.strip()

    first, second = count(), count()
    assert int(second) == int(first) + 1


def test_the_web_server_loads_the_portal_warm_and_without_a_database_connection():
    """gunicorn loads the application once and forks it (config/gunicorn.conf.py): loading must
    compile the templates and fill the URL resolver, and open no connection a worker could share."""
    code = (
        "import os, config.wsgi\n"
        "from django.db import connections\n"
        "from django.template import engines\n"
        "from django.urls import get_resolver\n"
        "cache = engines['django'].engine.template_loaders[0].get_template_cache\n"
        "import gc\n"
        "print('assessment/score_edit.html' in cache, get_resolver()._populated,"
        " any(c.connection is not None for c in connections.all()), gc.get_freeze_count() > 1000)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="localhost")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "False", "True"]
    check = subprocess.run(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--check-config",
            "-c",
            "config/gunicorn.conf.py",
            "config.wsgi",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0, check.stderr
