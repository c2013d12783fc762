"""Many desks taking calls at the same second, and a client retrying while the first call is in
flight: on PostgreSQL, with real concurrent transactions (SQLite serialises writers anyway)."""

import threading

import pytest
from django.conf import settings
from django.db import connection, connections

from guanjia.core.taxonomy import Channel
from guanjia.tickets.models import WorkOrder
from guanjia.tickets.services import IntakeRequest, workorder_intake

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"],
                       reason="concurrent intake needs PostgreSQL row locks (DATABASE_URL=postgres://…)"),
    pytest.mark.django_db(transaction=True),
]

THREADS = 12


def _run_together(target, count):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def work(i):
        try:
            barrier.wait()
            results.append(target(i))
        except Exception as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_twelve_desks_filing_at_once_get_twelve_different_numbers(agent, room):
    def file(i):
        order = workorder_intake(actor=agent, request=IntakeRequest(
            channel=Channel.PHONE, room=room, description=f"来电 {i}"))
        return order.number

    numbers, errors = _run_together(file, THREADS)

    assert errors == []
    assert len(set(numbers)) == THREADS
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, THREADS + 1))
    assert connection.vendor == "postgresql"


def test_a_client_retrying_in_parallel_gets_one_order(zhang, room):
    def file(i):
        return workorder_intake(actor=zhang, request=IntakeRequest(
            channel=Channel.PORTAL, room=room, description="水管漏水"), idempotency_key="app-retry-1").pk

    ids, errors = _run_together(file, 8)

    assert errors == []
    assert len(set(ids)) == 1
    assert WorkOrder.objects.count() == 1
