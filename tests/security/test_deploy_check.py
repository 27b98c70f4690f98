"""Production settings pass Django's deployment check, and behave as it expects behind HTTPS."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A production server as the README describes it: behind the HTTPS reverse proxy, HSTS on.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k7Pq2vX9mZ4rT1wY8uN3bC6dF0gH5jL2sA9eR4tY7uI1oP3aS6dF8gH0jK2lZ5xC",
    "ALLOWED_HOSTS": "danhgia.snv.dienbien.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://danhgia.snv.dienbien.gov.vn",
    "BEHIND_HTTPS_PROXY": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "DATABASE_URL": "sqlite:///:memory:",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}
PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="danhgia.snv.dienbien.gov.vn")
plain = client.get("/dang-nhap/")
secure = client.get("/dang-nhap/", HTTP_X_FORWARDED_PROTO="https")
cookie = secure.cookies["csrftoken"]
print(json.dumps({"plain": [plain.status_code, plain.get("Location", "")],
                  "hsts": secure.get("Strict-Transport-Security", ""),
                  "csrf_secure": bool(cookie["secure"]), "csrf_httponly": bool(cookie["httponly"])}))
"""


def run_production(*args: str, **extra: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_", "DATABASE_"))}
    environment.update(PRODUCTION, **extra)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_the_deployment_check_finds_nothing_with_production_settings():
    done = run_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_behind_the_https_proxy_plain_http_is_redirected_and_browsers_are_told_to_keep_to_https():
    # Hashed static names need collectstatic's manifest; the probe renders the login page without it.
    done = run_production("-c", PROBE, STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["plain"] == [301, "https://danhgia.snv.dienbien.gov.vn/dang-nhap/"]
    assert found["hsts"] == "max-age=31536000; includeSubDomains"
    assert found["csrf_secure"] and found["csrf_httponly"]
