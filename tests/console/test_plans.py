"""The project manager's plans screen: a complex order's handling plan waits there until the
manager approves it (and the resident sees its plain words) or sends it back saying why."""

from decimal import Decimal

import pytest
from django.urls import reverse

from guanjia.accounts.choices import Role
from guanjia.tickets.choices import PlanStatus, Visibility
from guanjia.tickets.services import plan_submit
from tests.factories import staff_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_liu(community):
    return staff_with_role(community=community, role=Role.PROJECT_MANAGER, username="pm_liu",
                           display_name="刘经理")


@pytest.fixture
def lift_plan(file_order, agent):
    def _plan(description="3栋电梯反复停运"):
        order = file_order(description=description, urgency="complex", category="facility")
        return plan_submit(order=order, actor=agent, solution="联系电梯维保单位更换主板",
                           resident_text="我们将在周五前更换电梯主板，期间请走2号梯。", cost=Decimal("3800"),
                           schedule="本周五", parties=["电梯维保单位"])
    return _plan


def test_manager_approves_a_complex_plan_and_the_resident_sees_its_plain_words(client, manager_liu, lift_plan):
    plan = lift_plan()
    client.force_login(manager_liu)
    page = client.get(reverse("console:plans"))
    html = page.content.decode()
    assert "联系电梯维保单位更换主板" in html and "3800" in html and plan.order.number in html
    assert reverse("console:plans") in html, "the top bar links the manager to the plans"

    response = client.post(reverse("console:plan-decide", args=[plan.uuid]), {"decision": "approve"})

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.decided_by == manager_liu
    shown = plan.order.events.filter(visibility=Visibility.RESIDENT, note__contains="更换电梯主板")
    assert shown.exists(), "the resident's timeline carries the plan in plain words"
    assert plan.order.number in client.get(reverse("console:plans")).content.decode(), "listed as decided"


def test_sending_back_needs_a_reason_said_beside_the_plan(client, manager_liu, lift_plan):
    plan = lift_plan()
    client.force_login(manager_liu)

    refused = client.post(reverse("console:plan-decide", args=[plan.uuid]), {"decision": "send_back", "note": " "})
    assert refused.status_code == 400
    note_errors = refused.context["failed_form"].errors["note"]
    assert note_errors and note_errors[0] in refused.content.decode(), "the reason is asked for beside the note"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED

    client.post(reverse("console:plan-decide", args=[plan.uuid]), {"decision": "send_back", "note": "费用太高，再询价"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.REJECTED and plan.decision_note == "费用太高，再询价"
    again = client.post(reverse("console:plan-decide", args=[plan.uuid]), {"decision": "approve"})
    assert again.status_code == 409
    assert again.context["failed_form"].non_field_errors(), "told the plan was already decided"


def test_an_agent_cannot_approve_and_is_not_shown_the_screen(client, agent, lift_plan):
    plan = lift_plan()
    client.force_login(agent)
    assert reverse("console:plans") not in client.get(reverse("console:orders")).content.decode()
    assert plan.order.number not in client.get(reverse("console:plans")).content.decode()

    response = client.post(reverse("console:plan-decide", args=[plan.uuid]), {"decision": "approve"})

    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_another_communitys_manager_never_sees_the_plan(client, other_community, lift_plan):
    stranger = staff_with_role(community=other_community, role=Role.PROJECT_MANAGER, username="pm_other")
    plan = lift_plan()
    client.force_login(stranger)
    assert plan.order.number not in client.get(reverse("console:plans")).content.decode()
    assert client.post(reverse("console:plan-decide", args=[plan.uuid]), {"decision": "approve"}).status_code == 404


@pytest.mark.parametrize("data", [{}, {"decision": "maybe"}, {"decision": "approve" * 500, "note": "x" * 5000},
                                  {"decision": "\x00"}])
def test_garbage_decisions_are_answered_not_crashed(client, manager_liu, lift_plan, data):
    plan = lift_plan()
    client.force_login(manager_liu)
    assert client.post(reverse("console:plan-decide", args=[plan.uuid]), data).status_code == 400
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_the_plans_page_costs_the_same_queries_for_one_or_fifteen_plans(client, manager_liu, lift_plan,
                                                                        django_assert_max_num_queries):
    lift_plan()
    client.force_login(manager_liu)
    client.get(reverse("console:plans"))
    with django_assert_max_num_queries(40) as one:
        client.get(reverse("console:plans"))
    for n in range(14):
        lift_plan(description=f"{n}号楼外墙渗水")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("console:plans"))
    assert len(response.context["page"].object_list) == 15
