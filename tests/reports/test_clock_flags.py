"""Two ways of reading the orders' clock flags give the same figures.

A report over one community probes each order's clocks; a company-wide report over a recent
period counts the clocks created since the period began once per order, in one pass joined to
the orders (a clock is never created before its order is received). Both must count every KPI,
table, list and click-through alike.
"""

from datetime import date

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from guanjia.reports import kpis
from guanjia.reports.kpis import Sources
from guanjia.reports.scope import ReportScope, month_end
from guanjia.reports.selectors import dashboard_figures, report_orders
from guanjia.sla.models import Clock
from guanjia.tickets.models import WorkOrder

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


def test_company_wide_flags_read_in_one_pass_count_like_per_order_probes(
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

    # The open month company-wide and one department of it: the worst-late list (the orders read
    # through a subquery that carries the clock counts) and every figure agree too.
    november = company_scope(community, other_community, first=date(2026, 11, 1), last=date(2026, 11, 30))
    follow_ups = WorkOrder.objects.get(community=community, follow_up_of__isnull=False,
                                       created_at__gte=november.start).department
    one_department = ReportScope(community_ids=november.community_ids, date_from=november.date_from,
                                 date_to=november.date_to, department=follow_ups)
    for scope in (november, one_department):
        lists = both_ways(scope, monkeypatch, lambda s: [o.pk for o in dashboard_figures(scope=s).worst_late])
        assert lists[0] == lists[1] and lists[0], scope.department
        probed, joined = both_ways(scope, monkeypatch, counted_live)
        assert probed == joined, scope.department

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


def test_the_orders_behind_a_company_wide_figure_are_the_same_both_ways(
        community, other_community, november, monkeypatch):
    three_months(community)
    three_months(other_community)
    Clock.objects.update(created_at=F("started_at"))
    scope = company_scope(community, other_community, first=date(2026, 11, 1), last=date(2026, 11, 30))

    for kpi, part in (("complaint_on_time", "miss"), ("complaint_on_time", "den"), ("callback_on_time", "num"),
                      ("after_hours_on_time", "den")):
        def behind(s, kpi=kpi, part=part):
            orders = report_orders(scope=s, params={"kpi": kpi, "part": part})
            return orders.count(), sorted(orders.values_list("pk", flat=True))

        probed, joined = both_ways(scope, monkeypatch, behind)
        assert probed == joined, (kpi, part)
        assert probed[0] == len(probed[1])
    # November's late complaints: in each community the repeat acknowledged after an hour and the
    # follow-up never acknowledged.
    assert both_ways(scope, monkeypatch, lambda s: report_orders(
        scope=s, params={"kpi": "complaint_on_time", "part": "miss"}).count()) == [4, 4]


def test_a_company_wide_open_month_reads_its_clocks_once(community, other_community, november):
    """The KPI query tests five clock flags in ten places (the on-time complaints alone test one
    three times); the clocks since the month began are still read once, not once per place."""
    three_months(community)
    three_months(other_community)
    scope = company_scope(community, other_community, first=date(2026, 11, 1), last=date(2026, 11, 30))
    assert Sources(scope).hashed(scope.start)

    with CaptureQueriesContext(connection) as queries:
        dashboard = dashboard_figures(scope=scope)

    kpi_query = next(q["sql"] for q in queries.captured_queries if "complaint_on_time__num" in q["sql"])
    assert kpi_query.count('FROM "sla_clock"') == 1
    assert {value.kpi.code: value.denominator for value in dashboard.kpis}["complaint_on_time"] > 0

    # More orders and clocks, late and at night: the same queries.
    for each in (community, other_community):
        late = received(each, "2026-11-04 10:00", kind=Kind.COMPLAINT)
        happen(late, EventType.ACKNOWLEDGED, "2026-11-04 11:00")
        received(each, "2026-11-04 21:00")
    with CaptureQueriesContext(connection) as more:
        dashboard_figures(scope=scope)
    assert len(more) == len(queries)
