"""The life of a work order: classification, dispatch, field work, the state machine's refusals,
pause and resume, reopen, cancel, merge and group cases."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from guanjia.core.errors import ServiceError
from guanjia.tickets.choices import EventType, Status, Visibility
from guanjia.tickets.services import (
    TRANSITIONS,
    group_case_create,
    workorder_accept,
    workorder_acknowledge,
    workorder_agree_visit,
    workorder_arrive,
    workorder_cancel,
    workorder_classify,
    workorder_dispatch,
    workorder_hand_over,
    workorder_link_group,
    workorder_merge,
    workorder_note,
    workorder_pause,
    workorder_reopen,
    workorder_resolve,
    workorder_resume,
    workorder_set_out,
)
from tests.factories import RoomFactory

from .conftest import jpeg_upload


def test_every_status_has_a_row_in_the_one_transition_table():
    assert set(TRANSITIONS) == set(Status.values)
    assert TRANSITIONS[Status.CANCELLED] == TRANSITIONS[Status.MERGED] == frozenset()


def test_the_technicians_day_from_dispatch_to_resolution(file_order, agent, technician):
    order = file_order()
    workorder_acknowledge(order=order, actor=agent)
    workorder_dispatch(order=order, actor=agent, assignee=technician,
                       note="张女士家卫生间天花板漏水,疑似楼上管道;业主希望今天上门")
    workorder_accept(order=order, actor=technician)
    workorder_set_out(order=order, actor=technician,
                      expected_arrival=timezone.now() + datetime.timedelta(minutes=20))
    workorder_arrive(order=order, actor=technician)
    workorder_note(order=order, actor=technician, note="更换楼上角阀", photos=[jpeg_upload("valve.jpg")],
                   materials=[{"name": "角阀", "quantity": "1", "unit": "个"}])
    workorder_agree_visit(order=order, actor=technician, visit_at=timezone.now() + datetime.timedelta(days=1),
                          impact="明早9点复查,停水约30分钟")
    workorder_resolve(order=order, actor=technician, note="漏点已修复", photos=[jpeg_upload("done.jpg")])

    order.refresh_from_db()
    assert order.status == Status.RESOLVED and order.resolved_at and order.on_site_at
    assert (order.owner, order.assignee) == (agent, order.assignee)
    assert order.assignee == technician
    types = list(order.events.values_list("type", flat=True))
    assert types == [EventType.CREATED, EventType.CLASSIFIED, EventType.ACKNOWLEDGED, EventType.DISPATCHED,
                     EventType.ACCEPTED, EventType.SET_OUT, EventType.ARRIVED, EventType.NOTE,
                     EventType.VISIT_AGREED, EventType.RESOLVED]
    accepted = order.events.get(type=EventType.ACCEPTED)
    assert accepted.visibility == Visibility.RESIDENT
    assert accepted.data["worker_name"] == "王师傅" and accepted.data["worker_phone"] == "13700000001"
    note = order.events.get(type=EventType.NOTE)
    assert note.data["materials"] == [{"name": "角阀", "quantity": "1", "unit": "个"}]
    assert note.photos.count() == 1
    assert order.events.get(type=EventType.DISPATCHED).visibility == Visibility.INTERNAL


def test_transitions_from_the_wrong_status_are_refused_and_nothing_is_written(file_order, agent, technician,
                                                                                 supervisor):
    order = file_order()

    with pytest.raises(ServiceError) as refused:
        workorder_accept(order=order, actor=supervisor)  # nothing was dispatched yet
    assert (refused.value.code, refused.value.status) == ("transition_not_allowed", 409)

    with pytest.raises(ServiceError) as refused:
        workorder_reopen(order=order, actor=agent, reason="没修好")
    assert (refused.value.code, refused.value.status) == ("transition_not_allowed", 409)

    workorder_cancel(order=order, actor=agent, reason="业主已自行解决")
    with pytest.raises(ServiceError) as refused:
        workorder_dispatch(order=order, actor=agent, assignee=technician, note="派单")
    assert refused.value.code == "transition_not_allowed"

    order.refresh_from_db()
    assert order.status == Status.CANCELLED and order.assignee is None
    assert not order.events.filter(type=EventType.DISPATCHED).exists()


def test_only_the_assignee_or_a_supervisor_records_field_steps(file_order, agent, technician, supervisor, community):
    from guanjia.accounts.choices import Role
    from tests.factories import staff_with_role

    other_tech = staff_with_role(community=community, role=Role.TECHNICIAN, username="tech_li")
    order = file_order()
    workorder_dispatch(order=order, actor=agent, assignee=technician, note="漏水,请上门")

    with pytest.raises(ServiceError) as refused:
        workorder_accept(order=order, actor=other_tech)
    assert refused.value.code == "not_assignee"
    workorder_accept(order=order, actor=supervisor)  # recorded on 王师傅's behalf
    order.refresh_from_db()
    assert order.status == Status.ACCEPTED and order.assignee == technician


def test_dispatch_needs_a_classification_and_background(file_order, agent, technician):
    order = file_order(kind="", category="")

    with pytest.raises(ServiceError) as refused:
        workorder_dispatch(order=order, actor=agent, assignee=technician, note="派单")
    assert refused.value.code == "not_classified"

    workorder_classify(order=order, actor=agent, kind="repair", category="facility", urgency="normal")
    with pytest.raises(ServiceError) as refused:
        workorder_dispatch(order=order, actor=agent, assignee=technician, note="  ")
    assert refused.value.code == "note_required"


def test_classification_changes_are_events_and_only_a_supervisor_confirms(file_order, agent, supervisor):
    order = file_order(kind="complaint", category="renovation")
    assert order.department == "customer_service"

    # The agent sends renovation debris to the environment department (an override).
    workorder_classify(order=order, actor=agent, kind="complaint", category="renovation", urgency="normal",
                       department="environment")
    with pytest.raises(ServiceError) as refused:
        workorder_classify(order=order, actor=agent, kind="complaint", category="renovation",
                           urgency="normal", department="environment", confirm=True)
    assert refused.value.code == "supervisor_only"
    workorder_classify(order=order, actor=supervisor, kind="complaint", category="renovation",
                       urgency="normal", department="environment", confirm=True)

    order.refresh_from_db()
    assert order.department == "environment"
    assert order.classification_confirmed_by == supervisor
    changed = order.events.get(type=EventType.RECLASSIFIED)
    assert changed.data["before"]["department"] == "customer_service"
    assert changed.data["after"]["department"] == "environment"
    assert changed.data["department_overridden"] is True
    confirmed = order.events.filter(type=EventType.CLASSIFIED).last()
    assert confirmed.data["confirmed"] is True and confirmed.actor == supervisor


def test_an_unknown_category_is_refused(file_order, agent):
    order = file_order()

    with pytest.raises(ServiceError) as refused:
        workorder_classify(order=order, actor=agent, kind="repair", category="plumbing", urgency="normal")

    assert refused.value.code == "invalid_classification" and "category" in refused.value.fields


def test_a_hand_over_names_the_new_owner_and_the_promise_becomes_a_deadline(file_order, agent, technician):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC), tick=False):
        order = file_order()
        due = timezone.now() + datetime.timedelta(hours=1)
        workorder_hand_over(order=order, actor=agent, new_owner=technician,
                            promise="王师傅会在1小时内给您回电", promise_due_at=due)

    order.refresh_from_db()
    assert order.owner == technician
    event = order.events.get(type=EventType.HANDED_OVER)
    assert event.visibility == Visibility.RESIDENT and event.note == "王师傅会在1小时内给您回电"
    assert event.data["promise_due_at"] == "2026-11-23T11:00:00+00:00"
    assert (event.data["from_owner"], event.data["to_owner"]) == (agent.pk, technician.pk)
    from guanjia.sla.models import Clock

    promise = Clock.objects.get(order=order, type="promise")
    assert promise.due_at == due and promise.state == "running"
    from guanjia.notifications.models import Notification

    assert Notification.objects.filter(recipient=technician, order=order).exists()


def test_a_hand_over_to_someone_outside_the_community_or_without_a_promise_is_refused(file_order, agent,
                                                                                      outsider, technician):
    order = file_order()
    later = timezone.now() + datetime.timedelta(hours=1)

    with pytest.raises(ServiceError) as refused:
        workorder_hand_over(order=order, actor=agent, new_owner=outsider, promise="会回电", promise_due_at=later)
    assert refused.value.code == "invalid_owner"
    with pytest.raises(ServiceError) as refused:
        workorder_hand_over(order=order, actor=agent, new_owner=technician, promise="", promise_due_at=later)
    assert refused.value.code == "promise_required"


def test_pause_waits_for_the_resident_and_resume_returns_to_where_it_was(file_order, agent, technician):
    order = file_order()
    workorder_dispatch(order=order, actor=agent, assignee=technician, note="上门维修")
    workorder_accept(order=order, actor=technician)

    workorder_pause(order=order, actor=agent, reason="业主出差,下周一回来")
    order.refresh_from_db()
    assert order.status == Status.ON_HOLD
    workorder_resume(order=order, actor=agent, note="业主已回家")
    order.refresh_from_db()
    assert order.status == Status.ACCEPTED


def test_cancel_needs_a_reason_the_resident_sees(file_order, agent):
    order = file_order()

    with pytest.raises(ServiceError) as refused:
        workorder_cancel(order=order, actor=agent, reason=" ")
    assert refused.value.code == "reason_required"
    workorder_cancel(order=order, actor=agent, reason="重复报修")

    order.refresh_from_db()
    assert (order.status, order.cancel_reason) == (Status.CANCELLED, "重复报修")
    assert order.events.get(type=EventType.CANCELLED).visibility == Visibility.RESIDENT


def test_reopen_after_the_fix_did_not_hold(file_order, agent):
    order = file_order()
    workorder_resolve(order=order, actor=agent, note="已处理")

    workorder_reopen(order=order, actor=agent, reason="当晚又开始漏水")

    order.refresh_from_db()
    assert order.status == Status.ACKNOWLEDGED and order.resolved_at is None
    assert order.events.filter(type=EventType.REOPENED).count() == 1


def test_merging_a_duplicate_links_both_and_keeps_their_events(file_order, agent):
    first = file_order(description="2单元电梯停在8楼")
    duplicate = file_order(description="电梯不动了")

    survivor = workorder_merge(duplicate=duplicate, into=first, actor=agent, note="同一部电梯")

    duplicate.refresh_from_db()
    assert survivor == first
    assert (duplicate.status, duplicate.merged_into) == (Status.MERGED, first)
    assert duplicate.events.get(type=EventType.MERGED).data["into"] == first.number
    assert first.events.get(type=EventType.NOTE).data["merged_from"] == duplicate.number
    assert duplicate.events.filter(type=EventType.CREATED).exists()  # history stays where it was written
    with pytest.raises(ServiceError) as refused:
        workorder_merge(duplicate=first, into=first, actor=agent)
    assert refused.value.code == "merge_into_self"


def test_many_households_link_to_one_group_case(file_order, agent, community, room):
    case = group_case_create(actor=agent, community=community, title="3栋地下车库渗水")
    orders = [file_order(room=RoomFactory(unit=room.unit, community=community, number=f"{n}01"))
              for n in range(2, 5)]

    for order in orders:
        workorder_link_group(order=order, group_case=case, actor=agent)

    assert case.work_orders.count() == 3
    last = orders[-1].events.get(type=EventType.LINKED_TO_GROUP)
    assert last.data["households"] == 3 and last.data["group_case"] == str(case.uuid)


def test_a_group_case_of_another_community_cannot_be_linked(file_order, agent, other_community, outsider):
    foreign = group_case_create(actor=outsider, community=other_community, title="别的小区")
    order = file_order()

    with pytest.raises(ServiceError) as refused:
        workorder_link_group(order=order, group_case=foreign, actor=agent)

    assert refused.value.code == "group_other_community"


def test_the_documented_state_table_is_the_one_the_code_enforces():
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "api-walkthrough.md"
    order = list(Status.values)
    rows = [f"| `{state}` | " + (", ".join(f"`{n}`" for n in sorted(TRANSITIONS[state], key=order.index))
                                or "—") + " |" for state in order]

    assert all(row in doc.read_text(encoding="utf-8").splitlines() for row in rows)
