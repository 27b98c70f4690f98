"""Typed readers for environment variables that refuse malformed values.

A misconfigured production server should fail at start with a message naming the
variable, not run with a silently wrong setting.
"""

import os
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name: str, default: str) -> dict:
    """Parse a database URL (postgres://, postgresql://, sqlite:///path) into Django's DATABASES entry."""
    import dj_database_url

    raw = os.environ.get(name) or default
    scheme = urlparse(raw).scheme
    if scheme not in {"postgres", "postgresql", "sqlite"}:
        raise ImproperlyConfigured(f"{name} must start with postgres://, postgresql:// or sqlite:///, got {raw!r}.")
    try:
        config = dj_database_url.parse(raw, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except Exception as exc:  # dj_database_url raises several types for bad URLs
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from None
    if scheme != "sqlite" and not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} must name a database, got {raw!r}.")
    if scheme != "sqlite":
        # PostgreSQL's JIT compiles the dashboards' aggregates on every request (about 0.8 s for
        # the whole country's officials) to save a few milliseconds: off, as for most web apps.
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return config


def env_broker(name: str) -> str:
    raw = os.environ.get(name, "").strip()
    if raw and urlparse(raw).scheme not in {"redis", "rediss", "amqp", "memory"}:
        raise ImproperlyConfigured(f"{name} must be a redis:// or amqp:// URL, got {raw!r}.")
    return raw
