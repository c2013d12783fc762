"""Two ways of reading the orders' clock flags give the same figures.

A report over one community probes each order's clocks; a company-wide report over a recent
period reads each flag once as the set of clocks created since the period began (a clock is
never created before its order is received). Both must count every KPI and table alike.
"""

from datetime import date

import pytest
from django.db.models import F

from guanjia.reports import kpis
from guanjia.reports.kpis import Sources
from guanjia.reports.scope import ReportScope, month_end
from guanjia.reports.selectors import dashboard_figures
from guanjia.sla.models import Clock

from .history import EventType, Kind, happen, received
from .test_summaries import counted_live, figures, three_months

pytestmark = pytest.mark.django_db


def company_scope(*communities, first: date, last: date) -> ReportScope:
    return ReportScope(community_ids=tuple(c.pk for c in communities), date_from=first, date_to=last)


def both_ways(scope, monkeypatch, read):
    """``read(scope)`` with the flags probed per order, then read as sets of recent clocks."""
    results = []
    for hashed in (False, True):
        monkeypatch.setattr(Sources, "hashed", lambda self, first, hashed=hashed: hashed)
        results.append(read(scope))
    monkeypatch.undo()
    return results


def test_company_wide_flags_read_as_clock_sets_count_like_per_order_probes(
        community, other_community, november, monkeypatch):
    three_months(community)
    three_months(other_community)
    # Received in October, late in November: its clock is read from the set of clocks since October.
    slow = received(other_community, "2026-10-31 23:50", kind=Kind.COMPLAINT)
    happen(slow, EventType.ACKNOWLEDGED, "2026-11-01 00:30")
    # The history is written on 5 November; in production a clock is created when it starts.
    Clock.objects.update(created_at=F("started_at"))

    for first, last in ((date(2026, 11, 1), date(2026, 11, 30)), (date(2026, 10, 1), date(2026, 10, 31)),
                        (date(2026, 9, 1), date(2026, 11, 5))):
        scope = company_scope(community, other_community, first=first, last=last)
        probed, from_sets = both_ways(scope, monkeypatch, counted_live)
        assert probed == from_sets, first
        dashboard = both_ways(scope, monkeypatch, lambda s: figures(dashboard_figures(scope=s).kpis,
                                                                      dashboard_figures(scope=s).breakdowns))
        assert dashboard[0] == dashboard[1] == probed, first

    october = company_scope(community, other_community, first=date(2026, 10, 1), last=month_end(date(2026, 10, 1)))
    kpis, _ = counted_live(october)
    # Per community: the late repeat, the on-time one, the never-acknowledged follow-up and the stuck
    # complaint (late by 5 November); plus the complaint acknowledged 40 minutes after midnight.
    assert kpis["complaint_on_time"] == (22.2, 2, 9)


def test_which_reports_read_the_flags_as_clock_sets(community, other_community, november, monkeypatch):
    recent = company_scope(community, other_community, first=date(2026, 10, 1), last=date(2026, 10, 31))
    older = company_scope(community, other_community, first=date(2026, 8, 1), last=date(2026, 8, 31))
    alone = company_scope(community, first=date(2026, 10, 1), last=date(2026, 10, 31))

    assert Sources(recent).hashed(recent.start) is True  # many orders, few weeks of clocks
    assert Sources(older).hashed(older.start) is False  # three months of clocks: probe the orders
    assert Sources(alone).hashed(alone.start) is False  # one community's few orders: probe them


    # More clocks since then than PostgreSQL would hash in memory: probe the orders instead.
    monkeypatch.setattr(kpis, "HASHED_MAX_CLOCKS", -1)
    assert Sources(recent).hashed(recent.start) is False
