"""Intake from every channel: numbers, idempotent retries, validation and the triage seam."""

import datetime
import zoneinfo

import pytest
import time_machine

from guanjia.core.errors import ServiceError
from guanjia.core.taxonomy import Channel
from guanjia.tickets.choices import EventType, Status, Visibility
from guanjia.tickets.models import WorkOrder
from guanjia.tickets.services import (
    IntakeRequest,
    workorder_acknowledge,
    workorder_intake,
    workorder_receive_info,
    workorder_request_info,
)

from .conftest import jpeg_upload

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_a_phone_request_gets_a_number_of_the_community_and_day_and_the_agent_owns_it(file_order, agent):
    with time_machine.travel(datetime.datetime(2026, 11, 22, 9, 30, tzinfo=SHANGHAI), tick=False):
        first = file_order()
        second = file_order(description="楼道灯不亮")

    assert (first.number, second.number) == ("CH-20261122-0001", "CH-20261122-0002")
    assert first.owner == agent
    assert first.status == Status.NEW
    assert first.department == "engineering"  # defaulted from the facility category
    assert list(first.events.values_list("type", flat=True)) == [EventType.CREATED, EventType.CLASSIFIED]


def test_numbers_follow_the_shanghai_day_not_utc(file_order):
    # 00:30 in Shanghai on the 23rd is still the 22nd in UTC.
    with time_machine.travel(datetime.datetime(2026, 11, 23, 0, 30, tzinfo=SHANGHAI), tick=False):
        order = file_order()

    assert order.number == "CH-20261123-0001"


def test_a_retry_with_the_same_idempotency_key_returns_the_same_order(agent, room):
    request = IntakeRequest(channel=Channel.PHONE, room=room, description="电梯异响")

    first = workorder_intake(actor=agent, request=request, idempotency_key="call-7781")
    again = workorder_intake(actor=agent, request=request, idempotency_key="call-7781")

    assert again.pk == first.pk
    assert WorkOrder.objects.count() == 1
    assert first.events.filter(type=EventType.CREATED).count() == 1


def test_a_resident_files_from_the_portal_and_the_first_agent_to_acknowledge_owns_it(zhang, room, agent,
                                                                                        supervisor):
    order = workorder_intake(actor=zhang, request=IntakeRequest(
        channel=Channel.PHONE, room=room, description="厨房下水道堵了", photos=[jpeg_upload()]))

    assert order.channel == Channel.PORTAL  # whatever the app claims, it came through the portal
    assert order.owner is None
    assert (order.contact_name, order.contact_phone, order.person) == ("张女士", "13812345678", zhang.person)
    created = order.events.get(type=EventType.CREATED)
    assert created.photos.count() == 1 and created.visibility == Visibility.RESIDENT

    workorder_acknowledge(order=order, actor=agent, note="已联系张女士确认")
    with pytest.raises(ServiceError) as refused:  # a second acknowledgement is refused
        workorder_acknowledge(order=order, actor=supervisor)

    order.refresh_from_db()
    assert order.owner == agent and order.acknowledged_at is not None
    assert refused.value.code == "transition_not_allowed"


def test_a_resident_cannot_file_for_the_neighbours_room(zhang, neighbour_room):
    with pytest.raises(ServiceError) as refused:
        workorder_intake(actor=zhang, request=IntakeRequest(channel=Channel.PORTAL, room=neighbour_room,
                                                            description="邻居家漏水"))

    assert refused.value.code == "room_not_yours"
    assert refused.value.status == 403
    assert not WorkOrder.objects.exists()


def test_an_unknown_room_code_is_refused_with_a_clear_code(agent, community):
    with pytest.raises(ServiceError) as refused:
        workorder_intake(actor=agent, request=IntakeRequest(channel=Channel.PHONE, community=community,
                                                            room_code="99-9-9999", description="漏水"))

    assert refused.value.code == "unknown_room"
    assert "room" in refused.value.fields


def test_a_room_code_as_people_say_it_finds_the_room(agent, community, room):
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.FRONT_DESK, community=community, room_code="3栋2单元1502", description="门禁卡失效"))

    assert order.room == room


def test_an_agent_of_another_community_cannot_file_here(outsider, room):
    with pytest.raises(ServiceError) as refused:
        workorder_intake(actor=outsider, request=IntakeRequest(channel=Channel.PHONE, room=room,
                                                               description="漏水"))

    assert refused.value.code == "not_your_community"


def test_a_patrol_reports_a_common_area_by_place(agent, community):
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PATROL, community=community, location="3栋 2单元 电梯", description="电梯按钮失灵"))

    assert order.room is None and order.asset_key == "3栋2单元电梯"


def test_the_triage_suggestion_prefills_and_an_urgent_one_is_urgent_at_once(agent, room):
    def classifier(text):
        return {"kind": "repair", "category": "facility", "urgency": "urgent", "confidence": 0.93,
                "department": "not-a-department"}

    with time_machine.travel(datetime.datetime(2026, 11, 22, 21, 5, tzinfo=SHANGHAI), tick=False):  # after hours
        order = workorder_intake(actor=agent, request=IntakeRequest(
            channel=Channel.PHONE, room=room, description="水管爆了,水漫到客厅"), suggest=classifier)

    assert order.triage_suggestion == {"kind": "repair", "category": "facility", "urgency": "urgent",
                                       "confidence": 0.93}
    assert (order.urgency, order.department) == ("urgent", "engineering")
    classified = order.events.get(type=EventType.CLASSIFIED)
    assert classified.data["source"] == "suggestion"
    from guanjia.sla.models import Clock

    # SLA-2: staff on site within 15 minutes, around the clock (21:05 is outside desk hours).
    on_site = Clock.objects.get(order=order, type="on_site")
    assert on_site.due_at - order.created_at == datetime.timedelta(minutes=15)


def test_a_broken_classifier_never_loses_the_request(agent, room):
    def classifier(text):
        raise RuntimeError("model not loaded")

    order = workorder_intake(actor=agent, request=IntakeRequest(channel=Channel.PHONE, room=room,
                                                                description="电梯停了"), suggest=classifier)

    assert order.pk and order.triage_suggestion == {} and order.category == ""


def test_a_vague_online_request_is_completed_by_asking_back(zhang, room, agent):
    order = workorder_intake(actor=zhang, request=IntakeRequest(channel=Channel.PORTAL, room=room,
                                                                description="电梯坏了"))

    workorder_request_info(order=order, actor=agent, questions=["哪一部电梯?", "有人被困吗?"])
    order.refresh_from_db()
    assert order.status == Status.WAITING_INFO and order.owner == agent

    workorder_receive_info(order=order, actor=zhang, answer="2单元的客梯,没人被困,门打不开")
    order.refresh_from_db()
    assert order.status == Status.NEW
    asked = order.events.get(type=EventType.INFO_REQUESTED)
    assert asked.data["questions"] == ["哪一部电梯?", "有人被困吗?"]
    assert asked.visibility == Visibility.RESIDENT


def test_a_neighbour_cannot_answer_for_someone_elses_order(zhang, neighbour, room, agent):
    order = workorder_intake(actor=zhang, request=IntakeRequest(channel=Channel.PORTAL, room=room,
                                                                description="电梯坏了"))
    workorder_request_info(order=order, actor=agent, questions=["哪一部?"])

    with pytest.raises(ServiceError) as refused:
        workorder_receive_info(order=order, actor=neighbour, answer="不知道")

    assert refused.value.code == "not_found"


def test_a_person_choosing_another_category_is_not_sent_to_the_suggested_department(agent, room):
    def classifier(text):
        return {"kind": "repair", "category": "facility", "urgency": "normal", "department": "engineering"}

    order = workorder_intake(actor=agent, suggest=classifier, request=IntakeRequest(
        channel=Channel.PHONE, room=room, description="楼上装修太吵", kind="complaint", category="renovation"))

    assert (order.kind, order.category, order.department) == ("complaint", "renovation", "customer_service")
    assert order.triage_suggestion["department"] == "engineering"  # kept for the triage statistics
