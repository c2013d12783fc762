"""What is due soon or late, as each person is allowed to see it."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from guanjia.accounts.choices import Role
from guanjia.sla.models import Clock
from guanjia.sla.selectors import clocks_for_order, orders_due_soon, orders_late
from guanjia.sla.sweep import sweep
from guanjia.tickets.models import WorkOrder
from tests.factories import resident_of, staff_with_role
from tests.sla.factories import Kind, at, received

pytestmark = pytest.mark.django_db


def test_the_supervisor_sees_what_is_due_soon_and_late_in_their_community_only(
        community, other_community, room, supervisor):
    late = received(community=community, when=at("2026-11-23 09:00"))
    soon = received(community=community, when=at("2026-11-23 09:50"), kind=Kind.COMPLAINT)
    elsewhere = received(community=other_community, when=at("2026-11-23 09:00"))
    now = at("2026-11-23 10:00")
    sweep(now=at("2026-11-23 09:16"))  # records the breach of the first one

    assert list(orders_late(user=supervisor, now=now)) == [late]
    due_soon = list(orders_due_soon(user=supervisor, within=timedelta(minutes=30), now=now))
    assert due_soon == [soon] and due_soon[0].next_due_at == at("2026-11-23 10:05")
    other_supervisor = staff_with_role(community=other_community, role=Role.CS_SUPERVISOR)
    assert list(orders_late(user=other_supervisor, now=now)) == [elsewhere]
    assert list(clocks_for_order(user=other_supervisor, order=late)) == []
    assert [c.type for c in clocks_for_order(user=supervisor, order=late)] == ["acknowledge", "plan", "daily_update"]


def test_due_soon_shows_the_next_deadline_in_the_window_of_an_order_already_late_on_another(
        community, supervisor):
    # A complaint at 09:00: confirming it was due at 09:15 and nobody did; its first progress
    # report is due at 11:00.
    complaint = received(community=community, when=at("2026-11-23 09:00"), kind=Kind.COMPLAINT)
    now = at("2026-11-23 10:30")

    soon = list(orders_due_soon(user=supervisor, now=now))
    late = list(orders_late(user=supervisor, now=now))

    assert soon == [complaint] and soon[0].next_due_at == at("2026-11-23 11:00")
    assert late == [complaint] and late[0].late_since == at("2026-11-23 09:15")


def test_a_short_list_keeps_the_soonest_of_the_orders_asked_for(community, other_community):
    # The company administrator sees both communities; 锦绣苑's order is due first.
    admin = staff_with_role(community=community, role=Role.COMPANY_ADMIN)
    elsewhere = received(community=other_community, when=at("2026-11-23 09:46"))
    ours = [received(community=community, when=at(f"2026-11-23 09:{minute}")) for minute in (49, 47, 48)]
    now, within = at("2026-11-23 10:00"), timedelta(minutes=30)
    ours_first = [ours[1], ours[2], ours[0]]  # due 10:02, 10:03, 10:04

    everywhere = orders_due_soon(user=admin, now=now, within=within)
    first_two = orders_due_soon(user=admin, now=now, within=within, limit=2)
    our_first_two = orders_due_soon(user=admin, now=now, within=within, limit=2,
                                    among=WorkOrder.objects.filter(community=community))

    assert list(everywhere) == [elsewhere, *ours_first]
    assert list(first_two) == [elsewhere, ours_first[0]] and first_two.count() == 2
    # Narrowed before the cut: 锦绣苑's order does not take one of the two places.
    assert list(our_first_two) == ours_first[:2]
    assert [o.next_due_at for o in our_first_two] == [at("2026-11-23 10:02"), at("2026-11-23 10:03")]
    # Narrowing never widens what the user may see.
    supervisor = staff_with_role(community=community, role=Role.CS_SUPERVISOR)
    assert list(orders_due_soon(user=supervisor, now=now, within=within, among=WorkOrder.objects.all())) \
        == ours_first


def test_a_resident_sees_no_staff_queue(community, room):
    received(community=community, room=room, when=at("2026-11-23 09:00"))
    zhang = resident_of(room=room)
    assert list(orders_late(user=zhang, now=at("2026-11-23 12:00"))) == []


def test_due_and_late_are_one_query_each(community, supervisor, django_assert_num_queries):
    for minute in range(5):
        received(community=community, when=at("2026-11-23 09:00") + timedelta(minutes=minute))
    now = at("2026-11-23 10:00")
    list(orders_late(user=supervisor, now=now))  # warms the user's community cache
    with django_assert_num_queries(1):
        assert len(list(orders_late(user=supervisor, now=now))) == 5
    with django_assert_num_queries(1):
        list(orders_due_soon(user=supervisor, now=now))


def test_clocks_are_read_only_in_the_admin(community, supervisor):
    model_admin = site._registry[Clock]
    request = RequestFactory().get("/admin/sla/clock/")
    request.user = supervisor
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
