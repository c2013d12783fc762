"""What is due soon or late, as each person is allowed to see it."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from guanjia.accounts.choices import Role
from guanjia.sla.models import Clock
from guanjia.sla.selectors import clocks_for_order, orders_due_soon, orders_late
from guanjia.sla.sweep import sweep
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
