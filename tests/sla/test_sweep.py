"""The sweep, one step at a time under frozen time: warn → breach → supervisor → project manager."""

from datetime import timedelta

import pytest
import time_machine

from guanjia.accounts.choices import Role
from guanjia.notifications.models import Notification
from guanjia.sla import tasks
from guanjia.sla.choices import ClockState, ClockType
from guanjia.sla.models import Clock
from guanjia.sla.sweep import sweep
from guanjia.tickets.models import GroupCase, WorkOrder, WorkOrderEvent
from tests.factories import RoomFactory, staff_with_role
from tests.sla.factories import Category, EventType, Kind, Status, Urgency, at, clock, happen, received

pytestmark = pytest.mark.django_db
T = ClockType


def inbox(user, kind=None):
    notes = Notification.objects.filter(recipient=user)
    return list((notes.filter(kind=kind) if kind else notes).values_list("title", flat=True))


def events(order, type):
    return list(WorkOrderEvent.objects.filter(order=order, type=type).order_by("at", "id"))


@pytest.fixture
def complaint(community, room, agent, supervisor, project_manager, zone_manager):
    # 张女士 (room 3-2-1502) complains at 10:00 on Monday; agent 李 takes it and owns it.
    return received(community=community, room=room, owner=agent, when=at("2026-11-23 10:00"),
                    kind=Kind.COMPLAINT, category=Category.ENVIRONMENT)


def test_the_owner_is_warned_shortly_before_the_deadline(complaint, agent, supervisor):
    with time_machine.travel(at("2026-11-23 10:11"), tick=False):
        assert sweep().warned == 0
    with time_machine.travel(at("2026-11-23 10:12"), tick=False):
        report = sweep()
    assert report.warned == 1 and report.breached == 0
    [title] = inbox(agent, "sla_warning")
    assert complaint.number in title
    assert str(complaint.uuid) in Notification.objects.get(recipient=agent).link
    assert inbox(supervisor) == []
    assert clock(complaint, T.ACKNOWLEDGE).warned_at == at("2026-11-23 10:12")
    assert len(events(complaint, EventType.DEADLINE_WARNING)) == 1


def test_the_escalation_ladder(complaint, agent, supervisor, project_manager, zone_manager):
    # Nobody calls 张女士 back. 10:15 the acknowledgement is late: the area supervisor and the
    # zone manager hear of it; another 50% of 15 desk minutes later the project manager does.
    with time_machine.travel(at("2026-11-23 10:15"), tick=False):
        report = sweep()
    assert report.breached == 1
    ack = clock(complaint, T.ACKNOWLEDGE)
    assert ack.state == ClockState.BREACHED and ack.escalation_level == 1
    assert ack.next_escalation_at == at("2026-11-23 10:22") + timedelta(seconds=30)
    assert len(inbox(supervisor, "sla_escalation")) == 1 and len(inbox(zone_manager, "sla_escalation")) == 1
    assert inbox(project_manager) == []
    breach = events(complaint, EventType.DEADLINE_BREACHED)
    assert len(breach) == 1 and breach[0].data["clock"] == T.ACKNOWLEDGE
    complaint.refresh_from_db()
    assert complaint.escalation_level == 1

    with time_machine.travel(at("2026-11-23 10:23"), tick=False):
        report = sweep()
    assert report.escalated == 1
    assert len(inbox(project_manager, "sla_escalation")) == 1
    assert clock(complaint, T.ACKNOWLEDGE).escalation_level == 2
    assert clock(complaint, T.ACKNOWLEDGE).next_escalation_at is None  # top of the ladder
    assert [e.data["level"] for e in events(complaint, EventType.ESCALATED)] == [1, 2]

    # Calling her at last meets the clock (late): no further escalation.
    happen(complaint, EventType.ACKNOWLEDGED, at("2026-11-23 10:40"), status=Status.ACKNOWLEDGED,
           acknowledged_at=at("2026-11-23 10:40"))
    met = clock(complaint, T.ACKNOWLEDGE)
    assert met.state == ClockState.MET and met.breached_at == at("2026-11-23 10:15")


def test_running_the_sweep_twice_escalates_once(complaint, supervisor):
    with time_machine.travel(at("2026-11-23 10:16"), tick=False):
        first, second = sweep(), sweep()
    assert (first.breached, second.breached) == (1, 0)
    assert len(inbox(supervisor, "sla_escalation")) == 1
    assert len(events(complaint, EventType.DEADLINE_BREACHED)) == 1


def test_a_clock_met_in_time_is_never_reported(complaint, supervisor):
    happen(complaint, EventType.ACKNOWLEDGED, at("2026-11-23 10:14"), status=Status.ACKNOWLEDGED,
           acknowledged_at=at("2026-11-23 10:14"))
    with time_machine.travel(at("2026-11-23 10:30"), tick=False):
        assert sweep().breached == 0
    assert inbox(supervisor) == []


def test_a_paused_clock_does_not_breach(community, agent, supervisor):
    order = received(community=community, owner=agent, when=at("2026-11-23 10:00"))
    happen(order, EventType.INFO_REQUESTED, at("2026-11-23 10:05"), status=Status.WAITING_INFO)
    with time_machine.travel(at("2026-11-23 16:00"), tick=False):
        sweep()
    assert clock(order, T.ACKNOWLEDGE).state == ClockState.PAUSED
    assert inbox(supervisor) == []


def test_a_media_sensitive_case_goes_to_the_project_manager_at_once(community, room, agent, project_manager):
    order = received(community=community, room=room, owner=agent, when=at("2026-11-23 10:00"),
                     kind=Kind.COMPLAINT, media_sensitive=True)
    with time_machine.travel(at("2026-11-23 10:01"), tick=False):
        report, again = sweep(), sweep()
    assert (report.sensitive, again.sensitive) == (1, 0)
    assert len(inbox(project_manager, "sla_escalation")) == 1
    order.refresh_from_db()
    assert order.escalation_level == 2
    # When it then misses a deadline, the breach itself goes straight to the project manager.
    with time_machine.travel(at("2026-11-23 10:15"), tick=False):
        sweep()
    assert clock(order, T.ACKNOWLEDGE).escalation_level == 2
    assert len(inbox(project_manager, "sla_escalation")) == 2


def test_a_group_case_of_twenty_households_goes_to_the_project_manager_once(community, agent, project_manager,
                                                                           supervisor):
    case = GroupCase.objects.create(community=community, title="地下车库渗水")
    orders = [received(community=community, room=RoomFactory(community=community), owner=agent,
                       when=at("2026-11-23 09:00"), kind=Kind.COMPLAINT, group_case=case) for _ in range(19)]
    with time_machine.travel(at("2026-11-23 09:05"), tick=False):
        assert sweep().sensitive == 0  # 19 households: the ordinary ladder
    orders.append(received(community=community, room=RoomFactory(community=community), owner=agent,
                           when=at("2026-11-23 09:06"), kind=Kind.COMPLAINT, group_case=case))
    with time_machine.travel(at("2026-11-23 09:07"), tick=False):
        assert sweep().sensitive == 20
    assert len(inbox(project_manager, "sla_escalation")) == 1  # one message for the whole group
    assert all(len(events(order, EventType.ESCALATED)) == 1 for order in orders)
    assert inbox(supervisor) == []


def test_a_group_case_marked_media_sensitive_goes_up_with_each_order_still_open(community, agent, project_manager):
    case = GroupCase.objects.create(community=community, title="小区门口业主拉横幅", media_sensitive=True)
    first = received(community=community, room=RoomFactory(community=community), owner=agent,
                     when=at("2026-11-23 09:00"), kind=Kind.COMPLAINT, group_case=case)
    second = received(community=community, room=RoomFactory(community=community), owner=agent,
                      when=at("2026-11-23 09:02"), kind=Kind.COMPLAINT, group_case=case)
    closed = received(community=community, room=RoomFactory(community=community), owner=agent,
                      when=at("2026-11-23 09:03"), kind=Kind.COMPLAINT, group_case=case)
    WorkOrder.objects.filter(pk=closed.pk).update(status=Status.CLOSED)  # its clocks are not due yet
    ordinary = received(community=community, owner=agent, when=at("2026-11-23 09:01"), kind=Kind.COMPLAINT)

    with time_machine.travel(at("2026-11-23 09:05"), tick=False):
        assert sweep().sensitive == 2

    assert len(inbox(project_manager, "sla_escalation")) == 1  # one message for the whole group
    levels = dict(WorkOrder.objects.filter(pk__in=[first.pk, second.pk, closed.pk, ordinary.pk])
                  .values_list("pk", "escalation_level"))
    assert levels == {first.pk: 2, second.pk: 2, closed.pk: 0, ordinary.pk: 0}


def test_one_broken_order_does_not_stop_the_sweep(community, room, agent, supervisor):
    broken = received(community=community, owner=agent, when=at("2026-11-23 10:00"), urgency=Urgency.URGENT)
    # A corrupted row (a duration beyond any calendar) makes the ladder arithmetic overflow.
    Clock.objects.filter(order=broken).update(duration=timedelta(days=9_000_000))
    healthy = received(community=community, room=room, owner=agent, when=at("2026-11-23 10:00"))
    with time_machine.travel(at("2026-11-23 10:20"), tick=False):
        report = sweep()
    assert report.failed >= 1 and report.breached >= 1
    assert clock(healthy, T.ACKNOWLEDGE).state == ClockState.BREACHED
    assert clock(broken, T.ACKNOWLEDGE).state == ClockState.RUNNING  # rolled back, retried next minute
    assert len(events(healthy, EventType.DEADLINE_BREACHED)) == 1
    assert events(broken, EventType.DEADLINE_BREACHED) == []


def test_an_order_without_owner_warns_the_supervisor(community, supervisor):
    order = received(community=community, when=at("2026-11-23 10:00"))
    with time_machine.travel(at("2026-11-23 10:13"), tick=False):
        sweep()
    [title] = inbox(supervisor, "sla_warning")
    assert order.number in title


def test_without_a_project_manager_the_centre_manager_is_told(community, agent):
    centre = staff_with_role(community=community, role=Role.CENTRE_MANAGER, username="centre_sun")
    received(community=community, owner=agent, when=at("2026-11-23 10:00"), media_sensitive=True)
    with time_machine.travel(at("2026-11-23 10:01"), tick=False):
        sweep()
    assert len(inbox(centre, "sla_escalation")) == 1


def test_the_celery_task_runs_a_sweep(complaint, supervisor):
    with time_machine.travel(at("2026-11-23 10:16"), tick=False):
        result = tasks.sweep.apply().get()
    assert result["breached"] >= 1
    assert len(inbox(supervisor, "sla_escalation")) == 1
