"""Scenarios measured inside one process: the SLA sweep and the triage assistant."""

import json
import statistics
import time
from datetime import timedelta
from importlib import resources

from django.db import transaction
from django.utils import timezone

OPEN_CLOCKS = 50_000
JUST_DUE = 1_000


def sla_sweep(log) -> dict:
    """50,000 running clocks of which 1,000 just fell due: one sweep step, as beat runs it.

    The step is timed up to the moment its messages are queued (stored, with their deliveries
    handed to Celery), as in production where a worker sends them. Without REDIS_URL Celery
    runs the delivery task inline, inside the step; the bench holds those tasks back, times the
    step, then sends them through the same task and reports that time on its own.
    """
    from guanjia.notifications import services as notification_services
    from guanjia.notifications.tasks import deliver
    from guanjia.sla.choices import ClockState
    from guanjia.sla.models import Clock
    from guanjia.sla.sweep import sweep

    now = timezone.now()
    ids = list(Clock.objects.order_by("-started_at").values_list("pk", flat=True)[:OPEN_CLOCKS])
    with transaction.atomic():
        Clock.objects.filter(pk__in=ids[JUST_DUE:]).update(
            state=ClockState.RUNNING, due_at=now + timedelta(hours=4), warn_at=now + timedelta(hours=3),
            met_at=None, breached_at=None, warned_at=None, escalation_level=0, next_escalation_at=None)
        Clock.objects.filter(pk__in=ids[:JUST_DUE]).update(
            state=ClockState.RUNNING, due_at=now - timedelta(seconds=30), warn_at=now - timedelta(minutes=5),
            met_at=None, breached_at=None, warned_at=now - timedelta(minutes=5), escalation_level=0,
            next_escalation_at=None)
    log(f"sweep: {len(ids):,} running clocks, {min(JUST_DUE, len(ids)):,} just due")
    from django.urls import get_resolver

    get_resolver().app_dict  # noqa: B018 - a running worker loaded its URL configuration at its first sweep
    queued: list[int] = []
    enqueue = notification_services._enqueue
    notification_services._enqueue = queued.extend  # hold the delivery tasks back (see above)
    try:
        started = time.perf_counter()
        report = sweep(now=now)
        elapsed = time.perf_counter() - started
    finally:
        notification_services._enqueue = enqueue
    started = time.perf_counter()
    deliver.apply(args=[queued])
    sending = time.perf_counter() - started
    handled = report.breached + report.warned + report.escalated + report.sensitive
    log(f"sweep report: {report}")
    log(f"sweep step {elapsed * 1000:.0f} ms for {handled:,} clocks; then {len(queued):,} deliveries "
        f"sent through the delivery task in {sending * 1000:.0f} ms (a Celery worker's work in production)")
    return {"scenario": f"SLA sweep (50k open, {handled:,} handled)", "n": 1, "rps": None,
            "p50_ms": elapsed * 1000, "p95_ms": elapsed * 1000, "p99_ms": elapsed * 1000, "worker_mib": None}


def triage(log) -> dict:
    """The triage assistant on the package's own starter texts, one message at a time."""
    from guanjia.triage.services import triage_suggest

    lines = resources.files("guanjia.triage").joinpath("data/starter.jsonl").read_text(encoding="utf-8")
    texts = [json.loads(line)["text"] for line in lines.splitlines() if line.strip()]
    started = time.perf_counter()
    triage_suggest(text="电梯困人了")  # the first call loads the model: measured as start-up
    startup = time.perf_counter() - started
    latencies = []
    for text in texts * 3:
        t = time.perf_counter()
        triage_suggest(text=text)
        latencies.append(time.perf_counter() - t)
    q = statistics.quantiles(latencies, n=100)
    log(f"triage: start-up {startup * 1000:.0f} ms, {len(latencies)} messages")
    return {"scenario": f"triage per message (start-up {startup * 1000:.0f} ms)", "n": len(latencies),
            "rps": len(latencies) / sum(latencies), "p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000,
            "p99_ms": q[98] * 1000, "worker_mib": None}
