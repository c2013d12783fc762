"""Settings for the test suite: the database comes from DATABASE_URL (SQLite by default)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "guanjia-tests"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite://:memory:")}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://localhost/"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
GUANJIA_NOTIFICATION_TRANSPORTS = ["inbox", "log"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
