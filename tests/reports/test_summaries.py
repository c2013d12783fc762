"""The 12-month trends read a maintained summary for closed months; it agrees with counting live."""

from datetime import date

import pytest
from django.test.utils import override_settings

from guanjia.reports.kpis import Sources, kpis_compute
from guanjia.reports.models import MonthFigures, MonthFiguresRun, MonthlyReview
from guanjia.reports.scope import scope_for_community_month
from guanjia.reports.selectors import monthly_trends
from guanjia.reports.summaries import month_figures_due, month_figures_refresh
from guanjia.reports.tasks import housekeeping

from .history import EventType, Kind, RatingLevel, at, happen, rated, received

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
