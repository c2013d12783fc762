"""The contract with the work-order engine: its services drive the clocks end to end."""

import pytest
import time_machine

from guanjia.core.taxonomy import Category, Channel, Kind, Urgency
from guanjia.sla.choices import ClockState
from guanjia.sla.sweep import sweep
from guanjia.tickets.services import workorder_acknowledge, workorder_pause, workorder_resume
from guanjia.tickets.services.intake import IntakeRequest, workorder_intake
from tests.sla.factories import at, clock

pytestmark = pytest.mark.django_db


def test_a_desk_intake_starts_clocks_and_the_engine_meets_and_pauses_them(community, room, agent, supervisor):
    with time_machine.travel(at("2026-11-23 10:00"), tick=False):
        order = workorder_intake(actor=agent, request=IntakeRequest(
            channel=Channel.PHONE, description="楼道三天没有打扫", room=room, kind=Kind.COMPLAINT,
            category=Category.ENVIRONMENT, urgency=Urgency.NORMAL))
    assert clock(order, "acknowledge").due_at == at("2026-11-23 10:15")
    assert clock(order, "close").due_at == at("2026-11-25 10:00")

    with time_machine.travel(at("2026-11-23 10:05"), tick=False):
        workorder_acknowledge(order=order, actor=agent)
    with time_machine.travel(at("2026-11-23 11:00"), tick=False):
        workorder_pause(order=order, actor=agent, reason="业主出差，周二回来再看现场")
    with time_machine.travel(at("2026-11-24 11:00"), tick=False):
        workorder_resume(order=order, actor=agent)
        sweep()

    assert clock(order, "acknowledge").state == ClockState.MET
    assert clock(order, "plan").due_at == at("2026-11-26 10:00")  # the desk day paused is given back
    assert clock(order, "close").state == ClockState.RUNNING
