"""Celery application.

In production the broker is Redis (``REDIS_URL``) and a beat process drives the
periodic SLA sweep. In the embedded default (no ``REDIS_URL``) tasks run eagerly in
the calling process and the sweep runs on the built-in scheduler (``guanjia serve``).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanjia.settings.local")

app = Celery("guanjia")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
