"""Several workers sweeping the same minute: each breach and escalation happens once.

Real concurrent transactions need PostgreSQL (SQLite serialises writers anyway)."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connections, transaction

from guanjia.notifications.models import Notification
from guanjia.sla import sweep as sweep_module
from guanjia.sla.choices import ClockState, ClockType
from guanjia.sla.sweep import sweep
from guanjia.tickets.choices import EventType
from guanjia.tickets.lock_objects import lock_work_order
from guanjia.tickets.models import WorkOrderEvent
from tests.factories import RoomFactory
from tests.sla.factories import at, clock, received

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"],
                       reason="concurrent sweeps need PostgreSQL (DATABASE_URL=postgres://…)"),
    pytest.mark.django_db(transaction=True),
]

WORKERS = 6
ORDERS = 15


@pytest.mark.parametrize("batch_size", [500, 2], ids=["one batch each", "many small batches"])
def test_six_workers_sweeping_at_once_breach_each_clock_once(community, agent, supervisor, monkeypatch,
                                                             batch_size):
    monkeypatch.setattr(sweep_module, "SWEEP_BATCH_SIZE", batch_size)
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


def test_an_order_a_desk_is_changing_is_left_for_the_next_run_not_waited_for(community, agent, supervisor):
    busy, free = (received(community=community, room=RoomFactory(community=community), owner=agent,
                           when=at("2026-11-23 10:00")) for _ in range(2))
    locked, release = threading.Event(), threading.Event()

    def desk():  # an agent's request holds the order's row lock while the sweep runs
        try:
            with transaction.atomic():
                lock_work_order(order_id=busy.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=desk)
    holder.start()
    try:
        assert locked.wait(timeout=30)
        started = time.monotonic()
        report = sweep(now=at("2026-11-23 10:16"))
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join(timeout=30)
    assert report.breached == 1 and waited < 10
    assert clock(free, ClockType.ACKNOWLEDGE).state == ClockState.BREACHED
    assert clock(busy, ClockType.ACKNOWLEDGE).state == ClockState.RUNNING

    assert sweep(now=at("2026-11-23 10:17")).breached == 1  # the desk is done: the next minute catches up
    assert clock(busy, ClockType.ACKNOWLEDGE).state == ClockState.BREACHED
    assert Notification.objects.filter(recipient=supervisor, kind="sla_escalation").count() == 2
