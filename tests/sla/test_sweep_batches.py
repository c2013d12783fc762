"""The sweep at volume: every due clock handled in one step, batch by batch, in a bounded number of
queries; a crash between batches loses nothing and tells nobody twice."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guanjia.notifications.models import Notification
from guanjia.sla import sweep as sweep_module
from guanjia.sla.choices import ClockState, ClockType
from guanjia.sla.models import Clock
from guanjia.sla.sweep import sweep
from guanjia.tickets.models import GroupCase, WorkOrderEvent
from tests.factories import RoomFactory
from tests.sla.factories import EventType, Kind, at, received

pytestmark = pytest.mark.django_db


def file_orders(community, owner, count, when="2026-11-23 10:00", **fields):
    """``count`` repair requests from different rooms, all received at the same time."""
    return [received(community=community, room=RoomFactory(community=community), owner=owner,
                     when=at(when), **fields) for _ in range(count)]


def breached_acknowledgements():
    return Clock.objects.filter(type=ClockType.ACKNOWLEDGE, state=ClockState.BREACHED).count()


def test_all_due_clocks_are_handled_in_one_step_batch_by_batch(community, agent, supervisor, monkeypatch):
    monkeypatch.setattr(sweep_module, "SWEEP_BATCH_SIZE", 4)
    file_orders(community, agent, 10)
    with time_machine.travel(at("2026-11-23 10:16"), tick=False):
        report = sweep()
    assert report.breached == 10 and report.failed == 0
    assert breached_acknowledgements() == 10
    assert WorkOrderEvent.objects.filter(type=EventType.DEADLINE_BREACHED).count() == 10
    assert WorkOrderEvent.objects.filter(type=EventType.ESCALATED, data__level=1).count() == 10
    assert Notification.objects.filter(recipient=supervisor, kind="sla_escalation").count() == 10


def test_the_number_of_queries_does_not_grow_with_the_number_of_due_clocks(community, agent, supervisor,
                                                                          zone_manager):
    def queries_to_sweep(count, day):
        file_orders(community, agent, count, when=f"2026-11-{day} 10:00")
        with time_machine.travel(at(f"2026-11-{day} 10:16"), tick=False), \
                CaptureQueriesContext(connection) as queries:
            report = sweep()
        assert report.breached == count
        Clock.objects.update(state=ClockState.MET)  # answered: the next day starts from nothing late
        return len(queries.captured_queries)

    assert queries_to_sweep(3, 23) == queries_to_sweep(30, 24)


def test_a_crash_between_batches_loses_nothing_and_tells_nobody_twice(community, agent, supervisor,
                                                                      monkeypatch):
    monkeypatch.setattr(sweep_module, "SWEEP_BATCH_SIZE", 4)
    file_orders(community, agent, 10)
    real_notify_many, calls = sweep_module.notify_many, []

    def dies_in_the_second_batch(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit("worker killed")  # not an error the sweep may catch: the process dies
        return real_notify_many(**kwargs)

    monkeypatch.setattr(sweep_module, "notify_many", dies_in_the_second_batch)
    with time_machine.travel(at("2026-11-23 10:16"), tick=False), pytest.raises(SystemExit):
        sweep()
    # The first batch committed whole; the second rolled back whole.
    assert breached_acknowledgements() == 4
    assert Notification.objects.filter(recipient=supervisor).count() == 4

    monkeypatch.setattr(sweep_module, "notify_many", real_notify_many)
    with time_machine.travel(at("2026-11-23 10:17"), tick=False):
        assert sweep().breached == 6
    assert breached_acknowledgements() == 10
    assert WorkOrderEvent.objects.filter(type=EventType.DEADLINE_BREACHED).count() == 10
    assert Notification.objects.filter(recipient=supervisor, kind="sla_escalation").count() == 10


def test_a_group_case_spread_over_batches_is_announced_once(community, agent, project_manager, monkeypatch):
    monkeypatch.setattr(sweep_module, "SWEEP_BATCH_SIZE", 6)
    case = GroupCase.objects.create(community=community, title="地下车库渗水")
    orders = file_orders(community, agent, 21, kind=Kind.COMPLAINT, group_case=case)
    with time_machine.travel(at("2026-11-23 10:01"), tick=False):
        assert sweep().sensitive == 21
    assert Notification.objects.filter(recipient=project_manager, kind="sla_escalation").count() == 1
    assert all(order.events.filter(type=EventType.ESCALATED, data__level=2).count() == 1 for order in orders)
    # Their deadlines, missed later, go straight to the project manager (level 2), one message each.
    with time_machine.travel(at("2026-11-23 10:16"), tick=False):
        sweep()
    assert set(Clock.objects.filter(type=ClockType.ACKNOWLEDGE).values_list("escalation_level", flat=True)) == {2}
    assert Notification.objects.filter(recipient=project_manager, kind="sla_escalation").count() == 22
