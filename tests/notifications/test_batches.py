"""A sweep's thousand messages go out in batches: claimed, loaded and recorded a hundred at a time,
with the same guarantees as one at a time (recorded outcomes, backoff per delivery, never sent twice)."""

import threading
import time

import pytest
import time_machine
from celery.signals import task_prerun
from django.conf import settings as django_settings
from django.db import connections, transaction
from django.utils import timezone

from guanjia.accounts.choices import Role
from guanjia.notifications import services, tasks
from guanjia.notifications.choices import DeliveryStatus
from guanjia.notifications.lock_objects import claim_deliveries
from guanjia.notifications.models import Delivery
from guanjia.notifications.services import (
    MAX_ATTEMPTS,
    RETRY_BACKOFF,
    StaffMessage,
    deliveries_send,
    notify,
    notify_many,
)
from guanjia.tickets.models import WorkOrder
from tests.factories import staff_with_role

from .test_transports import Gateway

pytestmark = pytest.mark.django_db


@pytest.fixture
def gateway(settings):
    with Gateway() as gw:
        settings.GUANJIA_WEBHOOK_URL = gw.url
        settings.GUANJIA_NOTIFICATION_TRANSPORTS = ["inbox", "log", "webhook"]
        yield gw


@pytest.fixture
def order(community, room):
    return WorkOrder.objects.create(community=community, number="WT-20261122-0031", channel="phone",
                                    room=room, description="楼道灯不亮")


def desk(community, count):
    return [staff_with_role(community=community, role=Role.CS_AGENT, username=f"agent-{i}",
                            phone=f"139000{i:05d}") for i in range(count)]


def stored(community, count, order=None):
    """``count`` colleagues told at once; the deliveries stay pending (no after-commit task here)."""
    notify(recipients=desk(community, count), title="工单已超时", body="请尽快处理", order=order,
           kind="sla_breached")
    return list(Delivery.objects.order_by("pk").values_list("pk", flat=True))


def test_sending_costs_the_same_statements_for_3_or_30_deliveries(settings, community,
                                                                   django_assert_num_queries):
    settings.GUANJIA_NOTIFICATION_TRANSPORTS = ["inbox", "log"]
    people = desk(community, 33)
    for group in (people[:3], people[3:]):
        notify(recipients=group, title="工单已超时", body="请尽快处理", kind="sla_breached")
        ids = list(Delivery.objects.filter(status=DeliveryStatus.PENDING).values_list("pk", flat=True))
        with django_assert_num_queries(3):  # claim, load, record the sent ones
            assert deliveries_send(delivery_ids=ids) == len(group)
    assert Delivery.objects.count() == 33
    assert set(Delivery.objects.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}
    assert not Delivery.objects.filter(sent_at__isnull=True).exists()


def test_one_batch_records_each_outcome_with_its_own_backoff(gateway, community, order):
    """The gateway is down: the log messages go out, the SMS fail; one SMS was on its last try."""
    gateway.status = 503
    with time_machine.travel(timezone.now(), tick=False):
        ids = stored(community, 3, order=order)
        last_try = Delivery.objects.filter(transport="webhook").order_by("pk").first()
        Delivery.objects.filter(pk=last_try.pk).update(attempts=MAX_ATTEMPTS - 1)

        assert deliveries_send(delivery_ids=ids) == 3  # the three log messages

        now = timezone.now()
        sent = Delivery.objects.filter(transport="log")
        assert {(d.status, d.attempts, d.sent_at) for d in sent} == {(DeliveryStatus.SENT, 1, now)}
        failed = Delivery.objects.filter(transport="webhook").exclude(pk=last_try.pk)
        assert {(d.status, d.attempts, d.next_retry_at) for d in failed} == {
            (DeliveryStatus.FAILED, 1, now + RETRY_BACKOFF[0])}
        assert all("HTTP 503" in d.last_error for d in failed)
        last_try.refresh_from_db()
        assert (last_try.status, last_try.attempts, last_try.next_retry_at) == (
            DeliveryStatus.GAVE_UP, MAX_ATTEMPTS, None)
    assert sorted(r["to"] for r in gateway.received) == ["13900000000", "13900000001", "13900000002"]
    assert {r["order"] for r in gateway.received} == {"WT-20261122-0031"}


def test_a_task_run_twice_and_the_retry_sweep_send_each_delivery_once(gateway, community):
    ids = stored(community, 4)
    assert tasks.deliver(ids) == 8  # a log message and an SMS each
    assert tasks.deliver(ids) == 0  # the after-commit task delivered twice by the broker
    with time_machine.travel(timezone.now() + services.PENDING_GRACE * 10):
        assert tasks.retry_failed() == 0
    assert len(gateway.received) == 4


def test_a_batch_that_runs_long_gives_back_what_it_has_not_sent(gateway, community, monkeypatch):
    """A slow gateway: stopping at half the lease, the rest go back in line and the sweep sends them,
    each exactly once (a claim must never expire while its worker is still sending)."""
    monkeypatch.setattr(services, "CLAIM_LEASE", services.CLAIM_LEASE / 1000)  # 0.3 s: stop after 0.15 s
    gateway.delay = 0.1
    ids = list(Delivery.objects.filter(pk__in=stored(community, 5), transport="webhook").values_list("pk", flat=True))

    sent = deliveries_send(delivery_ids=ids)

    assert 1 <= sent < 5
    assert Delivery.objects.filter(status=DeliveryStatus.SENDING).count() == 0
    back = Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING)
    assert back.count() == 5 - sent
    assert all(d.next_retry_at <= timezone.now() for d in back)
    monkeypatch.undo()
    assert tasks.retry_failed() == 5 - sent
    assert sorted(r["id"] for r in gateway.received) == sorted(f"guanjia-delivery-{pk}" for pk in ids)


def test_a_sweeps_messages_are_queued_as_a_few_tasks(settings, community, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    settings.GUANJIA_NOTIFICATION_TRANSPORTS = ["inbox", "log"]
    monkeypatch.setattr(services, "TASK_BATCH", 2)
    runs = []

    def count(sender=None, args=(), **kwargs):
        if getattr(sender, "name", "") == tasks.deliver.name:
            runs.append(list(args[0]))

    task_prerun.connect(count)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            people = desk(community, 5)
            notify_many(messages=[StaffMessage(recipients=[person], title="已超时", body="b") for person in people])
    finally:
        task_prerun.disconnect(count)

    assert [len(ids) for ids in runs] == [2, 2, 1]
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 5


@pytest.mark.postgres
@pytest.mark.skipif("postgresql" not in django_settings.DATABASES["default"]["ENGINE"],
                    reason="needs PostgreSQL row locks and two connections (DATABASE_URL=postgres://…)")
@pytest.mark.django_db(transaction=True)
def test_a_second_worker_skips_the_rows_the_first_is_claiming(community):
    """Worker A has claimed (its transaction still open); worker B neither waits for it nor gets its rows."""
    from celery import current_app

    current_app.conf.task_always_eager = False  # the queued task goes to a broker no worker reads
    try:
        ids = stored(community, 3)
    finally:
        current_app.conf.task_always_eager = True
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
    holding, release = threading.Event(), threading.Event()
    got: dict[str, list[int]] = {}

    def worker_a():
        try:
            with transaction.atomic():
                got["a"] = claim_deliveries(delivery_ids=ids, due_only=False, lease=services.CLAIM_LEASE)
                holding.set()
                release.wait(timeout=20)
        finally:
            connections.close_all()

    thread = threading.Thread(target=worker_a)
    thread.start()
    assert holding.wait(timeout=20)
    started = time.monotonic()
    got["b"] = claim_deliveries(delivery_ids=ids, due_only=False, lease=services.CLAIM_LEASE)
    waited = time.monotonic() - started
    release.set()
    thread.join(timeout=20)
    got["b after"] = claim_deliveries(delivery_ids=ids, due_only=False, lease=services.CLAIM_LEASE)

    assert got["a"] == sorted(ids)
    assert got["b"] == [] and got["b after"] == []
    assert waited < 5
