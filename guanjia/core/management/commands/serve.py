"""Serve the embedded setup: the web app plus a built-in scheduler for periodic work.

In production Celery beat drives ``CELERY_BEAT_SCHEDULE``; here a background thread
runs the same tasks in-process at the same intervals, so ``make demo`` escalates late
orders without Redis or a worker.
"""

import logging
import threading
import time
from typing import Any

from celery import current_app
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

logger = logging.getLogger("guanjia.scheduler")


def run_scheduler(stop: threading.Event, tick_seconds: float = 5.0) -> None:
    # A plain Django process has not imported the apps' tasks modules; Celery's worker would.
    current_app.loader.import_default_modules()
    schedule = {name: (entry["task"], float(entry["schedule"]))
                for name, entry in settings.CELERY_BEAT_SCHEDULE.items()}
    next_run = dict.fromkeys(schedule, 0.0)
    while not stop.is_set():
        now = time.monotonic()
        for name, (task_name, interval) in schedule.items():
            if now < next_run[name]:
                continue
            next_run[name] = now + interval
            task = current_app.tasks.get(task_name)
            if task is None:
                logger.error("scheduled task %s is not registered", task_name)
                continue
            try:
                close_old_connections()
                task.apply()
            except Exception:  # one failing job must not stop the scheduler
                logger.exception("scheduled task %s failed", task_name)
            finally:
                close_old_connections()
        stop.wait(tick_seconds)


class Command(BaseCommand):
    help = "Serve Guanjia with the built-in scheduler (the embedded default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument("--no-scheduler", action="store_true", help="Do not run periodic tasks.")

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        if not options["no_scheduler"]:
            threading.Thread(target=run_scheduler, args=(stop,), name="guanjia-scheduler", daemon=True).start()
            self.stdout.write("Built-in scheduler started (SLA sweep every minute).")
        try:
            call_command("runserver", f"{options['host']}:{options['port']}", use_reloader=False)
        finally:
            stop.set()
