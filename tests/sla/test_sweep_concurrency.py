"""Several workers sweeping the same minute: each breach and escalation happens once.

Real concurrent transactions need PostgreSQL (SQLite serialises writers anyway)."""

import threading

import pytest
from django.conf import settings
from django.db import connections

from guanjia.notifications.models import Notification
from guanjia.sla.sweep import sweep
from guanjia.tickets.choices import EventType
from guanjia.tickets.models import WorkOrderEvent
from tests.factories import RoomFactory
from tests.sla.factories import at, received

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"],
                       reason="concurrent sweeps need PostgreSQL (DATABASE_URL=postgres://…)"),
    pytest.mark.django_db(transaction=True),
]

WORKERS = 6
ORDERS = 15


def test_six_workers_sweeping_at_once_breach_each_clock_once(community, agent, supervisor):
    for _ in range(ORDERS):
        received(community=community, room=RoomFactory(community=community), owner=agent,
                 when=at("2026-11-23 10:00"))
    barrier = threading.Barrier(WORKERS)
    reports, errors = [], []

    def work():
        try:
            barrier.wait()
            reports.append(sweep(now=at("2026-11-23 10:16")))
        except Exception as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == [] and sum(r.failed for r in reports) == 0
    assert sum(r.breached for r in reports) == ORDERS
    assert WorkOrderEvent.objects.filter(type=EventType.DEADLINE_BREACHED).count() == ORDERS
    assert Notification.objects.filter(recipient=supervisor, kind="sla_escalation").count() == ORDERS
