"""Wired in: intake asks the triage assistant, and an uncertain emergency is treated as urgent."""

import pytest

from guanjia.accounts.choices import Role
from guanjia.core.taxonomy import Channel
from guanjia.tickets.services import IntakeRequest, workorder_intake
from tests.factories import staff_with_role


@pytest.fixture
def agent(community, settings):
    settings.GUANJIA_TRIAGE_SUGGEST = "guanjia.triage.seam.suggest"
    return staff_with_role(community=community, role=Role.CS_AGENT, display_name="客服小李")


def test_a_burst_pipe_phoned_in_calmly_is_filed_urgent_for_engineering(agent, room):
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PHONE, room=room, description="不好意思打扰了,厨房的水管好像裂了,水一直往外喷"))
    assert (order.kind, order.category, order.urgency, order.department) == (
        "repair", "facility", "urgent", "engineering")
    assert order.triage_suggestion["rule_codes"]["urgency"][0] == "burst_pipe"
    assert order.triage_suggestion["evidence"]["urgency"][0].startswith("rule Burst pipe")


def test_a_feared_hazard_is_filed_urgent_until_a_person_decides(agent, room):
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PORTAL, room=room, description="楼道的电线裸露在外面,担心小孩子摸到会触电"))
    assert order.urgency == "urgent"
    assert order.triage_suggestion["urgency_uncertain"] is True
    assert order.triage_suggestion["urgency_model"] in {"normal", "complex"}


def test_an_explicit_classification_by_the_agent_wins_over_the_suggestion(agent, room):
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.FRONT_DESK, room=room, description="请问物业费可以微信交吗", kind="inquiry",
        category="fee", urgency="normal", department="customer_service"))
    assert (order.kind, order.category) == ("inquiry", "fee")
    assert order.triage_suggestion["kind"] == "inquiry"


def test_the_supervisor_confirming_an_order_records_a_decision_to_learn_from(agent, room, community):
    from guanjia.triage.services import triage_decision_record

    supervisor = staff_with_role(community=community, role=Role.CS_SUPERVISOR, display_name="陈主管")
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.WECHAT_GROUP, room=room, description="@管家 楼道灯又不亮了"))
    final = {"kind": "repair", "category": "facility", "urgency": "normal", "department": "engineering"}
    decision = triage_decision_record(order_or_text=order, suggested=order.triage_suggestion, final=final,
                                      user=supervisor, community=None)
    assert (decision.work_order, decision.community, decision.text) == (order, community, "@管家 楼道灯又不亮了")
    assert decision.suggested == {name: order.triage_suggestion[name] for name in final}
    assert decision.corrected is any(order.triage_suggestion[name] != final[name] for name in final)
