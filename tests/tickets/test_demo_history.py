"""The demo's six months of history look like a real desk's and leave the desk ready to work:
numbers never collide with the next call, closed orders carry their rating, late clocks show as late."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.db.models import Count

from guanjia.accounts.choices import Role
from guanjia.core.taxonomy import Channel
from guanjia.sla.choices import ClockState
from guanjia.sla.models import Clock
from guanjia.tickets.choices import EventType, Status
from guanjia.tickets.demo import demo_orders_build
from guanjia.tickets.models import WorkOrder, WorkOrderEvent
from guanjia.tickets.services.intake import IntakeRequest, workorder_intake
from tests.factories import OccupancyFactory, RoomFactory, staff_with_role

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _desk(community):
    for number in ("101", "102", "201", "202", "301"):
        OccupancyFactory(room=RoomFactory(unit__building__community=community, number=number),
                         person__company=community.company)
    agent = staff_with_role(community=community, role=Role.CS_AGENT, username="agent")
    staff_with_role(community=community, role=Role.TECHNICIAN, username="tech")
    staff_with_role(community=community, role=Role.CS_SUPERVISOR, username="supervisor")
    return agent


@time_machine.travel(NOW, tick=False)
def test_the_history_is_consistent_and_the_next_call_gets_the_next_number(community):
    agent = _desk(community)

    written = demo_orders_build(communities=[community], orders_per_community=300, months=3, now=NOW)

    orders = WorkOrder.objects.filter(community=community)
    assert written == orders.count() == 300
    assert orders.values("number").distinct().count() == 300
    assert not orders.annotate(n=Count("events")).filter(n=0).exists()
    closed = orders.filter(status=Status.CLOSED)
    assert closed.exists()
    assert not closed.filter(ratings__isnull=True).exists()
    assert WorkOrderEvent.objects.filter(order__in=closed, type=EventType.CLOSED).count() == closed.count()
    late = Clock.objects.filter(order__community=community, state=ClockState.BREACHED)
    assert not late.filter(due_at__gt=NOW).exists()
    assert not Clock.objects.filter(order__status=Status.CANCELLED, state=ClockState.RUNNING).exists()

    today = orders.filter(number__startswith=f"{community.code}-20261120-").count()
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PHONE, community=community, location="1栋大堂", description="大堂灯不亮"))
    assert order.number == f"{community.code}-20261120-{today + 1:04d}"


@time_machine.travel(NOW, tick=False)
def test_a_second_round_of_history_continues_the_numbering(community):
    _desk(community)

    demo_orders_build(communities=[community], orders_per_community=100, months=1, now=NOW, seed=1)
    demo_orders_build(communities=[community], orders_per_community=100, months=1, now=NOW, seed=2)

    numbers = WorkOrder.objects.filter(community=community).values_list("number", flat=True)
    assert len(set(numbers)) == 200


@time_machine.travel(NOW, tick=False)
def test_the_demo_opens_with_live_cases_for_every_role(community):
    from guanjia.tickets.choices import PlanStatus
    from guanjia.tickets.demo import demo_live_cases
    from guanjia.tickets.models import Plan
    from tests.factories import resident_of

    _desk(community)
    resident_of(room=RoomFactory(unit__building__community=community, number="1801"))

    demo_live_cases(community=community)

    orders = WorkOrder.objects.filter(community=community)
    assert orders.filter(urgency="urgent", status=Status.NEW).exists()
    waiting = orders.get(status=Status.WAITING_INFO)
    assert waiting.events.filter(type=EventType.INFO_REQUESTED).exists()
    assert Plan.objects.filter(order__community=community, status=PlanStatus.SUBMITTED, needs_approval=True).exists()
