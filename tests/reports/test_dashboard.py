"""The manager's dashboard: KPIs against targets, breakdowns, and the orders behind every figure."""

import re
from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime

from guanjia.core.taxonomy import Department
from guanjia.properties.models import Room, Zone
from guanjia.reports import views
from guanjia.reports.dimensions import breakdown_head
from tests.factories import BuildingFactory, RoomFactory, ZoneFactory

from .history import Category, Channel, EventType, Kind, RatingLevel, happen, rated, received

pytestmark = pytest.mark.django_db
OCTOBER = {"date_from": "2026-10-01", "date_to": "2026-10-31"}


def october_history(community, *, copies=1):
    """A late complaint about the 3栋 lift, an on-time one, a night repair, a dissatisfied rating."""
    zone = Zone.objects.filter(community=community, name="北区").first() or ZoneFactory(
        community=community, name="北区")
    room = Room.objects.filter(community=community).first() or RoomFactory(
        unit__building=BuildingFactory(community=community, zone=zone, number="3"))
    for _ in range(copies):
        late = received(community, "2026-10-12 10:00", kind=Kind.COMPLAINT, asset_key="3栋电梯", room=room)
        happen(late, EventType.ACKNOWLEDGED, "2026-10-12 11:00")
        fine = received(community, "2026-10-13 09:00", kind=Kind.COMPLAINT, asset_key="3栋电梯",
                        channel=Channel.PORTAL)
        happen(fine, EventType.ACKNOWLEDGED, "2026-10-13 09:05")
        happen(fine, EventType.RESIDENT_UPDATE, "2026-10-13 10:00")  # progress reported (SLA-1)
        happen(fine, EventType.RESOLVED, "2026-10-13 15:00")
        night = received(community, "2026-10-14 21:30", category=Category.FACILITY, asset_key="3栋电梯")
        rated(night, RatingLevel.DISSATISFIED, "2026-10-15 10:00", comment="修了又坏")
    return zone


def test_supervisor_sees_kpis_breakdowns_and_lists(client, community, supervisor, november):
    october_history(community)
    client.force_login(supervisor)

    response = client.get("/reports/", {**OCTOBER, "community": community.pk})

    assert response.status_code == 200
    html = response.content.decode()
    for code in ("complaint_on_time", "satisfaction", "interaction_rate", "repair_hours_p90"):
        assert f'data-kpi="{code}"' in html
    kpis = {row["kpi"].code: row["v"] for row in response.context["kpis"]}
    assert (kpis["complaint_on_time"].numerator, kpis["complaint_on_time"].denominator) == (1, 2)
    assert kpis["satisfaction"].value == 0.0
    assert [h["asset_key"] for h in response.context["hot_spots"]] == ["3栋电梯"]
    assert [o.asset_key for o in response.context["worst_late"]] == ["3栋电梯", "3栋电梯"]
    assert response.context["dissatisfied"][0].comment == "修了又坏"
    by_category = next(b for b in response.context["breakdowns"] if b["dimension"].code == "category")
    assert [(r["value"], r["total"]) for r in by_category["rows"]] == [("facility", 3)]
    assert "chart.umd.js" in html and 'id="report-charts"' in html


def test_query_count_does_not_grow_with_the_number_of_orders(client, community, supervisor, november):
    client.force_login(supervisor)
    october_history(community, copies=1)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/reports/", OCTOBER).status_code == 200
    october_history(community, copies=6)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/reports/", OCTOBER).status_code == 200

    assert len(many) == len(few)
    # ~22 aggregate and list queries, plus session, user, roles, savepoints and (PostgreSQL) SET LOCAL.
    assert len(few) <= 32


def test_every_kpi_links_to_the_orders_behind_it(client, community, supervisor, november):
    october_history(community)
    client.force_login(supervisor)
    page = client.get("/reports/", {**OCTOBER, "community": community.pk})
    link = next(row["miss_link"] for row in page.context["kpis"] if row["kpi"].code == "complaint_on_time")

    response = client.get(link)

    assert response.status_code == 200
    orders = list(response.context["page"])
    assert [(o.kind, localtime(o.acknowledged_at).hour) for o in orders] == [(Kind.COMPLAINT, 11)]
    assert "/orders/?" in response.context["queue_link"]
    assert f"community={community.pk}" in response.context["queue_link"]


def test_breakdown_rows_link_to_their_orders(client, community, supervisor, november):
    zone = october_history(community)
    client.force_login(supervisor)
    page = client.get("/reports/", {**OCTOBER, "community": community.pk})
    by_channel = next(b for b in page.context["breakdowns"] if b["dimension"].code == "channel")
    portal = next(r for r in by_channel["rows"] if r["value"] == Channel.PORTAL)
    by_hour = next(b for b in page.context["breakdowns"] if b["dimension"].code == "hour")
    night = next(r for r in by_hour["rows"] if r["value"] == "21")

    assert [o.channel for o in client.get(portal["link"]).context["page"]] == [Channel.PORTAL]
    assert [localtime(o.created_at).hour for o in client.get(night["link"]).context["page"]] == [21]
    zoned = client.get("/reports/orders/", {**OCTOBER, "zone": zone.pk})
    assert zoned.context["page"].paginator.count == 1  # only the order with a room in 北区


def test_agents_and_other_communities_are_refused_bad_input_is_explained(
        client, community, other_community, supervisor, agent, november):
    client.force_login(agent)
    refused = client.get("/reports/")
    assert refused.status_code == 403
    assert 'data-code="no_report_role"' in refused.content.decode()

    client.force_login(supervisor)
    other = client.get("/reports/", {"community": other_community.pk})
    assert other.status_code == 403
    for params, code in (({"month": "2026-13"}, "bad_month"), ({"date_from": "yesterday"}, "bad_date"),
                         ({"department": "kitchen"}, "bad_department"),
                         ({"date_from": "2026-10-05", "date_to": "2026-10-01"}, "bad_period")):
        response = client.get("/reports/", params)
        assert response.status_code == 400
        assert f'data-code="{code}"' in response.content.decode()
    assert client.get("/reports/orders/", {"kpi": "happiness"}).status_code == 400
    assert client.get("/reports/orders/", {"hour": "night"}).status_code == 400


def test_department_scope_counts_only_that_departments_orders(client, community, supervisor, november):
    october_history(community)
    received(community, "2026-10-20 10:00", kind=Kind.COMPLAINT, category=Category.ORDER)
    client.force_login(supervisor)

    response = client.get("/reports/", {**OCTOBER, "department": Department.SECURITY})

    kpis = {row["kpi"].code: row["v"] for row in response.context["kpis"]}
    assert kpis["repeat_complaints"].denominator == 1
    assert re.search(r"秩序|Security", response.content.decode())


def test_long_tables_show_the_busiest_rows_and_add_up_the_rest(client, community, supervisor, november,
                                                               monkeypatch):
    """A company's thousands of buildings would make a table nobody reads: the busiest are shown,
    the rest added up in one row (the export keeps every row)."""
    october_history(community, copies=2)
    received(community, "2026-10-20 10:00", channel=Channel.WECHAT_GROUP, kind=Kind.COMPLAINT)
    monkeypatch.setattr(views, "breakdown_head", partial(breakdown_head, limit=1))
    client.force_login(supervisor)

    response = client.get("/reports/", {**OCTOBER, "community": community.pk})

    by_channel = next(b for b in response.context["breakdowns"] if b["dimension"].code == "channel")
    assert [(r["value"], r["total"]) for r in by_channel["rows"]] == [(Channel.PHONE, 4)]
    assert {k: by_channel["other"][k] for k in ("count", "total", "complaints")} == {
        "count": 2, "total": 3, "complaints": 3}
    assert 'data-other="2"' in response.content.decode()
    assert response.context["charts"]["breakdowns"]["channel"][-1]["total"] == 3


def test_short_tables_are_shown_whole():
    rows = [{"key": n, "total": 10 - n, "complaints": 1} for n in range(3)]
    assert breakdown_head(rows, limit=3) == (rows, None)
    shown, other = breakdown_head(rows, limit=2)
    assert shown == rows[:2] and other == {"count": 1, "total": 8, "complaints": 1, "on_time": None}
