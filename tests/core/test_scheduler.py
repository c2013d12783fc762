"""The embedded setup's built-in scheduler runs the same periodic work as Celery beat."""

import threading

from django.conf import settings

from guanjia.core.management.commands.serve import run_scheduler


def test_every_periodic_task_in_the_beat_schedule_is_found_and_run(db, monkeypatch):
    from celery import current_app

    ran = []
    stop = threading.Event()

    def fake_apply(self, *args, **kwargs):
        ran.append(self.name)
        if len(ran) == len(settings.CELERY_BEAT_SCHEDULE):
            stop.set()

    monkeypatch.setattr(current_app.Task, "apply", fake_apply)
    runner = threading.Thread(target=run_scheduler, args=(stop, 0.01))
    runner.start()
    runner.join(timeout=10)
    stop.set()

    assert sorted(ran) == sorted(entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values())
