"""Reads for the dashboard, the monthly review and the orders behind a figure; scoped by the actor.

Views call ``report_scope_build`` (scope.py) with the acting user first; everything here takes
that scope, so nothing is read outside the communities the user may see.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from guanjia.core.errors import ServiceError
from guanjia.core.taxonomy import Category, Channel, Department, Kind, Urgency
from guanjia.sla.models import Clock
from guanjia.tickets.choices import RatingLevel, Status
from guanjia.tickets.models import TicketSettings, WorkOrder

from .dimensions import (
    DIMENSION_BY_CODE,
    DIMENSIONS,
    TIMELINESS_GRAIN,
    VOLUME_GROUPS,
    breakdown_rows,
    breakdown_table,
    grain_rows_for,
    grain_totals,
    timeliness_grain_rows,
    volume_rows,
)
from .kpis import HANDLING_CLOCKS, HOUSEHOLDS, KPI_BY_CODE, ORDERS, RATINGS, Sources, kpis_compute, late_clock
from .scope import ReportScope
from .sql import EpochSeconds, analytic_queries
from .summaries import (
    summarised_within,
    summary_breakdown,
    summary_kpi_parts,
    summary_volumes,
    trend_parts_of,
    trend_rows,
)

# The standards' hot-spot threshold (SAT-2: the same lift 3 times in a month) when a community
# has not saved its own.
DEFAULT_HOTSPOT_THRESHOLD = TicketSettings._meta.get_field("hotspot_threshold").default
TREND_MONTHS = 12
LIST_LIMIT = 10


def hot_spots(sources: Sources, *, limit: int = 20) -> list[Mapping[str, Any]]:
    """Assets or places raised at least the community's hot-spot threshold times in the period."""
    thresholds = dict(TicketSettings.objects.filter(community_id__in=sources.scope.community_ids)
                      .values_list("community_id", "hotspot_threshold"))
    lowest = min([DEFAULT_HOTSPOT_THRESHOLD, *thresholds.values()])
    rows = (sources.orders().exclude(asset_key="")
            .values("community_id", "community__name", "asset_key")
            .annotate(total=Count("pk"), complaints=Count("pk", filter=Q(kind=Kind.COMPLAINT)),
                      last=Max("created_at"))
            .filter(total__gte=lowest).order_by("-total", "asset_key")[: limit * 2])
    # Per-community thresholds differ; the few grouped rows are checked here, not the orders.
    kept: list[Mapping[str, Any]] = [row for row in rows
            if row["total"] >= thresholds.get(row["community_id"], DEFAULT_HOTSPOT_THRESHOLD)]
    return kept[:limit]


def worst_late_orders(sources: Sources, *, limit: int = LIST_LIMIT) -> list[WorkOrder]:
    """The counted orders furthest past a handling deadline (a late clock still open runs to now).

    Read from the clock side in one pass — each late clock of the period's orders once — then
    the few orders shown are loaded by id. A clock is created no earlier than its order is
    received, so the clocks' ``created_at`` index bounds the scan to the period onwards instead
    of the whole clock table.
    """
    overdue = EpochSeconds(Coalesce("met_at", Value(sources.now)), F("due_at"))
    worst = list(Clock.objects.filter(late_clock(sources.now), type__in=HANDLING_CLOCKS,
                                      created_at__gte=sources.scope.start,
                                      order__in=sources.orders().values("pk"))
                 .values("order_id").annotate(seconds=Max(overdue)).order_by("-seconds", "-order_id")[:limit])
    orders = WorkOrder.objects.select_related("community", "room").in_bulk([row["order_id"] for row in worst])
    result = []
    for row in worst:
        order = orders[row["order_id"]]
        order.late_seconds = row["seconds"]
        result.append(order)
    return result


def dissatisfied_cases(sources: Sources, *, limit: int = LIST_LIMIT) -> list[Any]:
    closed_follow_up = WorkOrder.objects.filter(follow_up_of_id=OuterRef("order_id"), status=Status.CLOSED)
    return list(sources.ratings().filter(level=RatingLevel.DISSATISFIED)
                .annotate(follow_up_closed=Exists(closed_follow_up))
                .select_related("order", "order__community", "order__room").order_by("-at", "-id")[:limit])


def _months_back(last: date, count: int) -> date:
    index = last.year * 12 + last.month - 1 - (count - 1)
    return date(index // 12, index % 12 + 1, 1)


def monthly_trends(sources: Sources, *, months: int = TREND_MONTHS,
                   known: dict[date, dict[str, int]] | None = None) -> list[dict[str, Any]]:
    """KPIs by month up to the period's last month: volume, complaints on time, repeats, satisfaction.

    Closed months come from the maintained summary (``summaries``); ``known`` months were
    counted by the caller; the rest is counted live.
    """
    rows = trend_rows(sources, first=_months_back(sources.scope.date_to, months), known=known)
    result = []
    for n in range(months):
        key = _months_back(sources.scope.date_to, months - n)
        row = rows.get(key, {})
        result.append({"month": key.strftime("%Y-%m"), "total": row.get("total") or 0,
                       "complaint_on_time": _pct(row.get("on_time_num"), row.get("on_time_den")),
                       "repeat_complaints": _pct(row.get("repeat_num"), row.get("repeat_den")),
                       "satisfaction": _pct(row.get("sat_num"), row.get("sat_den"))})
    return result


def _pct(num: int | None, den: int | None) -> float | None:
    return round(100.0 * (num or 0) / den, 1) if den else None


@dataclass
class Dashboard:
    scope: ReportScope
    kpis: list[Any]
    trends: list[dict[str, Any]]
    breakdowns: dict[str, list[dict[str, Any]]]
    hot_spots: list[Mapping[str, Any]]
    worst_late: list[WorkOrder]
    dissatisfied: list[Any]


def dashboard_figures(*, scope: ReportScope, now: datetime | None = None) -> Dashboard:
    """Every figure of the dashboard: a fixed number of aggregate queries, whatever the volume.

    The whole closed months of the period that are summarised (``summaries``) are read from the
    summary for the KPIs and the timeliness breakdowns; only the rest is counted live.
    """
    with analytic_queries():
        sources = Sources(scope, now=now, summarised=summarised_within(scope, now=now))
        return _dashboard(scope, sources)


def dashboard_breakdowns(sources: Sources, grain: list[dict[str, Any]] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every breakdown table: the summarised months' rows added to the rest of the period counted
    live (``grain``: the timeliness grain of the live orders, when the caller counted it)."""
    volumes = summary_volumes(sources)
    live = sources.orders(live=True)
    grain = timeliness_grain_rows(live) if grain is None else grain
    counted: dict[str, list[dict[str, Any]]] = {}
    for group in VOLUME_GROUPS:
        counted.update(volume_rows(live, tuple(DIMENSION_BY_CODE[code] for code in group)))
    tables = {}
    for dimension in DIMENSIONS:
        if dimension.code in TIMELINESS_GRAIN:
            tables[dimension.code] = breakdown_table(dimension, grain_rows_for(dimension, grain),
                                                     summary_breakdown(sources, dimension))
        else:
            live_rows = counted.get(dimension.code)
            if live_rows is None:
                live_rows = breakdown_rows(live, dimension)
            tables[dimension.code] = breakdown_table(dimension, live_rows, volumes[dimension.code])
    return tables


def _dashboard(scope: ReportScope, sources: Sources) -> Dashboard:
    # The live orders are counted once, by category, department and zone with every order KPI's
    # parts: their totals are the KPIs' live part, the rows the timeliness tables' and, when the
    # period is one month counted live, that month's trend point. Each order's clocks are then
    # looked up in one pass instead of three.
    grain = timeliness_grain_rows(sources.orders(live=True), kpis=True)
    live: dict[str, dict[str, Any]] = {ORDERS: grain_totals(grain)}
    kpis = kpis_compute(scope=scope, sources=sources, summary=summary_kpi_parts(sources), live=live)
    known = {}
    if scope.month is not None and scope.month not in sources.summarised:
        known[scope.month] = trend_parts_of(live[ORDERS], live[RATINGS])
    return Dashboard(
        scope=scope,
        kpis=list(kpis.values()),
        trends=monthly_trends(sources, known=known),
        breakdowns=dashboard_breakdowns(sources, grain),
        hot_spots=hot_spots(sources),
        worst_late=worst_late_orders(sources),
        dissatisfied=dissatisfied_cases(sources),
    )


# --- the orders behind a figure (click-through and exports).

ORDER_FILTERS: dict[str, tuple[str, Any]] = {
    # query parameter → (field, allowed values or None for an id)
    "category": ("category", Category.values), "kind": ("kind", Kind.values),
    "channel": ("channel", Channel.values), "urgency": ("urgency", Urgency.values),
    "status": ("status", Status.values), "department": ("department", Department.values),
    "building": ("room__unit__building_id", None), "hour": ("hour", None),
    "asset": ("asset_key", ()),
}
KPI_PARTS = ("den", "num", "miss")


def _filter_value(name: str, raw: str, allowed: Any) -> Any:
    if allowed is None:
        if not raw.isdigit():
            raise ServiceError(_("Unknown %(name)s.") % {"name": name}, code=f"bad_{name}", field=name)
        return int(raw)
    if allowed and raw not in allowed:
        raise ServiceError(_("Unknown %(name)s.") % {"name": name}, code=f"bad_{name}", field=name)
    return raw


def _kpi_orders(sources: Sources, code: str, part: str) -> QuerySet[WorkOrder]:
    kpi = KPI_BY_CODE.get(code)
    if kpi is None or part not in KPI_PARTS or (part != "den" and kpi.hit is None):
        raise ServiceError(_("Unknown figure."), code="bad_kpi", field="kpi")
    condition = kpi.population
    if part == "num":
        condition = kpi.hits
    elif part == "miss" and kpi.hit is not None:
        condition &= ~kpi.hit
    if kpi.source == ORDERS:
        return sources.orders().filter(condition)
    if kpi.source == HOUSEHOLDS:
        rooms = sources.households().filter(condition).values("pk")
        return sources.orders().filter(room_id__in=rooms)
    rows = sources.rows(kpi.source).filter(condition).values("order_id")
    return WorkOrder.objects.filter(pk__in=rows)


def report_orders(*, scope: ReportScope, params: dict[str, str], now: datetime | None = None) -> QuerySet[WorkOrder]:
    """The orders behind a figure: the scope's counted orders (or a KPI's rows) narrowed by filters."""
    sources = Sources(scope, now=now)
    code = (params.get("kpi") or "").strip()
    orders = _kpi_orders(sources, code, (params.get("part") or "den").strip()) if code else sources.orders()
    for name, (field, allowed) in ORDER_FILTERS.items():
        raw = (params.get(name) or "").strip()
        if not raw:
            continue
        value = _filter_value(name, raw, allowed)
        # With USE_TZ, ``created_at__hour`` is the hour in Asia/Shanghai, as on the chart.
        orders = orders.filter(**{"created_at__hour" if name == "hour" else field: value})
    return orders.select_related("community", "room").order_by("-created_at", "-id")

