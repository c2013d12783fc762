"""Staff and residents are told what happened: stored in the same transaction, sent after commit."""

import pytest
from django.db import transaction

from guanjia.accounts.choices import Role
from guanjia.notifications.choices import DeliveryStatus
from guanjia.notifications.models import Delivery, Notification
from guanjia.notifications.services import notify, notify_resident
from guanjia.tickets.models import WorkOrder
from tests.factories import PersonFactory, resident_of, staff_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(community):
    return staff_with_role(community=community, role=Role.CS_AGENT, username="agent-li", phone="13900000001")


@pytest.fixture
def supervisor(community):
    return staff_with_role(community=community, role=Role.CS_SUPERVISOR, username="sup-zhao")


@pytest.fixture
def order(community, room):
    return WorkOrder.objects.create(community=community, number="WT-20261122-0007", channel="phone",
                                    room=room, description="厨房水管漏水", contact_phone="13812345678")


def test_a_deadline_warning_reaches_the_agent_and_supervisor_inbox_and_the_log(
        agent, supervisor, order, django_capture_on_commit_callbacks, caplog):
    caplog.set_level("INFO", logger="guanjia.notifications")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[agent, supervisor, agent], title="工单即将超时", body="WT-20261122-0007 还有10分钟",
               link="/orders/1", order=order, kind="deadline_warning")

    inbox = Notification.objects.order_by("recipient__username")
    assert [n.recipient for n in inbox] == [agent, supervisor]  # the duplicate agent is told once
    assert all(n.community == order.community and n.read_at is None for n in inbox)
    deliveries = Delivery.objects.filter(transport="log")
    assert deliveries.count() == 2
    assert {d.status for d in deliveries} == {DeliveryStatus.SENT}
    assert {d.attempts for d in deliveries} == {1}
    assert deliveries.get(recipient=agent).address == "13900000001"
    assert "工单即将超时" in caplog.text
    assert "http://127.0.0.1:8000/orders/1" in caplog.text


def test_nothing_is_stored_or_sent_when_the_work_order_transaction_rolls_back(
        agent, django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        notify(recipients=[agent], title="新工单", body="…", kind="new_order")
        raise RuntimeError("the dispatch failed")
    assert Notification.objects.count() == 0
    assert Delivery.objects.count() == 0
    assert callbacks == []


def test_deliveries_wait_for_commit(agent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[agent], title="新工单", body="请处理", kind="new_order")
    assert Delivery.objects.get().status == DeliveryStatus.PENDING
    assert len(callbacks) == 1


def test_an_inactive_colleague_is_not_notified(agent, supervisor):
    supervisor.is_active = False
    supervisor.save()
    notify(recipients=[agent, supervisor], title="t", body="b")
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["agent-li"]


def test_a_resident_without_an_account_gets_a_message_by_phone_only(order, django_capture_on_commit_callbacks):
    person = PersonFactory(name="李先生")
    with django_capture_on_commit_callbacks(execute=True):
        notify_resident(phone="13700001111", person=person, title="师傅已出发", body="王师傅预计15分钟到达",
                        link="/t/abc", order=order)
    assert Notification.objects.count() == 0
    delivery = Delivery.objects.get()
    assert (delivery.transport, delivery.address, delivery.person, delivery.recipient) == (
        "log", "13700001111", person, None)
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.order == order and delivery.community == order.community


def test_a_resident_with_an_account_also_sees_it_in_app(room, order):
    zhang = resident_of(room=room, name="张女士", phone="13812345678")
    notify_resident(phone="13812345678", person=zhang.person, title="工单已完成", body="请评价", order=order)
    assert Notification.objects.get().recipient == zhang
    assert Delivery.objects.get().address == "13812345678"


def test_a_resident_found_by_phone_alone_gets_the_in_app_copy(room):
    zhang = resident_of(room=room, name="张女士", phone="13812345678")
    notify_resident(phone="13812345678", title="工单已受理", body="我们会在15分钟内联系您")
    assert Notification.objects.get().recipient == zhang
