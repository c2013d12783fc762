"""Settings shared by every environment, read from the environment (12-factor).

The embedded default needs nothing set: SQLite under ``var/``, tasks run inline,
in-process cache. Production sets ``DATABASE_URL`` (PostgreSQL), ``REDIS_URL`` and
``SECRET_KEY`` (see ``.env.example`` and ``production.py``).
"""

from pathlib import Path
from typing import Any

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "guanjia"
VAR_DIR = Path(environ.Env().str("GUANJIA_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(env_file)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The base URL used in links sent to residents (tracking pages, rating links).
PUBLIC_BASE_URL: str = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "django_htmx",
    # Guanjia's own apps, each owning one part of the domain (see docs/architecture.md).
    "guanjia.core",
    "guanjia.accounts",
    "guanjia.properties",
    "guanjia.sla",
    "guanjia.tickets",
    "guanjia.notifications",
    "guanjia.triage",
    "guanjia.answers",
    "guanjia.reports",
    "guanjia.console",
    "guanjia.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "guanjia.urls"
WSGI_APPLICATION = "guanjia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'guanjia.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Keep each worker's connection between requests: opening a PostgreSQL connection (a new
    # server process, authentication, settings) cost more than a whole tracking page's queries.
    # The health check replaces a connection the server dropped instead of failing the request.
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=300))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's default random_page_cost (4) models spinning disks: on SSD storage it made the
    # planner read a million orders to join a month's 27,000 ratings instead of probing each by its
    # key (0.95 s against 0.08 s at 1,000,000 orders). Set to 4 for a database on spinning disks;
    # empty leaves the server's own setting.
    if page_cost := env.str("PG_RANDOM_PAGE_COST", default="1.1"):
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c random_page_cost={float(page_cost)}".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the built-in scheduler sweep while the web server writes; the busy
    # timeout makes a writer wait for the other instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "guanjia.accounts.backends.PhoneOrUsernameBackend",
]
LOGIN_URL = "console:login"
LOGIN_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: Simplified Chinese by default, Traditional Chinese and English shipped.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("zh-hant", _("Traditional Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS: list[str | Path | tuple[str, Path]] = [PACKAGE_DIR / "static"]
# Front-end packages come from the npm registry at install time (package-lock.json);
# they are served from node_modules, never from a CDN, so an intranet install works.
NODE_MODULES_DIR = BASE_DIR / "node_modules"
if NODE_MODULES_DIR.exists():
    STATICFILES_DIRS.append(("vendor", NODE_MODULES_DIR))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": env.str("DEFAULT_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Photos: the largest upload accepted, in bytes.
GUANJIA_PHOTO_MAX_BYTES = env.int("GUANJIA_PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = GUANJIA_PHOTO_MAX_BYTES + 1024 * 1024
# How often an open queue or board asks the server for new orders, in seconds.
GUANJIA_QUEUE_REFRESH_SECONDS = env.int("GUANJIA_QUEUE_REFRESH_SECONDS", default=15)

# Background work. With REDIS_URL set, Celery talks to Redis; without it every task
# runs inline in the process that queued it (the embedded default).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "sla-sweep": {"task": "guanjia.sla.tasks.sweep", "schedule": 60.0},
    "notifications-retry": {"task": "guanjia.notifications.tasks.retry_failed", "schedule": 120.0},
    # Idempotent: summarises closed months for the trends, writes last month's reviews by the 5th.
    "reports-housekeeping": {"task": "guanjia.reports.tasks.housekeeping", "schedule": 3600.0},
}

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions are read from the cache and written through to the database: every console page and
# API call by a logged-in user skips one query, and a cache restart loses no login.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "guanjia.core.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "guanjia.core.api.errors.exception_handler",
}
# App tokens expire; a client with an expired token is asked to log in again.
GUANJIA_TOKEN_TTL_DAYS = env.int("GUANJIA_TOKEN_TTL_DAYS", default=30)
SPECTACULAR_SETTINGS = {
    "TITLE": "Guanjia API",
    "DESCRIPTION": "Work orders, households and standard answers for a property service desk.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

# Notifications: which transports deliver messages (see guanjia.notifications.transports).
GUANJIA_NOTIFICATION_TRANSPORTS = env.list("GUANJIA_NOTIFICATION_TRANSPORTS", default=["inbox", "log"])
GUANJIA_WEBHOOK_URL = env.str("GUANJIA_WEBHOOK_URL", default="")
# Intake's classification suggestion (guanjia.tickets.triage_seam); empty turns it off.
GUANJIA_TRIAGE_SUGGEST = env.str("GUANJIA_TRIAGE_SUGGEST", default="guanjia.triage.seam.suggest")
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="guanjia@localhost")

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Outside production, WhiteNoise serves straight from the finders (no collectstatic needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
