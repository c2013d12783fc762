"""The 12-month trends read a maintained summary for closed months; it agrees with counting live."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.test.utils import override_settings

from guanjia.core.taxonomy import Department
from guanjia.reports.dimensions import DIMENSIONS, breakdown
from guanjia.reports.kpis import Sources, kpis_compute
from guanjia.reports.models import MonthFigures, MonthFiguresRun, MonthlyReview, MonthVolume
from guanjia.reports.scope import report_scope_build, scope_for_community_month
from guanjia.reports.selectors import dashboard_figures, monthly_trends
from guanjia.reports.summaries import month_figures_due, month_figures_refresh, summarised_within
from guanjia.reports.tasks import housekeeping
from tests.factories import BuildingFactory, RoomFactory, ZoneFactory

from .history import Category, EventType, Kind, RatingLevel, Urgency, at, happen, rated, received

pytestmark = pytest.mark.django_db


def september_and_october(community):
    for day in ("2026-09-10 09:00", "2026-10-12 09:00"):
        late = received(community, day, kind=Kind.COMPLAINT, is_repeat=True)
        happen(late, EventType.ACKNOWLEDGED, day[:11] + "10:00")
        fine = received(community, day[:11] + "13:00", kind=Kind.COMPLAINT)
        happen(fine, EventType.ACKNOWLEDGED, day[:11] + "13:05")
        happen(fine, EventType.RESIDENT_UPDATE, day[:11] + "14:00")
        happen(fine, EventType.RESOLVED, day[:11] + "16:00")
        rated(fine, RatingLevel.SATISFIED, day[:11] + "17:00")
    received(community, "2026-10-13 09:00")


def trends(community, month):
    sources = Sources(scope_for_community_month(community=community, month=month))
    return {row["month"]: row for row in monthly_trends(sources) if row["total"]}


def test_summarised_months_show_the_same_trend_as_counting_live(community, november):
    september_and_october(community)
    live = trends(community, date(2026, 11, 1))

    for month in (date(2026, 9, 1), date(2026, 10, 1)):
        month_figures_refresh(month=month)
    # A late event after the summary is not seen until the next refresh: the summary is used.
    received(community, "2026-10-20 09:00")
    summarised = trends(community, date(2026, 11, 1))

    assert live == summarised
    assert summarised["2026-10"] == {"month": "2026-10", "total": 3, "complaint_on_time": 50.0,
                                     "repeat_complaints": 50.0, "satisfaction": 100.0}
    assert MonthFigures.objects.filter(month=date(2026, 10, 1)).count() >= 1


def test_housekeeping_summarises_closed_months_once_a_day_and_writes_missing_reviews(
        community, other_community, november, time_machine):
    september_and_october(community)

    assert housekeeping() == {"months": 12, "reviews": 2}
    assert housekeeping() == {"months": 0, "reviews": 0}  # idempotent within the day

    time_machine.move_to(at("2026-11-06 13:00"))
    # October is still settling: refreshed daily; older months are settled and left alone.
    assert month_figures_due() == [date(2026, 10, 1)]
    assert housekeeping() == {"months": 1, "reviews": 0}  # after the 5th: no reviews written
    assert MonthFiguresRun.objects.count() == 12
    assert MonthlyReview.objects.filter(month=date(2026, 10, 1)).count() == 2


@override_settings(GUANJIA_KPI_TARGETS={"complaint_on_time": 50})
def test_a_company_sets_its_own_targets(community, november):
    september_and_october(community)

    sources = Sources(scope_for_community_month(community=community, month=date(2026, 10, 1)))
    value = kpis_compute(scope=sources.scope, sources=sources)["complaint_on_time"]
    assert (value.value, value.target, value.on_target) == (50.0, 50, True)


def three_months(community):
    """September and October (closed) and November (open, read on the 5th): a late repeat
    complaint, an on-time one, an urgent night repair with a dissatisfied rating and its
    follow-up — plus, on 30 October, a complaint never resolved that went late in November."""
    zone = ZoneFactory(community=community, name="北区")
    room = RoomFactory(unit__building=BuildingFactory(community=community, zone=zone, number="3"))
    for day, next_day in (("2026-09-10", "2026-09-11"), ("2026-10-12", "2026-10-13"), ("2026-11-02", "2026-11-03")):
        late = received(community, f"{day} 10:00", kind=Kind.COMPLAINT, is_repeat=True, room=room)
        happen(late, EventType.ACKNOWLEDGED, f"{day} 11:00")
        fine = received(community, f"{day} 13:00", kind=Kind.COMPLAINT, category=Category.ENVIRONMENT)
        happen(fine, EventType.ACKNOWLEDGED, f"{day} 13:05")
        happen(fine, EventType.RESIDENT_UPDATE, f"{day} 14:00")
        happen(fine, EventType.RESOLVED, f"{day} 16:00")
        rated(fine, RatingLevel.SATISFIED, f"{day} 17:00")
        night = received(community, f"{day} 21:30", urgency=Urgency.URGENT, room=room)
        happen(night, EventType.ACKNOWLEDGED, f"{day} 21:40")
        happen(night, EventType.ARRIVED, f"{day} 21:50")
        happen(night, EventType.RESOLVED, f"{day} 23:00")
        happen(night, EventType.CALLBACK, f"{next_day} 09:00")
        rated(night, RatingLevel.DISSATISFIED, f"{next_day} 09:00", comment="修了又坏")
        received(community, f"{next_day} 10:30", kind=Kind.COMPLAINT, follow_up_of=night, room=room)
    stuck = received(community, "2026-10-30 16:00", kind=Kind.COMPLAINT, category=Category.ORDER)
    happen(stuck, EventType.ACKNOWLEDGED, "2026-10-30 16:05")
    return zone


def figures(values, breakdowns):
    kpis = {value.kpi.code: (value.value, value.numerator, value.denominator) for value in values}
    tables = {code: [(row["key"], row["total"], row["complaints"], row.get("on_time_den"), row.get("on_time_num"),
                      row.get("late")) for row in rows] for code, rows in breakdowns.items()}
    return kpis, tables


def counted_live(scope):
    sources = Sources(scope)
    return figures(kpis_compute(scope=scope, sources=sources).values(),
                   {dimension.code: breakdown(sources.orders(), dimension) for dimension in DIMENSIONS})


def from_the_summary(scope):
    dashboard = dashboard_figures(scope=scope)
    return figures(dashboard.kpis, dashboard.breakdowns)


def test_dashboard_reads_closed_months_from_the_summary_and_agrees_with_counting_live(
        community, supervisor, november):
    zone = three_months(community)
    for month in (date(2026, 9, 1), date(2026, 10, 1)):
        month_figures_refresh(month=month)

    for params in ({"date_from": "2026-09-01", "date_to": "2026-11-05"},  # two closed months + the open one
                   {"month": "2026-10"}, {"month": "2026-11"},
                   {"date_from": "2026-09-11", "date_to": "2026-11-05"},  # part of September is live
                   {"month": "2026-10", "department": Department.CUSTOMER_SERVICE},
                   {"date_from": "2026-09-01", "date_to": "2026-10-31", "zone": str(zone.pk)}):
        scope = report_scope_build(user=supervisor, params=params)
        assert from_the_summary(scope) == counted_live(scope), params

    whole = report_scope_build(user=supervisor, params={"date_from": "2026-09-01", "date_to": "2026-11-05"})
    assert summarised_within(whole) == (date(2026, 9, 1), date(2026, 10, 1))
    kpis, tables = from_the_summary(whole)
    # The never-acknowledged follow-ups and the stuck complaint are late; the three "fine" ones are not.
    assert kpis["complaint_on_time"] == (30.0, 3, 10)
    assert kpis["after_hours_share"] == (23.1, 3, 13)
    assert kpis["satisfaction"] == (50.0, 3, 6)
    assert kpis["dissatisfied_closed"] == (0.0, 0, 3)
    assert kpis["urgent_on_site_minutes"] == (20.0, None, 3)
    assert [row[:2] for row in tables["zone"]] == [(zone.pk, 9), (None, 4)]


def test_an_order_recorded_after_the_summary_shows_once_it_is_refreshed(community, supervisor, november):
    three_months(community)
    month_figures_refresh(month=date(2026, 10, 1))
    october = report_scope_build(user=supervisor, params={"month": "2026-10"})
    before, tables = from_the_summary(october)

    received(community, "2026-10-20 09:00", kind=Kind.COMPLAINT)  # keyed in late, after the summary

    assert from_the_summary(october)[0]["repeat_complaints"] == before["repeat_complaints"] == (25.0, 1, 4)
    assert from_the_summary(october)[1]["hour"] == tables["hour"]  # the volumes come from the summary too
    assert MonthVolume.objects.filter(month=date(2026, 10, 1), dimension="hour", key="9").count() == 0
    month_figures_refresh(month=date(2026, 10, 1))
    assert from_the_summary(october)[0]["repeat_complaints"] == (20.0, 1, 5)
    assert from_the_summary(october) == counted_live(october)


def test_a_month_counted_live_gives_its_trend_point_from_the_same_count(community, supervisor, november):
    """The dashboard of one open (or unsummarised) month counts its orders once, for the KPIs,
    the timeliness tables and that month's trend point: the point is what counting it apart gives."""
    three_months(community)
    month_figures_refresh(month=date(2026, 9, 1))  # October is not summarised: counted live too

    for month in ("2026-11", "2026-10"):
        scope = report_scope_build(user=supervisor, params={"month": month})
        dashboard = dashboard_figures(scope=scope)
        points = {row["month"]: row for row in dashboard.trends if row["total"]}

        assert dashboard.trends == monthly_trends(Sources(scope)), month
        kpis = {value.kpi.code: value for value in dashboard.kpis}
        assert points[month]["complaint_on_time"] == kpis["complaint_on_time"].value
        assert points[month]["satisfaction"] == kpis["satisfaction"].value
    assert points["2026-09"]["total"] == 4  # read from the summary


def test_a_fresh_database_is_summarised_by_command(community, november):
    september_and_october(community)
    out = StringIO()

    call_command("summarise_report_months", "--dry-run", stdout=out)
    assert "would summarise 12 month(s)" in out.getvalue() and not MonthFiguresRun.objects.exists()

    call_command("summarise_report_months", stdout=out)
    assert MonthFiguresRun.objects.count() == 12
    assert MonthFigures.objects.filter(month=date(2026, 10, 1)).aggregate(n=Sum("total"))["n"] == 3
    out = StringIO()
    call_command("summarise_report_months", stdout=out)
    assert "summarised 0 month(s)" in out.getvalue()  # refreshed this hour: nothing due
