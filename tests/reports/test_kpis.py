"""Every KPI's exact value over a small known October at 翠湖花园 (SAT-2, SAT-3).

Orders, events and ratings are written directly; the real SLA clocks react to each event.
"The month" is October 2026 — it starts with the National Day holiday (1–7 October) and has a
make-up working Saturday (10 October). Figures are read on 5 November, when the supervisor
writes the review.
"""

from datetime import date

import pytest
import time_machine

from guanjia.properties.choices import RoomState
from guanjia.reports.kpis import kpis_compute
from guanjia.reports.scope import scope_for_community_month
from guanjia.tickets.models import WorkOrder
from tests.factories import RoomFactory

from .history import (
    Category,
    EventType,
    Kind,
    RatingLevel,
    Status,
    Urgency,
    at,
    handled,
    happen,
    rated,
    received,
)

pytestmark = pytest.mark.django_db
OCTOBER = date(2026, 10, 1)


@pytest.fixture(autouse=True)
def fifth_of_november():
    with time_machine.travel(at("2026-11-05 12:00"), tick=False):
        yield


def october(community, *codes):
    values = kpis_compute(scope=scope_for_community_month(community=community, month=OCTOBER))
    return values if not codes else {code: values[code] for code in codes}


def test_complaints_on_time_counts_late_open_ones_and_ignores_undecided_cancelled_and_merged(community):
    # C1: confirmed in 5 minutes, progress reported, resolved and closed within 48 hours.
    c1 = received(community, "2026-10-12 09:00", kind=Kind.COMPLAINT)
    happen(c1, EventType.ACKNOWLEDGED, "2026-10-12 09:05")
    happen(c1, EventType.RESIDENT_UPDATE, "2026-10-12 10:00")
    handled_after = happen(c1, EventType.RESOLVED, "2026-10-12 17:00")
    assert handled_after.order.status == Status.RESOLVED
    # C2: confirmed after 40 minutes — the 15-minute deadline (SLA-1) was missed.
    c2 = received(community, "2026-10-12 10:00", kind=Kind.COMPLAINT)
    happen(c2, EventType.ACKNOWLEDGED, "2026-10-12 10:40")
    happen(c2, EventType.RESOLVED, "2026-10-12 11:30")
    # C3: waited five days for the resident; the pause moved every deadline, so it is on time.
    c3 = received(community, "2026-10-14 09:00", kind=Kind.COMPLAINT)
    happen(c3, EventType.ACKNOWLEDGED, "2026-10-14 09:05")
    happen(c3, EventType.PAUSED, "2026-10-14 09:10")
    happen(c3, EventType.RESUMED, "2026-10-19 09:10")
    handled(c3, ack="2026-10-19 09:11", resolved="2026-10-19 10:00", closed="2026-10-19 13:00")
    # C4: received on the last Friday afternoon, never resolved: late in November, counted in October.
    c4 = received(community, "2026-10-30 16:00", kind=Kind.COMPLAINT)
    happen(c4, EventType.ACKNOWLEDGED, "2026-10-30 16:05")
    # C5: resolved in time, then reopened — and the second round missed its 48 hours.
    c5 = received(community, "2026-10-20 09:00", kind=Kind.COMPLAINT)
    happen(c5, EventType.ACKNOWLEDGED, "2026-10-20 09:03")
    happen(c5, EventType.RESIDENT_UPDATE, "2026-10-20 09:30")
    happen(c5, EventType.RESOLVED, "2026-10-20 15:00")
    happen(c5, EventType.REOPENED, "2026-10-21 10:00")
    # C6: still waiting for the resident, no deadline missed: not decided yet, not counted.
    c6 = received(community, "2026-10-29 09:00", kind=Kind.COMPLAINT)
    happen(c6, EventType.ACKNOWLEDGED, "2026-10-29 09:02")
    happen(c6, EventType.PAUSED, "2026-10-29 09:10")
    # Never counted: a cancelled and a merged complaint (both late), and September's.
    cancelled = received(community, "2026-10-12 09:00", kind=Kind.COMPLAINT)
    happen(cancelled, EventType.CANCELLED, "2026-10-12 11:00")
    merged = received(community, "2026-10-13 09:00", kind=Kind.COMPLAINT)
    happen(merged, EventType.ACKNOWLEDGED, "2026-10-13 10:00")
    happen(merged, EventType.MERGED, "2026-10-13 10:05")
    received(community, "2026-09-30 09:00", kind=Kind.COMPLAINT)
    # A repair missing its deadlines is not a complaint.
    received(community, "2026-10-12 09:00", kind=Kind.REPAIR)

    value = october(community, "complaint_on_time")["complaint_on_time"]

    assert (value.numerator, value.denominator, value.value) == (2, 5, 40.0)
    assert value.on_target is False
    assert set(WorkOrder.objects.filter(kind=Kind.COMPLAINT, created_at__month=10).exclude(
        status__in=[Status.CANCELLED, Status.MERGED]).values_list("pk", flat=True)) == {
        c1.pk, c2.pk, c3.pk, c4.pk, c5.pk, c6.pk}


def test_repeat_complaint_rate_over_all_complaints_received(community):
    for day in (12, 13, 14):
        received(community, f"2026-10-{day} 09:00", kind=Kind.COMPLAINT)
    received(community, "2026-10-15 09:00", kind=Kind.COMPLAINT, is_repeat=True)
    received(community, "2026-10-15 10:00", kind=Kind.REPAIR, is_repeat=True)  # not a complaint
    merged = received(community, "2026-10-16 09:00", kind=Kind.COMPLAINT, is_repeat=True)
    happen(merged, EventType.MERGED, "2026-10-16 09:30")

    value = october(community, "repeat_complaints")["repeat_complaints"]

    assert (value.numerator, value.denominator, value.value) == (1, 4, 25.0)
    assert value.on_target is False  # target: at most 3%


def test_satisfaction_counts_ratings_given_in_the_month_even_for_september_orders(community):
    sept = received(community, "2026-09-29 09:00")
    octo = received(community, "2026-10-09 09:00")
    reopened = received(community, "2026-10-12 09:00")
    cancelled = received(community, "2026-10-12 09:00")
    rated(sept, RatingLevel.VERY_SATISFIED, "2026-10-02 10:00")  # rated in October: counts
    rated(octo, RatingLevel.SATISFIED, "2026-10-09 18:00")
    rated(reopened, RatingLevel.DISSATISFIED, "2026-10-13 10:00")  # rated twice: both count
    rated(reopened, RatingLevel.AVERAGE, "2026-10-20 10:00")
    rated(octo, RatingLevel.VERY_SATISFIED, "2026-11-01 10:00")  # November's
    rated(cancelled, RatingLevel.VERY_SATISFIED, "2026-10-13 10:00")
    happen(cancelled, EventType.CANCELLED, "2026-10-14 10:00")

    value = october(community, "satisfaction")["satisfaction"]

    assert (value.numerator, value.denominator, value.value) == (2, 4, 50.0)


def test_acknowledgement_on_site_and_repair_durations(community):
    a = received(community, "2026-10-12 09:00")
    handled(a, ack="2026-10-12 09:06", resolved="2026-10-12 11:00")  # 6 min, 2 h
    b = received(community, "2026-10-12 13:00")
    handled(b, ack="2026-10-12 13:20", resolved="2026-10-12 17:00")  # 20 min, 4 h
    c = received(community, "2026-10-13 08:00")
    handled(c, ack="2026-10-13 08:04", resolved="2026-10-13 14:00")  # 4 min, 6 h
    d = received(community, "2026-10-14 08:00")
    handled(d, ack="2026-10-14 08:10", resolved="2026-10-14 16:00")  # 10 min, 8 h
    # Reopened: the duration runs to the latest resolution (10 h in all).
    e = received(community, "2026-10-15 08:00")
    handled(e, ack="2026-10-15 08:05", resolved="2026-10-15 09:00")  # 5 min
    happen(e, EventType.REOPENED, "2026-10-15 12:00")
    happen(e, EventType.RESOLVED, "2026-10-15 18:00")
    # Urgent: a burst pipe at night, on site in 12 minutes; a lift entrapment in 20.
    pipe = received(community, "2026-10-16 23:00", urgency=Urgency.URGENT)
    happen(pipe, EventType.ACKNOWLEDGED, "2026-10-16 23:02")
    happen(pipe, EventType.ARRIVED, "2026-10-16 23:12")
    lift = received(community, "2026-10-17 10:00", urgency=Urgency.URGENT, kind=Kind.COMPLAINT)
    happen(lift, EventType.ACKNOWLEDGED, "2026-10-17 10:01")
    happen(lift, EventType.ARRIVED, "2026-10-17 10:20")
    # Not yet acknowledged, and a cancelled one: neither measured.
    received(community, "2026-10-31 22:00")
    gone = received(community, "2026-10-18 09:00")
    happen(gone, EventType.ACKNOWLEDGED, "2026-10-18 19:00")
    happen(gone, EventType.CANCELLED, "2026-10-18 19:05")

    values = october(community, "first_ack_minutes", "urgent_on_site_minutes", "repair_hours_avg",
                     "repair_hours_p90")

    # (6 + 20 + 4 + 10 + 5 + 2 + 1) / 7 = 6.857…
    assert (values["first_ack_minutes"].denominator, values["first_ack_minutes"].value) == (7, 6.9)
    assert (values["urgent_on_site_minutes"].denominator, values["urgent_on_site_minutes"].value) == (2, 16.0)
    # Repairs resolved: 2, 4, 6, 8, 10 hours → average 6; 90th percentile 8 + 0.6 × 2 = 9.2.
    assert (values["repair_hours_avg"].denominator, values["repair_hours_avg"].value) == (5, 6.0)
    assert values["repair_hours_p90"].value == 9.2
    assert values["urgent_on_site_minutes"].on_target is False  # 16 > 15 minutes


def test_callback_within_48_hours_counts_met_and_missed_deadlines_of_the_months_orders(community):
    quick = received(community, "2026-10-12 09:00")
    handled(quick, ack="2026-10-12 09:05", resolved="2026-10-12 11:00")
    happen(quick, EventType.CALLBACK, "2026-10-13 10:00")  # 23 hours: on time
    slow = received(community, "2026-10-12 09:00")
    handled(slow, ack="2026-10-12 09:05", resolved="2026-10-12 11:00")
    happen(slow, EventType.CALLBACK, "2026-10-15 10:00")  # 71 hours: late
    forgotten = received(community, "2026-10-20 09:00")
    handled(forgotten, ack="2026-10-20 09:05", resolved="2026-10-20 11:00")  # never called: late
    # Resolved twice: only the second resolution's callback counts.
    twice = received(community, "2026-10-21 09:00")
    handled(twice, ack="2026-10-21 09:05", resolved="2026-10-21 11:00")
    happen(twice, EventType.REOPENED, "2026-10-21 12:00")
    happen(twice, EventType.RESOLVED, "2026-10-22 11:00")
    happen(twice, EventType.RATED, "2026-10-22 15:00")
    # Resolved on 4 November: still within its 48 hours, not decided.
    recent = received(community, "2026-10-31 09:00")
    handled(recent, ack="2026-10-31 09:05", resolved="2026-11-04 11:00")

    value = october(community, "callback_on_time")["callback_on_time"]

    assert (value.numerator, value.denominator, value.value) == (2, 4, 50.0)


def test_dissatisfied_follow_ups_closed(community):
    unhappy = received(community, "2026-10-09 09:00")
    open_follow_up = received(community, "2026-10-10 09:00", kind=Kind.COMPLAINT, follow_up_of=unhappy)
    closed_follow_up = received(community, "2026-10-11 09:00", kind=Kind.COMPLAINT, follow_up_of=unhappy)
    handled(closed_follow_up, ack="2026-10-11 09:05", resolved="2026-10-11 12:00", closed="2026-10-12 10:00")

    value = october(community, "dissatisfied_closed")["dissatisfied_closed"]

    assert open_follow_up.status == Status.NEW
    assert (value.numerator, value.denominator, value.value) == (1, 2, 50.0)


def test_interaction_rate_is_households_with_any_contact_over_occupied_households(community, room):
    neighbours = [RoomFactory(unit=room.unit, number=f"{1400 + n}") for n in range(4)]
    vacant = RoomFactory(unit=room.unit, number="1601", state=RoomState.VACANT)
    received(community, "2026-10-09 09:00", room=room, kind=Kind.INQUIRY)
    received(community, "2026-10-19 09:00", room=room)  # the same household again
    received(community, "2026-10-10 09:00", room=neighbours[0])
    received(community, "2026-10-10 09:00", room=vacant)  # vacant rooms are not households
    received(community, "2026-09-30 09:00", room=neighbours[1])  # September
    cancelled = received(community, "2026-10-11 09:00", room=neighbours[2])
    happen(cancelled, EventType.CANCELLED, "2026-10-11 09:30")

    value = october(community, "interaction_rate")["interaction_rate"]

    # 5 occupied households (张女士's and four neighbours); 2 of them were in touch.
    assert (value.numerator, value.denominator, value.value) == (2, 5, 40.0)
    assert value.on_target is True


def test_after_hours_share_and_handling_follow_the_official_calendar(community):
    # National Day (5 October, a Monday) is a holiday; Saturday 10 October is a make-up working day.
    holiday = received(community, "2026-10-05 10:00")
    happen(holiday, EventType.ACKNOWLEDGED, "2026-10-08 08:40")  # acknowledged on time: desk time
    makeup = received(community, "2026-10-10 10:00")
    happen(makeup, EventType.ACKNOWLEDGED, "2026-10-10 10:05")
    night = received(community, "2026-10-12 20:30", urgency=Urgency.URGENT)
    happen(night, EventType.ACKNOWLEDGED, "2026-10-12 21:00")  # urgent runs around the clock: late
    early = received(community, "2026-10-13 08:29")
    received(community, "2026-10-13 08:30")  # the desk opens
    received(community, "2026-10-13 17:29")  # just before closing time: within desk hours
    closing = received(community, "2026-10-13 17:30")  # the desk has closed
    happen(closing, EventType.ACKNOWLEDGED, "2026-10-14 08:35")
    received(community, "2026-10-13 12:30")  # lunch break is within the desk day
    sunday = received(community, "2026-10-18 11:00")
    happen(sunday, EventType.ACKNOWLEDGED, "2026-10-19 08:35")

    values = october(community, "after_hours_share", "after_hours_on_time")

    # After hours: holiday, night, 08:29, 17:30 and Sunday = 5 of 9.
    share = values["after_hours_share"]
    assert (share.numerator, share.denominator, share.value) == (5, 9, 55.6)
    # Of those, decided: holiday (met), night (late), early (never acknowledged: late by now),
    # 17:30 (met the next morning) and Sunday (met) → 3 of 5.
    assert early.acknowledged_at is None
    handling = values["after_hours_on_time"]
    assert (handling.numerator, handling.denominator, handling.value) == (3, 5, 60.0)


def test_an_empty_month_has_no_values_rather_than_zeroes(community):
    values = october(community)

    assert all(value.value is None for code, value in values.items() if code != "interaction_rate")
    assert values["complaint_on_time"].denominator == 0


def test_other_communities_and_categories_do_not_leak_into_a_community(community, other_community):
    received(other_community, "2026-10-12 09:00", kind=Kind.COMPLAINT, is_repeat=True)
    received(community, "2026-10-12 09:00", kind=Kind.COMPLAINT, category=Category.ORDER)

    value = october(community, "repeat_complaints")["repeat_complaints"]

    assert (value.numerator, value.denominator) == (0, 1)
