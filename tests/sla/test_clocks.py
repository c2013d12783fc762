"""Clocks start, stop and pause as a work order's events happen (SLA-1 … SLA-4, SLA-7, REQ-4, REQ-6)."""

from datetime import date, timedelta

import pytest

from guanjia.sla.choices import ClockState, ClockType
from guanjia.sla.models import CalendarDay, SlaPolicy
from tests.sla.factories import (
    Category,
    EventType,
    Kind,
    Status,
    Urgency,
    Visibility,
    at,
    clock,
    happen,
    received,
)

pytestmark = pytest.mark.django_db
T = ClockType


def states(order):
    return {c.type: c.state for c in order.clocks.all()}


def test_a_complaint_on_monday_morning_gets_every_complaint_clock(community):
    # 张女士 complains at 11:00 on a Monday that the corridor has not been cleaned for a week.
    order = received(community=community, when=at("2026-11-23 11:00"), kind=Kind.COMPLAINT,
                     category=Category.ENVIRONMENT)

    assert clock(order, T.ACKNOWLEDGE).due_at == at("2026-11-23 11:15")
    assert clock(order, T.PROGRESS).due_at == at("2026-11-23 14:30")  # 2 desk hours, lunch skipped
    assert clock(order, T.PLAN).due_at == at("2026-11-25 11:00")  # 2 working days
    assert clock(order, T.CLOSE).due_at == at("2026-11-25 11:00")  # 48 hours around the clock
    assert clock(order, T.DAILY_UPDATE).due_at == at("2026-11-24 11:00")
    assert T.ON_SITE not in states(order)  # not urgent
    assert clock(order, T.ACKNOWLEDGE).warn_at == at("2026-11-23 11:12")  # 20% of the span before


def test_an_urgent_lift_entrapment_on_saturday_night_runs_around_the_clock(community):
    order = received(community=community, when=at("2026-11-28 23:00"), urgency=Urgency.URGENT)

    assert clock(order, T.ACKNOWLEDGE).due_at == at("2026-11-28 23:15")
    assert clock(order, T.ON_SITE).due_at == at("2026-11-28 23:15")
    happen(order, EventType.ARRIVED, at("2026-11-28 23:11"), status=Status.ON_SITE, on_site_at=at("2026-11-28 23:11"))
    on_site = clock(order, T.ON_SITE)
    assert on_site.state == ClockState.MET and on_site.met_at == at("2026-11-28 23:11")
    assert clock(order, T.ACKNOWLEDGE).state == ClockState.RUNNING


def test_an_urgent_order_problem_needs_security_within_five_minutes(community):
    order = received(community=community, when=at("2026-11-23 22:00"), urgency=Urgency.URGENT,
                     category=Category.ORDER, kind=Kind.COMPLAINT)
    assert clock(order, T.ON_SITE).due_at == at("2026-11-23 22:05")
    assert T.PLAN not in states(order)  # an emergency is handled on the spot, not planned


def test_a_normal_facility_complaint_gets_its_plan_within_24_hours(community):
    order = received(community=community, when=at("2026-11-27 15:00"), kind=Kind.COMPLAINT,
                     category=Category.FACILITY)
    assert clock(order, T.PLAN).due_at == at("2026-11-28 15:00")


def test_a_complex_case_gets_five_working_days_for_its_first_plan(community):
    order = received(community=community, when=at("2026-11-23 09:00"), kind=Kind.COMPLAINT,
                     urgency=Urgency.COMPLEX, category=Category.FACILITY)
    assert clock(order, T.PLAN).due_at == at("2026-11-30 09:00")


def test_a_complaint_on_the_eve_of_national_day_2026(community):
    # Received 30 September 16:00; the office reopens on 8 October after the Golden Week.
    order = received(community=community, when=at("2026-09-30 16:00"), kind=Kind.COMPLAINT,
                     category=Category.SERVICE)
    assert clock(order, T.ACKNOWLEDGE).due_at == at("2026-09-30 16:15")
    assert clock(order, T.PROGRESS).due_at == at("2026-10-08 09:00")  # 1.5 h on the 30th, 0.5 h on the 8th
    assert clock(order, T.PLAN).due_at == at("2026-10-09 16:00")
    assert clock(order, T.CLOSE).due_at == at("2026-10-02 16:00")  # 48 hours do not stop for holidays


def test_a_make_up_saturday_counts_as_a_working_day(community):
    order = received(community=community, when=at("2026-10-10 09:00"))  # Saturday, 国庆调休
    assert clock(order, T.ACKNOWLEDGE).due_at == at("2026-10-10 09:15")


def test_a_holiday_entered_by_the_administrator_moves_the_deadline(community):
    CalendarDay.objects.create(date=date(2026, 11, 24), is_working_day=False, name="公司庆典")
    order = received(community=community, when=at("2026-11-23 17:20"))
    assert clock(order, T.ACKNOWLEDGE).due_at == at("2026-11-25 08:35")


def test_in_2031_the_weekend_is_the_only_rest(community):
    order = received(community=community, when=at("2031-01-01 10:00"), kind=Kind.COMPLAINT,
                     category=Category.SERVICE)
    assert clock(order, T.ACKNOWLEDGE).due_at == at("2031-01-01 10:15")
    assert clock(order, T.PLAN).due_at == at("2031-01-03 10:00")


def test_waiting_for_the_resident_moves_the_pausable_deadlines(community):
    order = received(community=community, when=at("2026-11-23 10:00"), kind=Kind.COMPLAINT,
                     category=Category.ENVIRONMENT)
    happen(order, EventType.ACKNOWLEDGED, at("2026-11-23 10:10"), status=Status.ACKNOWLEDGED,
           acknowledged_at=at("2026-11-23 10:10"))
    happen(order, EventType.PAUSED, at("2026-11-23 11:00"), status=Status.ON_HOLD)
    assert clock(order, T.PLAN).state == ClockState.PAUSED

    happen(order, EventType.RESUMED, at("2026-11-24 11:00"), status=Status.ACKNOWLEDGED)

    plan, close = clock(order, T.PLAN), clock(order, T.CLOSE)
    assert plan.state == ClockState.RUNNING
    assert plan.paused_total == timedelta(hours=7, minutes=30)  # one desk day
    assert plan.due_at == at("2026-11-26 10:00")  # a day later than Wednesday 10:00
    assert close.due_at == at("2026-11-26 10:00")  # 24 wall hours later
    assert clock(order, T.ACKNOWLEDGE).paused_total == timedelta(0)  # already met, untouched


def test_asking_the_resident_for_details_pauses_the_acknowledgement(community):
    order = received(community=community, when=at("2026-11-23 10:00"))
    happen(order, EventType.INFO_REQUESTED, at("2026-11-23 10:05"), status=Status.WAITING_INFO)
    happen(order, EventType.INFO_RECEIVED, at("2026-11-23 14:00"), status=Status.NEW)
    assert clock(order, T.ACKNOWLEDGE).due_at == at("2026-11-23 14:10")


def test_a_clock_already_late_is_not_paused(community):
    order = received(community=community, when=at("2026-11-23 10:00"))
    happen(order, EventType.PAUSED, at("2026-11-23 10:20"), status=Status.ON_HOLD)
    assert clock(order, T.ACKNOWLEDGE).state == ClockState.RUNNING


def test_resolution_starts_the_callback_and_the_rating_meets_it(community):
    order = received(community=community, when=at("2026-11-23 10:00"), kind=Kind.COMPLAINT,
                     category=Category.ENVIRONMENT)
    happen(order, EventType.RESOLVED, at("2026-11-24 15:00"), status=Status.RESOLVED)
    assert states(order)[T.CLOSE] == ClockState.MET and states(order)[T.PLAN] == ClockState.MET
    callback = clock(order, T.CALLBACK)
    assert callback.due_at == at("2026-11-26 15:00")
    happen(order, EventType.RATED, at("2026-11-25 09:00"))
    assert clock(order, T.CALLBACK).state == ClockState.MET


def test_a_hand_over_promise_becomes_a_deadline_kept_by_calling(community):
    order = received(community=community, when=at("2026-11-23 10:00"))
    happen(order, EventType.HANDED_OVER, at("2026-11-23 10:05"),
           data={"promise_due_at": at("2026-11-23 11:05").isoformat()})
    promise = clock(order, T.PROMISE)
    assert promise.due_at == at("2026-11-23 11:05") and promise.warn_at == at("2026-11-23 10:53")
    happen(order, EventType.ACKNOWLEDGED, at("2026-11-23 10:40"), acknowledged_at=at("2026-11-23 10:40"))
    assert clock(order, T.PROMISE).state == ClockState.MET


def test_an_unreadable_promise_is_ignored_not_an_error(community):
    order = received(community=community, when=at("2026-11-23 10:00"))
    happen(order, EventType.HANDED_OVER, at("2026-11-23 10:05"), data={"promise_due_at": "明天"})
    assert T.PROMISE not in states(order)


def test_turning_urgent_starts_the_urgent_clocks_at_once(community):
    order = received(community=community, when=at("2026-11-23 10:00"), category=Category.FACILITY)
    happen(order, EventType.RECLASSIFIED, at("2026-11-23 10:30"), urgency=Urgency.URGENT)
    assert clock(order, T.ON_SITE).due_at == at("2026-11-23 10:45")
    assert clock(order, T.PLAN).state == ClockState.CANCELLED  # urgent cases are not planned


def test_classifying_later_does_not_buy_time(community):
    order = received(community=community, when=at("2026-11-23 10:00"), kind="", category="")
    assert T.CLOSE not in states(order)
    happen(order, EventType.CLASSIFIED, at("2026-11-23 10:20"), kind=Kind.COMPLAINT,
           category=Category.SERVICE)
    assert clock(order, T.CLOSE).due_at == at("2026-11-25 10:00")


def test_cancelling_stops_every_clock(community):
    order = received(community=community, when=at("2026-11-23 10:00"), kind=Kind.COMPLAINT)
    happen(order, EventType.CANCELLED, at("2026-11-23 10:05"), status=Status.CANCELLED)
    assert set(states(order).values()) == {ClockState.CANCELLED}


def test_only_what_the_resident_sees_restarts_the_daily_update(community):
    order = received(community=community, when=at("2026-11-23 10:00"), kind=Kind.COMPLAINT)
    happen(order, EventType.NOTE, at("2026-11-23 11:00"), status=Status.ACKNOWLEDGED)
    assert clock(order, T.PROGRESS).state == ClockState.RUNNING
    happen(order, EventType.RESIDENT_UPDATE, at("2026-11-23 12:00"), visibility=Visibility.RESIDENT)
    assert clock(order, T.PROGRESS).state == ClockState.MET
    assert order.clocks.filter(type=T.DAILY_UPDATE).count() == 2
    assert clock(order, T.DAILY_UPDATE).due_at == at("2026-11-24 12:00")


def test_a_community_rule_replaces_the_default(community):
    SlaPolicy.objects.create(community=community, clock_type=T.ACKNOWLEDGE, duration=30, working_time=True)
    SlaPolicy.objects.create(community=community, clock_type=T.DAILY_UPDATE, duration=1, active=False)
    order = received(community=community, when=at("2026-11-23 10:00"))
    assert clock(order, T.ACKNOWLEDGE).due_at == at("2026-11-23 10:30")
    assert T.DAILY_UPDATE not in states(order)
