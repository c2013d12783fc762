"""Each process keeps the SLA rules and the entered calendar days, and notices at the next order
when an administrator changed them — also in another gunicorn worker, which this process hears
nothing from. "Another worker" is played here by writes that bypass this process's model signals:
``QuerySet.update``, ``bulk_create`` and raw SQL."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guanjia.sla.choices import ClockType
from guanjia.sla.holidays import calendar_import
from guanjia.sla.models import CalendarDay, SlaPolicy
from tests.sla.factories import at, clock, received

pytestmark = pytest.mark.django_db
T = ClockType


def confirm_within(order):
    c = clock(order, T.ACKNOWLEDGE)
    return c.due_at - c.started_at


def test_a_rule_changed_in_another_worker_applies_to_the_next_order(community):
    rule = SlaPolicy.objects.create(community=community, clock_type=T.ACKNOWLEDGE, duration=30, working_time=False)
    assert confirm_within(received(community=community, when=at("2026-11-23 10:00"))) == timedelta(minutes=30)

    SlaPolicy.objects.filter(pk=rule.pk).update(duration=45, updated_at=timezone.now())

    assert confirm_within(received(community=community, when=at("2026-11-23 10:05"))) == timedelta(minutes=45)


def test_a_rule_deleted_in_another_worker_gives_back_the_default(community):
    SlaPolicy.objects.create(community=community, clock_type=T.ACKNOWLEDGE, duration=30, working_time=False)
    assert confirm_within(received(community=community, when=at("2026-11-23 10:00"))) == timedelta(minutes=30)

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sla_slapolicy")

    assert confirm_within(received(community=community, when=at("2026-11-23 10:05"))) == timedelta(minutes=15)


def test_a_holiday_entered_in_another_worker_moves_the_next_deadline(community):
    """Monday 17:30, closing time: confirming is due at Tuesday's opening — until Tuesday becomes a holiday."""
    before = received(community=community, when=at("2026-11-23 17:30"))
    assert clock(before, T.ACKNOWLEDGE).due_at == at("2026-11-24 08:45")

    CalendarDay.objects.bulk_create([CalendarDay(date=date(2026, 11, 24), is_working_day=False, name="公司庆典")])

    after = received(community=community, when=at("2026-11-23 17:30"))
    assert clock(after, T.ACKNOWLEDGE).due_at == at("2026-11-25 08:45")


def test_a_reimported_day_counts_as_a_change(community):
    calendar_import(days=[(date(2026, 11, 24), False, "公司庆典")])
    assert clock(received(community=community, when=at("2026-11-23 17:30")), T.ACKNOWLEDGE).due_at == at(
        "2026-11-25 08:45")

    calendar_import(days=[(date(2026, 11, 24), True, "公司庆典改为上班")])

    assert clock(received(community=community, when=at("2026-11-23 17:30")), T.ACKNOWLEDGE).due_at == at(
        "2026-11-24 08:45")


def test_while_nothing_changes_an_order_reads_neither_the_rules_nor_the_calendar(community):
    SlaPolicy.objects.create(community=community, clock_type=T.ACKNOWLEDGE, duration=30, working_time=False)
    CalendarDay.objects.create(date=date(2026, 11, 24), is_working_day=False, name="公司庆典")
    received(community=community, when=at("2026-11-23 10:00"))

    with CaptureQueriesContext(connection) as queries:
        order = received(community=community, when=at("2026-11-23 17:20"))

    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(reads) == 1 and "MAX(updated_at)" in reads[0]  # the version check, nothing else
    assert confirm_within(order) == timedelta(minutes=30)
    assert clock(order, T.ACKNOWLEDGE).due_at == at("2026-11-23 17:50")  # wall time, as the rule says
