"""The maintained monthly summary behind the 12-month trends (``MonthFigures``).

A closed month's figures barely move, yet re-counting a year of orders with their clocks on
every dashboard view is the most expensive thing a dashboard could do. So each closed month
is summarised per community, zone and department — a few thousand small rows for a large
company — and refreshed while late events (a breach, a rating) still trickle in.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from guanjia.properties.models import Community

from .kpis import KPI_BY_CODE, Sources
from .models import MonthFigures, MonthFiguresRun
from .scope import SHANGHAI, ReportScope, month_end

PARTS = ("total", "on_time_den", "on_time_num", "repeat_den", "repeat_num", "sat_den", "sat_num")
# Late events (a breach found by the sweep, a rating a week later) settle within days: a
# closed month is re-summarised daily for this long after it ends, then left alone.
SETTLE_DAYS = 35
REFRESH_EVERY = timedelta(hours=24)


def _order_parts() -> dict[str, Any]:
    on_time, repeat = KPI_BY_CODE["complaint_on_time"], KPI_BY_CODE["repeat_complaints"]
    return {"total": Count("pk"), "on_time_den": Count("pk", filter=on_time.population),
            "on_time_num": Count("pk", filter=on_time.population & on_time.hit),
            "repeat_den": Count("pk", filter=repeat.population),
            "repeat_num": Count("pk", filter=repeat.population & repeat.hit)}


def _sat_parts() -> dict[str, Any]:
    return {"sat_den": Count("pk"), "sat_num": Count("pk", filter=KPI_BY_CODE["satisfaction"].hit)}


@transaction.atomic
def month_figures_refresh(*, month: date, now: datetime | None = None) -> int:
    """Recompute one month's summary rows for every community (two GROUP BY queries)."""
    month = month.replace(day=1)
    scope = ReportScope(community_ids=tuple(Community.objects.values_list("pk", flat=True)),
                        date_from=month, date_to=month_end(month))
    sources = Sources(scope, now=now)
    keys = ("community_id", "zone_id", "department")
    rows: dict[tuple[Any, ...], dict[str, int]] = {}
    orders = (sources.orders().values("community_id", "department", zone_id=F("room__unit__building__zone_id"))
              .annotate(**_order_parts()))
    ratings = (sources.ratings().values(community_id=F("order__community_id"), department=F("order__department"),
                                        zone_id=F("order__room__unit__building__zone_id"))
               .annotate(**_sat_parts()))
    for row in [*orders, *ratings]:
        parts = rows.setdefault(tuple(row[key] for key in keys), dict.fromkeys(PARTS, 0))
        for part in PARTS:
            parts[part] += row.get(part, 0)
    MonthFigures.objects.filter(month=month).delete()
    MonthFigures.objects.bulk_create([
        MonthFigures(month=month, community_id=key[0], zone_id=key[1], department=key[2] or "", **parts)
        for key, parts in rows.items()], batch_size=2000)
    MonthFiguresRun.objects.update_or_create(month=month, defaults={"refreshed_at": now or timezone.now()})
    return len(rows)


def month_figures_due(*, now: datetime | None = None, months: int = 12) -> list[date]:
    """Closed months of the last ``months`` never summarised, or still settling and not refreshed today."""
    now = now or timezone.now()
    this_month = timezone.localtime(now).date().replace(day=1)
    wanted = [_shift(this_month, -n) for n in range(1, months + 1)]
    runs = dict(MonthFiguresRun.objects.filter(month__in=wanted).values_list("month", "refreshed_at"))
    due = []
    for month in wanted:
        settled = timezone.localtime(now).date() > month_end(month) + timedelta(days=SETTLE_DAYS)
        refreshed = runs.get(month)
        if refreshed is None or (not settled and now - refreshed >= REFRESH_EVERY):
            due.append(month)
    return due


def _shift(month: date, delta: int) -> date:
    index = month.year * 12 + month.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def summarised_months(*, first: date, last: date, now: datetime | None = None) -> set[date]:
    """Months in [first, last] with a summary — closed months only: the current one is always live."""
    this_month = timezone.localtime(now or timezone.now()).date().replace(day=1)
    return set(MonthFiguresRun.objects.filter(month__gte=first, month__lte=last, month__lt=this_month)
               .values_list("month", flat=True))


def trend_rows(sources: Sources, *, first: date) -> dict[date, dict[str, int]]:
    """The trend parts per month from ``first`` to the scope's last month: summary where there is
    one, counted live for the rest (the current month, months not yet summarised)."""
    scope = sources.scope
    last = scope.date_to.replace(day=1)
    done = summarised_months(first=first, last=last, now=sources.now)
    by_month: dict[date, dict[str, int]] = {}
    summary = MonthFigures.objects.filter(community_id__in=scope.community_ids, month__in=done)
    if scope.zone_id is not None:
        summary = summary.filter(zone_id=scope.zone_id)
    if scope.department:
        summary = summary.filter(department=scope.department)
    for row in summary.values("month").annotate(**{part: Sum(part) for part in PARTS}):
        by_month[row.pop("month")] = row
    live = [month for month in _months(first, last) if month not in done]
    if live:
        start = datetime.combine(live[0], time.min, tzinfo=SHANGHAI)
        month = TruncMonth("created_at", tzinfo=SHANGHAI)
        orders = sources.orders(start=start).annotate(month=month).values("month").annotate(**_order_parts())
        ratings = (sources.ratings(start=start).annotate(month=TruncMonth("at", tzinfo=SHANGHAI))
                   .values("month").annotate(**_sat_parts()))
        for row in [*orders, *ratings]:
            key = row.pop("month")
            key = key.date() if isinstance(key, datetime) else key
            if key in done:
                continue
            by_month.setdefault(key, {}).update(row)
    return by_month


def _months(first: date, last: date) -> list[date]:
    result, month = [], first
    while month <= last:
        result.append(month)
        month = _shift(month, 1)
    return result
