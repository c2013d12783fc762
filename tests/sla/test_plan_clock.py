"""A complex order's handling plan (SLA-4), through the work-order services: sent back, it is due again."""

from datetime import timedelta

import pytest
import time_machine

from guanjia.core.taxonomy import Category, Channel, Kind, Urgency
from guanjia.notifications.models import Notification
from guanjia.sla.choices import ClockState, ClockType
from guanjia.sla.sweep import sweep
from guanjia.tickets.choices import EventType
from guanjia.tickets.services import plan_decide, plan_submit
from guanjia.tickets.services.intake import IntakeRequest, workorder_intake
from tests.sla.factories import at

pytestmark = pytest.mark.django_db


def plan_clocks(order):
    return list(order.clocks.filter(type=ClockType.PLAN).order_by("started_at", "id"))


def test_a_plan_sent_back_restarts_the_plan_clock(community, room, agent, supervisor, project_manager):
    # Monday 10:00: 张女士 reports the outer wall of 3-2-1502 has leaked for years — a complex case,
    # whose handling plan is due in 5 working days and needs the project manager's approval.
    with time_machine.travel(at("2026-11-23 10:00"), tick=False):
        order = workorder_intake(actor=agent, request=IntakeRequest(
            channel=Channel.PHONE, description="外墙渗水多年未解决", room=room, kind=Kind.REPAIR,
            category=Category.FACILITY, urgency=Urgency.COMPLEX))
    [first] = plan_clocks(order)
    assert first.due_at == at("2026-11-30 10:00")

    # Wednesday the agent submits a plan: the plan clock is met, on time.
    with time_machine.travel(at("2026-11-25 15:00"), tick=False):
        plan = plan_submit(order=order, actor=agent, solution="外墙整体防水", resident_text="安排外墙防水施工")
    first.refresh_from_db()
    assert first.state == ClockState.MET and first.breached_at is None

    # Thursday 10:00 the project manager sends it back: a new plan is due 5 working days later.
    with time_machine.travel(at("2026-11-26 10:00"), tick=False):
        plan_decide(plan=plan, actor=project_manager, approve=False, note="费用太高,换方案")
    first_again, second = plan_clocks(order)
    assert first_again.state == ClockState.MET  # history stays as it was
    assert second.state == ClockState.RUNNING
    assert (second.started_at, second.due_at) == (at("2026-11-26 10:00"), at("2026-12-03 10:00"))

    # Nobody writes a new plan (nor calls 张女士: her other clocks run late meanwhile). The day after
    # the old deadline the plan is not late yet ...
    with time_machine.travel(at("2026-12-01 10:00"), tick=False):
        sweep()
    assert plan_clocks(order)[1].state == ClockState.RUNNING
    assert not order.events.filter(type=EventType.DEADLINE_BREACHED, data__clock=ClockType.PLAN).exists()
    # ... but a week after the rejection it is, and the area supervisor hears of it.
    with time_machine.travel(at("2026-12-03 10:01"), tick=False):
        sweep()
    second.refresh_from_db()
    assert second.state == ClockState.BREACHED and second.breached_at == at("2026-12-03 10:01")
    [escalated] = order.events.filter(type=EventType.ESCALATED, data__clock=ClockType.PLAN)
    assert escalated.data["level"] == 1 and supervisor.pk in escalated.data["to"]
    assert Notification.objects.filter(recipient=supervisor, kind="sla_escalation", order=order,
                                       body=escalated.note).count() == 1

    # The second plan, late, meets the restarted clock; approved, no further plan clock starts.
    with time_machine.travel(at("2026-12-03 14:00"), tick=False):
        second_plan = plan_submit(order=order, actor=agent, solution="分段防水", resident_text="分段做外墙防水")
        plan_decide(plan=second_plan, actor=project_manager, approve=True, note="同意")
    clocks = plan_clocks(order)
    assert len(clocks) == 2
    assert clocks[1].state == ClockState.MET and clocks[1].breached_at == at("2026-12-03 10:01")
    assert clocks[1].met_at - clocks[1].due_at == timedelta(hours=4)  # met, four hours late
