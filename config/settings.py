"""Settings for the commune-government assessment portal.

Everything comes from environment variables (see README "Production"); the defaults run the
embedded demo: SQLite, jobs in-process, Vietnamese UI.
"""

import re
from datetime import timedelta
from pathlib import Path

import fontpkg_be_vietnam_pro
import xstatic.pkg.bootstrap
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

from config.env import env_bool, env_broker, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Set SECRET_KEY to a long random string, "
            "or DEBUG=1 for the local demo."
        )
    SECRET_KEY = "demo-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    # Two-factor sign-in (communes.security): django-otp's TOTP apps and printed backup codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    # The read-only web API for the province's other systems (reports/api): DRF, its OpenAPI schema,
    # and the doc page's Swagger UI served from the portal's own static files (no CDN).
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "communes",
    "personnel",
    "assessment",
    "reports",
]

# Pages are gzip-compressed (GZipMiddleware, below everything that reads or writes a body except
# WhiteNoise, whose static files are already compressed ahead of time, in brotli and gzip). BREACH,
# the attack that reads a secret from the size of compressed pages, is mitigated by Django itself:
# the CSRF token in every page is masked afresh on each response, and GZipMiddleware adds random
# bytes to each response ("Heal the Breach", Django 4.2+). django-debreach would add only what
# these already do, so it is not used. The proxy in front may compress instead; it must not
# compress twice (GZipMiddleware leaves a response that already has a Content-Encoding alone).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "communes.sessions.middleware.SessionRenewalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor: request.user.is_verified(), then every page leads an unverified user to the code.
    "django_otp.middleware.OTPMiddleware",
    "communes.security.middleware.TwoFactorMiddleware",
    # Accounts made for someone else: every page leads to "Đặt mật khẩu" until the user sets one.
    # Kept after the two-factor middleware (the code first, then the password).
    "communes.middleware.PasswordSetupMiddleware",
    # Vietnamese unless the user chose otherwise; never the browser's Accept-Language.
    "communes.middleware.PortalLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "communes.notifications.context_processors.bell",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "communes.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that loads the user's units with the user (one query instead of up to four a page).
    "communes.accounts.backends.PortalModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
# One-time links (a new account's "set your password", a forgotten password) work for 3 days: long
# enough for an account made on Friday to be opened on Monday (communes.accounts).
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
LOGOUT_REDIRECT_URL = "login"

# Repeated failed logins lock the username for a while (per username and address).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Two-factor sign-in (communes.security) with django-otp rather than django-two-factor-auth: the
# latter adds django-formtools, phonenumbers and its own wizard templates for SMS/calls the portal
# does not use; django-otp gives the devices, the tokens and the session state, the pages are ours.
# Wrong codes are counted by axes like wrong passwords; django-otp also slows repeated failures.
OTP_TOTP_ISSUER = "Cổng đánh giá Điện Biên"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# A visitor's choice before signing in is kept for a year; a user's is stored on the user.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Every asset is served by the portal itself: commune offices have slow links and no CDN is trusted.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
    ("vendor/fonts", str(fontpkg_be_vietnam_pro.ROOT / "files")),
]
PDF_FONT_DIR = fontpkg_be_vietnam_pro.ROOT / "files"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Static files are collected (collectstatic) with hashed names and brotli/gzip copies, which
# WhiteNoise serves compressed and cached for a year. Production always; the demo too (`make demo`
# sets STATIC_COLLECTED=1); only DEBUG without it serves the source files as they are edited.
STATIC_COLLECTED = env_bool("STATIC_COLLECTED", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_STORAGE",
            "config.storage.CompressedHashedStaticFilesStorage"
            if STATIC_COLLECTED
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
WHITENOISE_AUTOREFRESH = not STATIC_COLLECTED
# Source maps are read only by developer tools: not worth the minute their compression adds.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: with no broker (the embedded demo) jobs run in-process, synchronously.
CELERY_BROKER_URL = env_broker("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
# A report job is stopped after REPORT_JOB_TIME_LIMIT seconds (the soft limit a minute earlier
# lets it record why). A job still "running" with no sign of life for REPORT_JOB_STALE_SECONDS
# lost its worker (killed, machine stopped): beat marks it failed so the user can retry it. The
# limit must stay above the time limit, or a slow live job could be failed while it runs.
REPORT_JOB_TIME_LIMIT = 10 * 60
REPORT_JOB_STALE_SECONDS = env_int("REPORT_JOB_STALE_SECONDS", 15 * 60)
if REPORT_JOB_STALE_SECONDS < 1:
    raise ImproperlyConfigured(
        f"REPORT_JOB_STALE_SECONDS must be a positive number of seconds, got {REPORT_JOB_STALE_SECONDS}."
    )
# Redis (the broker): a stopped or hung Redis fails a publish within seconds instead of holding
# the user's request; a job's message is handed to another worker only once it has been unacked
# longer than any job can run (visibility timeout), never while the job still runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 3,  # above the consumer's 1 s BRPOP wait
    "visibility_timeout": max(60 * 60, 2 * REPORT_JOB_TIME_LIMIT),
}
# Celery beat: deadline reminders every morning (reports.tasks), 7 days and 1 day before each deadline;
# jobs whose worker died are looked for every minute (more often with a shorter stale limit).
CELERY_BEAT_SCHEDULE = {
    "deadline-reminders": {"task": "reports.send_deadline_reminders", "schedule": crontab(hour=7, minute=0)},
    # Emails that failed (broker or mail server down) are queued again for a day.
    "retry-notification-emails": {
        "task": "communes.retry_notification_emails",
        "schedule": timedelta(minutes=15),
        "options": {"expires": 15 * 60},
    },
    "stale-report-jobs": {
        "task": "reports.fail_stale_report_jobs",
        "schedule": timedelta(seconds=min(60, max(1, REPORT_JOB_STALE_SECONDS // 5))),
        "options": {"expires": REPORT_JOB_STALE_SECONDS},
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cong-thong-tin@snv.dienbien.gov.vn")
# Links in notification emails start with this address (the portal as its users reach it).
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://localhost:8000")

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
# Sessions end after SESSION_COOKIE_AGE seconds without a request. They slide without a write on
# every page (communes.sessions): renewed once their stored expiry is SESSION_RENEW_AFTER seconds old.
SESSION_ENGINE = "communes.sessions.backends"
SESSION_RENEW_AFTER = env_int("SESSION_RENEW_AFTER", 300)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# No script reads the CSRF cookie: htmx takes the token from the page (base.html).
CSRF_COOKIE_HTTPONLY = True
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
# Behind the HTTPS proxy a plain-HTTP request is sent to HTTPS, and once SECURE_HSTS_SECONDS is set
# browsers keep to HTTPS for the portal's host and its subdomains.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", BEHIND_HTTPS_PROXY)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
# Preloading is decided by the owner of the registrable domain (dienbien.gov.vn), not by this
# portal: until they submit it, the deploy check's reminder about it (security.W021) is silenced.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
# The form refused by the CSRF check gets the portal's page, in Vietnamese, saying what to do.
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
# No inline script anywhere: every script is a static file of the portal. Inline styles stay
# allowed for the SVG charts drawn on the server and the style attributes of progress bars.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The cache: shared by every gunicorn worker when CACHE_URL names a Redis database (production, the
# docker-compose file), else per process (the embedded demo). The API's throttle counters live here.
CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// address, got {CACHE_URL!r}.")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# The web API (reports/api, README "API cho hệ thống khác"): token-only, read-only, paginated, each
# client system throttled on its own (API_RATE requests, e.g. "600/hour"; the counters live in the
# cache above: one count across workers when CACHE_URL is set).
API_RATE = env_str("API_RATE", "600/hour")
if not re.fullmatch(r"[1-9][0-9]*/(second|minute|hour|day)", API_RATE):
    raise ImproperlyConfigured(
        f"API_RATE must look like 600/hour (a number, then second, minute, hour or day), got {API_RATE!r}."
    )
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["reports.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["reports.api.permissions.IsApiClient"],
    "DEFAULT_THROTTLE_CLASSES": ["reports.api.throttling.ApiClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_client": API_RATE},
    "DEFAULT_PAGINATION_CLASS": "reports.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API cổng đánh giá chính quyền cơ sở",
    "DESCRIPTION": (
        "Read-only API for the province's other systems. Every request carries "
        "`Authorization: Bearer <token>`; a token is issued per client system by an administrator "
        "and reads only its scope (the province, or a set of communes)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"ClassificationEnum": "assessment.models.criteria.Classification"},
    "SWAGGER_UI_SETTINGS": {"supportedSubmitMethods": [], "persistAuthorization": False},
}

# The province whose portal this is (GSO code 11: Điện Biên).
PORTAL_PROVINCE_CODE = env_int("PORTAL_PROVINCE_CODE", 11)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
