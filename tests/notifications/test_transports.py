"""Each channel on its own: the webhook against a real HTTP server, e-mail through Django's backend."""

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from guanjia.accounts.choices import Role
from guanjia.notifications import tasks
from guanjia.notifications.choices import DeliveryStatus
from guanjia.notifications.models import Delivery
from guanjia.notifications.services import (
    MAX_ATTEMPTS,
    RETRY_BACKOFF,
    delivery_attempt,
    notify,
    notify_resident,
)
from guanjia.notifications.transports import Message, TransportError, get_transport
from guanjia.tickets.models import WorkOrder
from tests.factories import staff_with_role

pytestmark = pytest.mark.django_db


class Gateway:
    """A tiny SMS/WeChat gateway on 127.0.0.1: records what it receives, answers what we tell it to."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.status = 200
        self.delay = 0.0
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.received.append(json.loads(body))
                time.sleep(gateway.delay)
                try:
                    self.send_response(gateway.status)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"ok": true}' if gateway.status < 300 else b'{"error": "quota exceeded"}')
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout test): nobody to answer

            def log_message(self, *args) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def __enter__(self) -> "Gateway":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway(settings):
    with Gateway() as gw:
        settings.GUANJIA_WEBHOOK_URL = gw.url
        settings.GUANJIA_NOTIFICATION_TRANSPORTS = ["inbox", "webhook"]
        yield gw


@pytest.fixture
def order(community, room):
    return WorkOrder.objects.create(community=community, number="WT-20261122-0007", channel="phone",
                                    room=room, description="厨房水管漏水")


def test_the_resident_gets_an_sms_through_the_gateway(gateway, order, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify_resident(phone="13812345678", title="师傅已出发", body="王师傅预计15分钟到达", link="/t/tok",
                        order=order, kind="set_out")

    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 1
    assert gateway.received == [{
        "id": f"guanjia-delivery-{delivery.pk}", "to": "13812345678", "template": "set_out",
        "title": "师傅已出发", "body": "王师傅预计15分钟到达", "link": "http://127.0.0.1:8000/t/tok",
        "order": "WT-20261122-0007",
    }]


def test_a_failing_gateway_is_recorded_and_retried_with_backoff_until_it_recovers(
        gateway, order, django_capture_on_commit_callbacks):
    gateway.status = 503
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            notify_resident(phone="13812345678", title="工单已完成", body="请评价", order=order)
        delivery = Delivery.objects.get()
        assert delivery.status == DeliveryStatus.FAILED
        assert delivery.attempts == 1
        assert "HTTP 503" in delivery.last_error and "quota exceeded" in delivery.last_error
        assert delivery.next_retry_at == start + RETRY_BACKOFF[0]

        assert tasks.retry_failed() == 0  # not due yet: nothing is attempted
        assert len(gateway.received) == 1

        clock.shift(RETRY_BACKOFF[0])
        assert tasks.retry_failed() == 0  # still failing: second attempt recorded, longer wait
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 2)
        assert delivery.next_retry_at == timezone.now() + RETRY_BACKOFF[1]

        gateway.status = 200
        clock.shift(RETRY_BACKOFF[1])
        assert tasks.retry_failed() == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.SENT, 3, "")
        assert delivery.next_retry_at is None
    assert [r["id"] for r in gateway.received] == [f"guanjia-delivery-{delivery.pk}"] * 3


def test_after_the_last_retry_the_delivery_gives_up_and_is_not_tried_again(gateway, order):
    gateway.status = 500
    with time_machine.travel(timezone.now(), tick=False) as clock:
        notify_resident(phone="13812345678", title="t", body="b", order=order)
        delivery = Delivery.objects.get()
        delivery_attempt(delivery_id=delivery.pk)
        for wait in RETRY_BACKOFF:
            clock.shift(wait)
            tasks.retry_failed()
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.GAVE_UP, MAX_ATTEMPTS)
        clock.shift(timedelta(days=1))
        tasks.retry_failed()
    assert len(gateway.received) == MAX_ATTEMPTS


def test_a_gateway_that_hangs_costs_a_retry_not_a_stuck_request(gateway, order, settings):
    settings.GUANJIA_WEBHOOK_TIMEOUT = (1.0, 0.2)
    gateway.delay = 1.0
    notify_resident(phone="13812345678", title="t", body="b", order=order)
    delivery = Delivery.objects.get()
    started = time.monotonic()
    assert delivery_attempt(delivery_id=delivery.pk) is False
    assert time.monotonic() - started < 1.0
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and "Timeout" in delivery.last_error


def test_an_unreachable_gateway_is_a_failure_to_retry(settings):
    settings.GUANJIA_WEBHOOK_URL = "http://127.0.0.1:9/nothing-listens-here"
    with pytest.raises(TransportError, match="ConnectionError"):
        get_transport("webhook").send(Message(delivery_id=1, address="13812345678", title="t", body="b"))


def test_without_a_gateway_url_the_webhook_refuses_clearly(settings):
    settings.GUANJIA_WEBHOOK_URL = ""
    with pytest.raises(TransportError, match="GUANJIA_WEBHOOK_URL"):
        get_transport("webhook").send(Message(delivery_id=1, address="13812345678", title="t", body="b"))


def test_two_workers_racing_for_one_delivery_send_it_once(gateway, order):
    notify_resident(phone="13812345678", title="t", body="b", order=order)
    delivery = Delivery.objects.get()
    assert delivery_attempt(delivery_id=delivery.pk) is True
    assert delivery_attempt(delivery_id=delivery.pk) is False  # the after-commit task ran twice
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        assert tasks.retry_failed() == 0  # a sent delivery is never claimed by the sweep
    assert len(gateway.received) == 1


def test_a_staff_member_without_a_phone_gets_no_sms_only_the_inbox(gateway, community):
    agent = staff_with_role(community=community, role=Role.CS_AGENT, username="agent-li")
    notify(recipients=[agent], title="t", body="b")
    assert agent.notifications.count() == 1
    assert Delivery.objects.count() == 0


def test_email_goes_through_djangos_mail_backend(settings, community, django_capture_on_commit_callbacks):
    settings.GUANJIA_NOTIFICATION_TRANSPORTS = ["inbox", "email"]
    supervisor = staff_with_role(community=community, role=Role.CS_SUPERVISOR, username="sup-zhao",
                                 email="zhao@example.com")
    nobody = staff_with_role(community=community, role=Role.CS_AGENT, username="no-mail", email="")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[supervisor, nobody], title="投诉升级", body="WT-0007 已超时", link="/orders/7")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zhao@example.com"]
    assert mail.outbox[0].subject == "投诉升级"
    assert "http://127.0.0.1:8000/orders/7" in mail.outbox[0].body
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_an_smtp_failure_is_recorded_for_retry(settings, community):
    settings.GUANJIA_NOTIFICATION_TRANSPORTS = ["email"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    supervisor = staff_with_role(community=community, role=Role.CS_SUPERVISOR, username="sup-zhao",
                                 email="zhao@example.com")
    notify(recipients=[supervisor], title="t", body="b")
    delivery = Delivery.objects.get()
    assert delivery_attempt(delivery_id=delivery.pk) is False
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and "ConnectionRefused" in delivery.last_error


def test_the_log_transport_writes_the_message(caplog):
    caplog.set_level("INFO", logger="guanjia.notifications")
    get_transport("log").send(Message(delivery_id=3, address="13812345678", title="师傅已出发", body="15分钟"))
    assert "师傅已出发" in caplog.text and "13812345678" in caplog.text


def test_an_unknown_transport_name_is_skipped_not_a_crash(settings, community):
    settings.GUANJIA_NOTIFICATION_TRANSPORTS = ["inbox", "carrier-pigeon", "log"]
    agent = staff_with_role(community=community, role=Role.CS_AGENT, username="agent-li", phone="13900000001")
    notify(recipients=[agent], title="t", body="b")
    assert list(Delivery.objects.values_list("transport", flat=True)) == ["log"]


def test_the_system_check_names_an_unknown_transport_and_a_missing_gateway_url(settings):
    from guanjia.notifications.checks import check_transports

    settings.GUANJIA_NOTIFICATION_TRANSPORTS = ["inbox", "sms", "webhook"]
    settings.GUANJIA_WEBHOOK_URL = ""
    assert [m.id for m in check_transports()] == ["notifications.E001", "notifications.W001"]
    settings.GUANJIA_NOTIFICATION_TRANSPORTS = ["inbox", "log"]
    assert check_transports() == []


def test_the_retry_task_is_registered_for_the_built_in_scheduler_without_a_worker(settings):
    from celery import current_app

    assert "notifications-retry" in settings.CELERY_BEAT_SCHEDULE
    task_name = settings.CELERY_BEAT_SCHEDULE["notifications-retry"]["task"]
    assert task_name in current_app.tasks


def test_a_lost_enqueue_is_sent_by_the_retry_sweep_after_the_grace_period(gateway, order,
                                                                          django_capture_on_commit_callbacks):
    from celery import current_app

    from guanjia.notifications.services import PENDING_GRACE

    # With a real broker the after-commit task can be lost (Redis restarted before a worker took it).
    # Here the task goes to the in-memory broker that no worker reads: the same outcome.
    current_app.conf.task_always_eager = False
    try:
        with time_machine.travel(timezone.now(), tick=False) as clock:
            with django_capture_on_commit_callbacks(execute=True):
                notify_resident(phone="13812345678", title="师傅已出发", body="b", order=order)
            delivery = Delivery.objects.get()
            assert delivery.status == DeliveryStatus.PENDING and gateway.received == []
            assert tasks.retry_failed() == 0  # still within the grace period: the task may yet run
            clock.shift(PENDING_GRACE)
            assert tasks.retry_failed() == 1
    finally:
        current_app.conf.task_always_eager = True
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(gateway.received) == 1


def test_an_operator_puts_given_up_deliveries_back_in_line(gateway, order):
    from guanjia.notifications.services import delivery_retry_now

    gateway.status = 500
    notify_resident(phone="13812345678", title="t", body="b", order=order)
    delivery = Delivery.objects.get()
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.GAVE_UP, attempts=MAX_ATTEMPTS)
    gateway.status = 200

    assert delivery_retry_now(delivery_ids=[delivery.pk]) == 1
    assert tasks.retry_failed() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
