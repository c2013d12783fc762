"""Callback and rating (SLA-7, SAT-1), plans (SLA-3, SLA-4), repeat complaints and hot spots."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from guanjia.core.errors import ServiceError
from guanjia.notifications.models import Notification
from guanjia.tickets.choices import EventType, PlanStatus, RatingLevel, Status, Visibility
from guanjia.tickets.models import TicketSettings, WorkOrder
from guanjia.tickets.services import (
    plan_decide,
    plan_submit,
    workorder_callback,
    workorder_confirm,
    workorder_rate,
    workorder_resolve,
)

NOV = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def _resolved(file_order, agent, **kwargs):
    order = file_order(**kwargs)
    workorder_resolve(order=order, actor=agent, note="已修复")
    order.refresh_from_db()
    return order


def test_a_dissatisfied_rating_opens_a_follow_up_owned_by_the_supervisor(file_order, agent, supervisor, zhang):
    order = _resolved(file_order, agent)

    rating = workorder_rate(order=order, actor=zhang, level=RatingLevel.DISSATISFIED, comment="修完还在滴水")

    order.refresh_from_db()
    follow_up = WorkOrder.objects.get(follow_up_of=order)
    assert rating.level == "dissatisfied"
    assert order.status == Status.CLOSED and order.for_review is True
    assert follow_up.owner == supervisor and follow_up.room == order.room
    assert follow_up.kind == "complaint" and follow_up.status == Status.NEW
    assert "修完还在滴水" in follow_up.description
    assert follow_up.number.startswith("CH-") and follow_up.number != order.number
    assert order.events.get(type=EventType.FOLLOW_UP_OPENED).data["follow_up"] == follow_up.number
    assert Notification.objects.filter(recipient=supervisor, order=follow_up).exists()


def test_a_satisfied_rating_closes_the_loop_without_a_follow_up(file_order, agent, zhang):
    order = _resolved(file_order, agent)
    workorder_confirm(order=order, actor=zhang, note="确认修好了")

    workorder_rate(order=order, actor=zhang, level=RatingLevel.VERY_SATISFIED)

    order.refresh_from_db()
    assert order.status == Status.CLOSED and not order.for_review
    assert not WorkOrder.objects.filter(follow_up_of=order).exists()
    assert list(order.events.filter(visibility=Visibility.RESIDENT).values_list("type", flat=True))[-3:] == [
        EventType.CONFIRMED, EventType.RATED, EventType.CLOSED]


def test_rating_twice_or_before_resolution_is_refused(file_order, agent, zhang):
    open_order = file_order()
    with pytest.raises(ServiceError) as refused:
        workorder_rate(order=open_order, actor=zhang, level=RatingLevel.SATISFIED)
    assert refused.value.code == "not_resolved"

    order = _resolved(file_order, agent)
    workorder_rate(order=order, actor=zhang, level=RatingLevel.SATISFIED)
    with pytest.raises(ServiceError) as refused:
        workorder_rate(order=order, actor=zhang, level=RatingLevel.DISSATISFIED)
    assert refused.value.code == "already_rated"


def test_the_neighbour_cannot_rate_zhangs_order_but_the_tracking_link_can(file_order, agent, neighbour):
    order = _resolved(file_order, agent)

    with pytest.raises(ServiceError) as refused:
        workorder_rate(order=order, actor=neighbour, level=RatingLevel.DISSATISFIED)
    assert refused.value.code == "not_found"
    with pytest.raises(ServiceError):
        workorder_rate(order=order, actor=None, level=RatingLevel.SATISFIED, tracking_token="guessed")

    workorder_rate(order=order, actor=None, level=RatingLevel.SATISFIED, tracking_token=order.tracking_token)
    assert order.ratings.get().source == "resident"


def test_the_agent_records_a_dissatisfied_callback(file_order, agent, supervisor):
    order = _resolved(file_order, agent)

    workorder_callback(order=order, actor=agent, note="电话回访,业主说师傅态度差", level=RatingLevel.DISSATISFIED)

    order.refresh_from_db()
    assert order.status == Status.CLOSED and order.for_review
    assert order.ratings.get().source == "callback"
    assert WorkOrder.objects.get(follow_up_of=order).owner == supervisor
    assert order.events.get(type=EventType.CALLBACK).visibility == Visibility.INTERNAL


def test_a_callback_without_a_level_still_closes_the_loop(file_order, agent):
    order = _resolved(file_order, agent)

    workorder_callback(order=order, actor=agent, note="业主未接,短信告知")

    order.refresh_from_db()
    assert order.status == Status.CLOSED and not order.ratings.exists()


def test_a_second_complaint_from_the_same_household_within_30_days_is_a_repeat(file_order, agent):
    with time_machine.travel(NOV, tick=False):
        first = file_order(kind="complaint", category="order", description="楼下深夜噪音")
    with time_machine.travel(NOV + datetime.timedelta(days=20), tick=False):
        second = file_order(kind="complaint", category="order", description="又是噪音")
        other_category = file_order(kind="complaint", category="environment", description="垃圾没清")

    first.refresh_from_db()
    assert (first.is_repeat, second.is_repeat, other_category.is_repeat) == (False, True, False)
    assert second.events.get(type=EventType.FLAGGED).data["flag"] == "repeat"


def test_the_repeat_window_is_the_communitys_setting(file_order, community):
    TicketSettings.objects.create(community=community, repeat_window_days=7)
    with time_machine.travel(NOV, tick=False):
        file_order(kind="complaint", category="order")
    with time_machine.travel(NOV + datetime.timedelta(days=10), tick=False):
        later = file_order(kind="complaint", category="order")

    assert later.is_repeat is False


def test_the_same_lift_three_times_in_a_month_is_a_hot_spot(file_order, community):
    orders = []
    for day in (0, 9, 18):
        with time_machine.travel(NOV + datetime.timedelta(days=day), tick=False):
            orders.append(file_order(room=None, community=community, location="3栋2单元 电梯",
                                     description="电梯异响"))
    with time_machine.travel(NOV + datetime.timedelta(days=60), tick=False):
        much_later = file_order(room=None, community=community, location="3栋2单元电梯", description="电梯异响")

    for order in orders:
        order.refresh_from_db()
    assert [o.is_hotspot for o in orders] == [True, True, True]
    assert much_later.is_hotspot is False
    assert orders[2].events.filter(type=EventType.FLAGGED, data__flag="hotspot").exists()


def test_a_complex_plan_waits_for_the_project_manager_then_the_resident_sees_it(file_order, agent, supervisor,
                                                                                project_manager):
    order = file_order(urgency="complex", description="外墙渗水多年未解决")

    plan = plan_submit(order=order, actor=agent, solution="联系开发商维修基金,外墙整体防水", cost=Decimal("18000"),
                       schedule="12月中旬施工,约10天", parties=["开发商", "防水施工单位"],
                       resident_text="我们已联系开发商,12月中旬开始外墙防水施工,约10天完成。")
    assert plan.status == PlanStatus.SUBMITTED and plan.needs_approval
    assert not order.events.filter(visibility=Visibility.RESIDENT, type=EventType.PLAN_APPROVED).exists()
    assert Notification.objects.filter(recipient=project_manager, order=order).exists()

    with pytest.raises(ServiceError) as refused:
        plan_decide(plan=plan, actor=supervisor, approve=True)
    assert refused.value.code == "project_manager_only"
    plan_decide(plan=plan, actor=project_manager, approve=True, note="同意")

    plan.refresh_from_db()
    shown = order.events.get(type=EventType.PLAN_APPROVED)
    assert plan.status == PlanStatus.APPROVED and plan.decided_by == project_manager
    assert shown.visibility == Visibility.RESIDENT and "12月中旬" in shown.note and "18000" not in shown.note
    with pytest.raises(ServiceError) as refused:
        plan_decide(plan=plan, actor=project_manager, approve=False, note="再议")
    assert refused.value.code == "plan_already_decided"


def test_a_normal_plan_is_in_force_at_once_and_replaces_the_previous_one(file_order, agent):
    order = file_order()

    old = plan_submit(order=order, actor=agent, solution="更换角阀", resident_text="明天更换角阀")
    new = plan_submit(order=order, actor=agent, solution="更换整段水管", resident_text="需要更换整段水管")

    old.refresh_from_db()
    assert (old.status, new.status) == (PlanStatus.SUPERSEDED, PlanStatus.APPROVED)
    assert not new.needs_approval


def test_a_rejected_complex_plan_needs_a_reason(file_order, agent, project_manager):
    order = file_order(urgency="complex")
    plan = plan_submit(order=order, actor=agent, solution="方案A", resident_text="方案A")

    with pytest.raises(ServiceError) as refused:
        plan_decide(plan=plan, actor=project_manager, approve=False)
    assert refused.value.code == "reason_required"
    plan_decide(plan=plan, actor=project_manager, approve=False, note="费用太高,换方案")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.REJECTED


def test_resolving_tells_the_resident_with_the_tracking_link_to_rate(file_order, agent, zhang):
    order = file_order(person=zhang.person, contact_phone="13812345678")

    workorder_resolve(order=order, actor=agent, note="漏点已修复")

    message = Notification.objects.get(recipient=zhang, order=order, kind="resolved")
    assert message.link == f"/t/{order.tracking_token}"
    assert "漏点已修复" in message.body


def test_a_portal_request_reaches_the_desk_inbox(zhang, room, agent, supervisor, technician):
    from guanjia.core.taxonomy import Channel
    from guanjia.tickets.services import IntakeRequest, workorder_intake

    order = workorder_intake(actor=zhang, request=IntakeRequest(channel=Channel.PORTAL, room=room,
                                                                description="门口灯坏了"))

    told = set(Notification.objects.filter(order=order, kind="new_request").values_list("recipient", flat=True))
    assert told == {agent.pk, supervisor.pk}
