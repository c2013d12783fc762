"""The figures of a monthly review (月度投诉分析/复盘, SAT-2), as JSON for the archive (REC-1)."""

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from guanjia.core.taxonomy import Category, Kind
from guanjia.properties.models import Community
from guanjia.tickets.choices import RatingLevel
from guanjia.tickets.models import Rating, WorkOrder

from .choices import ActionStatus
from .dimensions import (
    DIMENSION_BY_CODE,
    breakdown_table,
    grain_rows_for,
    grain_totals,
    timeliness_grain_rows,
)
from .kpis import KPI_BY_CODE, NEVER_COUNTED, ORDERS, RATINGS, Sources, kpi_aggregates, kpis_compute
from .models import ImprovementAction
from .scope import scope_for_community_month
from .selectors import hot_spots
from .sql import analytic_queries

REVIEW_CASES_LIMIT = 50
REPEATS_LIMIT = 50


def _order_brief(order: WorkOrder, **extra: Any) -> dict[str, Any]:
    return {"id": order.pk, "uuid": str(order.uuid), "number": order.number,
            "room": order.room.code if order.room is not None else order.location,
            "kind": order.kind, "category": order.category, "department": order.department,
            "status": order.status, "received": timezone.localtime(order.created_at).strftime("%Y-%m-%d %H:%M"),
            "description": order.description[:200], **extra}


def complaint_share(grain: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Complaints by category, from the month's grain rows (``timeliness_grain_rows``)."""
    by_category: dict[str, int] = {}
    for row in grain:
        if row["complaints"]:
            by_category[row["category"]] = by_category.get(row["category"], 0) + row["complaints"]
    rows = sorted(by_category.items(), key=lambda item: (-item[1], item[0] or ""))
    total = sum(count for _, count in rows)
    labels = dict(Category.choices)
    return [{"category": category, "label": str(labels.get(category, category or "—")),
             "total": count, "share": round(100.0 * count / total, 1)} for category, count in rows]


def satisfaction_levels(sources: Sources) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The month's ratings by level, and the satisfaction KPI's parts from the same GROUP BY."""
    parts = kpi_aggregates(KPI_BY_CODE["satisfaction"])
    rows: list[Mapping[str, Any]] = list(sources.ratings().values("level").annotate(n=Count("pk"), **parts))
    counts = {row["level"]: row["n"] for row in rows}
    levels = [{"level": value, "label": str(label), "total": counts.get(value, 0)}
              for value, label in RatingLevel.choices]
    return levels, {name: sum(row[name] for row in rows) for name in parts}


def review_cases(sources: Sources) -> list[dict[str, Any]]:
    """Dissatisfied and late cases of the month (SAT-1: 重点复盘项)."""
    unhappy = Rating.objects.filter(order_id=OuterRef("pk"), level=RatingLevel.DISSATISFIED,
                                    at__gte=sources.scope.start, at__lt=sources.scope.end)
    cases = (sources.orders().alias(unhappy=Exists(unhappy))
             .filter(Q(unhappy=True) | Q(handling_late=True) | Q(for_review=True))
             .annotate(is_unhappy=F("unhappy"), is_late=F("handling_late"))
             .select_related("room").order_by("created_at", "id")[:REVIEW_CASES_LIMIT])
    result = []
    for order in cases:
        reasons = [reason for reason, flag in (("dissatisfied", order.is_unhappy), ("late", order.is_late),
                                               ("flagged", order.for_review)) if flag]
        result.append(_order_brief(order, reasons=reasons))
    return result


def repeat_complaints(sources: Sources) -> list[dict[str, Any]]:
    orders = (sources.orders().filter(kind=Kind.COMPLAINT, is_repeat=True).select_related("room")
              .order_by("created_at", "id")[:REPEATS_LIMIT])
    return [_order_brief(order) for order in orders]


def actions_with_effect(*, community: Community, month: date, now: datetime | None = None) -> list[dict[str, Any]]:
    """The community's improvement actions running in or before the month, with whether they worked:
    complaints about the same asset (or category) in the window before the start vs after it."""
    now = now or timezone.now()
    next_month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    actions = list(ImprovementAction.objects.filter(community=community, starts_on__lt=next_month)
                   .exclude(status=ActionStatus.DROPPED).select_related("owner").order_by("starts_on", "id"))
    return [action_effect(action=action, now=now) for action in actions]


def _same_subject(action: ImprovementAction) -> QuerySet[WorkOrder]:
    orders = (WorkOrder.objects.filter(community_id=action.community_id, kind=Kind.COMPLAINT)
              .exclude(status__in=NEVER_COUNTED))
    if action.asset_key:
        return orders.filter(asset_key=action.asset_key)
    if action.category:
        return orders.filter(category=action.category)
    return orders.none()


def action_effect(*, action: ImprovementAction, now: datetime | None = None) -> dict[str, Any]:
    """One query: the complaints about the action's subject before and after it started."""
    now = now or timezone.now()
    start = datetime.combine(action.starts_on, datetime.min.time(), tzinfo=timezone.get_current_timezone())
    window = timedelta(days=action.window_days)
    after_until = min(start + window, now)
    counts = _same_subject(action).aggregate(
        before=Count("pk", filter=Q(created_at__gte=start - window, created_at__lt=start)),
        after=Count("pk", filter=Q(created_at__gte=start, created_at__lt=after_until)))
    # Judged only once a whole window has passed since the start: a quiet first week after
    # fixing a lift says little. Until then the counts so far are shown as they are.
    if now < start + window:
        verdict = "too_early"
    else:
        verdict = "worked" if counts["after"] < counts["before"] else "not_worked"
    return {"id": action.pk, "uuid": str(action.uuid), "title": action.title, "source": action.source,
            "asset_key": action.asset_key, "category": action.category, "steps": list(action.steps),
            "owner": str(action.owner) if action.owner_id else "", "status": action.status,
            "starts_on": action.starts_on.isoformat(), "due_on": action.due_on.isoformat(),
            "window_days": action.window_days, "before": counts["before"], "after": counts["after"],
            "verdict": verdict}


def monthly_review_figures(*, community: Community, month: date, now: datetime | None = None) -> dict[str, Any]:
    """Everything the review shows, computed by aggregate queries, ready to store as JSON."""
    scope = scope_for_community_month(community=community, month=month)
    sources = Sources(scope, now=now)
    orders = sources.orders()
    with analytic_queries():
        return _figures(community, month, sources, orders, now)


def _figures(community: Community, month: date, sources: Sources, orders: QuerySet,
             now: datetime | None) -> dict[str, Any]:
    scope = sources.scope
    # One pass over the month's orders and their clocks for the KPIs, the volume, the complaint
    # share and the departments' timeliness (see ``timeliness_grain_rows``).
    grain = timeliness_grain_rows(orders, kpis=True)
    totals = grain_totals(grain)
    department = DIMENSION_BY_CODE["department"]
    departments = breakdown_table(department, grain_rows_for(department, grain))
    levels, satisfaction = satisfaction_levels(sources)
    return {
        "community": {"id": community.pk, "name": community.name},
        "month": month.strftime("%Y-%m"),
        "kpis": [value.as_dict() for value in
                 kpis_compute(scope=scope, sources=sources,
                              live={ORDERS: totals, RATINGS: satisfaction}).values()],
        "volume": {"total": totals.get("total") or 0, "complaints": totals.get("complaints") or 0},
        "complaint_share": complaint_share(grain),
        "on_time_by_department": [{k: row[k] for k in ("value", "label", "total", "complaints", "on_time_den",
                                                       "on_time_num", "on_time", "late")} for row in departments],
        "satisfaction_levels": levels,
        "hot_spots": [{**row, "last": timezone.localtime(row["last"]).strftime("%Y-%m-%d")}
                      for row in hot_spots(sources)],
        "repeat_complaints": repeat_complaints(sources),
        "review_cases": review_cases(sources),
        "actions": actions_with_effect(community=community, month=month, now=now),
    }
