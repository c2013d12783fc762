"""Reads, scoped by who is asking: queues, a household's history at intake, the supervisor's board."""

import datetime
from zoneinfo import ZoneInfo

import time_machine

from guanjia.tickets.choices import Status
from guanjia.tickets.selectors import (
    QueueFilters,
    household_orders,
    supervisor_board,
    workorder_detail,
    workorder_queue,
    workorders_for_resident,
)
from guanjia.tickets.services import workorder_cancel, workorder_dispatch, workorder_note, workorder_resolve
from tests.factories import RoomFactory, ZoneFactory

START = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_while_taking_a_call_the_agent_sees_the_households_open_and_recent_orders(file_order, agent, room):
    with time_machine.travel(START - datetime.timedelta(days=200), tick=False):
        old = file_order(description="去年的")
        workorder_resolve(order=old, actor=agent, note="已修")
    with time_machine.travel(START, tick=False):
        done = file_order(description="上周的")
        workorder_cancel(order=done, actor=agent, reason="业主撤回")
        still_open = file_order(description="还在处理")

        found = household_orders(user=agent, room=room)

    assert list(found["open"]) == [still_open]
    assert list(found["recent"]) == [done]  # older than the 90 days shown: not offered


def test_queues_split_mine_assigned_and_department(file_order, agent, technician, supervisor):
    mine = file_order()
    dispatched = file_order(description="派给王师傅")
    workorder_dispatch(order=dispatched, actor=agent, assignee=technician, note="上门")

    assert set(workorder_queue(user=agent, queue="mine")) == {mine, dispatched}
    assert list(workorder_queue(user=technician, queue="assigned")) == [dispatched]
    assert set(workorder_queue(user=technician, queue="department")) == {mine, dispatched}
    assert list(workorder_queue(user=supervisor, queue="mine")) == []


def test_the_zone_filter_follows_the_rooms_building(file_order, agent, community):
    east = ZoneFactory(community=community, name="东区")
    east_room = RoomFactory(unit__building__community=community, unit__building__zone=east, number="801")
    in_east = file_order(room=east_room)
    file_order()

    found = workorder_queue(user=agent, queue="community", filters=QueueFilters(zone=east.pk))

    assert list(found) == [in_east]


def test_a_resident_sees_only_her_rooms_orders(file_order, zhang, neighbour, neighbour_room):
    hers = file_order()
    file_order(room=neighbour_room)

    assert list(workorders_for_resident(user=zhang)) == [hers]


def test_the_timeline_loads_in_a_fixed_number_of_queries(file_order, agent, django_assert_max_num_queries):
    order = file_order()
    for n in range(12):
        workorder_note(order=order, actor=agent, note=f"进展{n}")

    with django_assert_max_num_queries(9):
        detail = workorder_detail(user=agent, uuid=order.uuid)
        names = [str(e.actor) for e in detail.visible_events] + [p.pk for e in detail.visible_events
                                                                for p in e.photos.all()]

    assert len(detail.visible_events) == 14 and len(names) == 14


def test_the_board_shows_an_urgent_order_due_soon_then_late(file_order, supervisor):
    with time_machine.travel(START, tick=False):
        order = file_order(urgency="urgent", description="电梯困人")
    with time_machine.travel(START + datetime.timedelta(minutes=10), tick=False):
        soon = supervisor_board(user=supervisor)
        assert order in soon["due_soon"] and order not in soon["late"]
    with time_machine.travel(START + datetime.timedelta(minutes=40), tick=False):
        late = supervisor_board(user=supervisor)
        assert order in late["late"]

    order.refresh_from_db()
    assert order.status == Status.NEW


def test_the_boards_short_late_list_holds_open_orders_only_however_early_a_resolved_one_slipped(
        file_order, agent, supervisor):
    # Monday 09:00 a leak is fixed at once; its satisfaction callback falls due Wednesday 09:00 and
    # is missed. Two requests on Wednesday morning are not confirmed within 15 minutes either.
    monday = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=SHANGHAI)
    wednesday = monday + datetime.timedelta(days=2)
    with time_machine.travel(monday, tick=False):
        fixed = file_order(description="已修好的漏水")
        workorder_resolve(order=fixed, actor=agent, note="已修")
    with time_machine.travel(wednesday + datetime.timedelta(minutes=10), tick=False):
        first = file_order(description="楼道灯不亮")
    with time_machine.travel(wednesday + datetime.timedelta(minutes=11), tick=False):
        second = file_order(description="门禁坏了")

    with time_machine.travel(wednesday + datetime.timedelta(hours=1), tick=False):
        board = supervisor_board(user=supervisor, limit=2)
        counted = supervisor_board(user=supervisor)
        late, late_count = list(board["late"]), counted["late"].count()

    # The resolved order's missed callback comes first, but the board's late list is for open
    # orders, and it is narrowed to them before it is cut to two lines.
    assert fixed.clocks.filter(type="callback", due_at=wednesday, state="running").exists()
    assert late == [first, second]
    assert late_count == 2


def test_the_admin_lists_work_orders_read_only(file_order, admin_client):
    order = file_order()

    listing = admin_client.get("/admin/tickets/workorder/")
    page = admin_client.get(f"/admin/tickets/workorder/{order.pk}/change/")
    settings_page = admin_client.get("/admin/tickets/ticketsettings/add/")

    assert listing.status_code == 200 and order.number in listing.content.decode()
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert settings_page.status_code == 200
