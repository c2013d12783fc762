"""The maintained monthly summary behind the dashboard (``MonthFigures``).

A closed month's figures barely move, yet re-counting its orders with their clocks on every
dashboard view is the most expensive thing a dashboard could do (each order's lateness is a
look-up in the clock table). So each closed month is summarised per community, zone,
department and category — a few thousand small rows for a large company — and refreshed while
late events (a breach, a callback, a rating) still trickle in. The dashboard adds up these rows
for the whole closed months of its period and counts only the rest live.

Only parts that add up are kept: counts of rates and sums of seconds with their counts. The
90th percentile and the households contacted (a household counts once in a period, whichever
months and departments its requests fell in) are always counted live.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from guanjia.core.taxonomy import Kind
from guanjia.properties.models import Community

from .dimensions import DIMENSIONS, Dimension
from .kpis import KPI_BY_CODE, Kpi, Sources, kpi_aggregates
from .models import MonthFigures, MonthFiguresRun, MonthVolume
from .scope import SHANGHAI, ReportScope, month_end

# The summary columns of each KPI that adds up: (denominator, numerator or sum of seconds).
KPI_COLUMNS: dict[str, tuple[str, str]] = {
    "complaint_on_time": ("on_time_den", "on_time_num"),
    "repeat_complaints": ("repeat_den", "repeat_num"),
    "satisfaction": ("sat_den", "sat_num"),
    "first_ack_minutes": ("ack_den", "ack_seconds"),
    "urgent_on_site_minutes": ("on_site_den", "on_site_seconds"),
    "repair_hours_avg": ("repair_den", "repair_seconds"),
    "repair_hours_p90": ("repair_den", ""),  # the count adds up; the percentile is counted live
    "callback_on_time": ("callback_den", "callback_num"),
    "dissatisfied_closed": ("follow_up_den", "follow_up_num"),
    "after_hours_share": ("after_hours_den", "after_hours_num"),
    "after_hours_on_time": ("after_hours_ack_den", "after_hours_ack_num"),
}
SUMMARISED_KPIS = tuple(KPI_BY_CODE[code] for code in KPI_COLUMNS)
# The timeliness breakdowns (``Dimension.timeliness``) read the summary by these columns.
DIMENSION_COLUMNS = {"category": "category", "department": "department", "zone": "zone_id"}
BREAKDOWN_PARTS = ("total", "complaints", "on_time_den", "on_time_num", "late")
PARTS = tuple(dict.fromkeys(("total", "complaints", "late",
                             *(column for pair in KPI_COLUMNS.values() for column in pair if column))))
GRAIN = ("community_id", "zone_id", "department", "category")
# The other breakdowns are plain volumes, summarised by value into ``MonthVolume``.
VOLUME_DIMENSIONS = tuple(dimension for dimension in DIMENSIONS if dimension.code not in DIMENSION_COLUMNS)
_INTEGER_KEYS = ("building", "hour")
# Late events settle within days: a closed month is re-summarised hourly (so the dashboard lags
# live counting by at most an hour) for this long after it ends, then left alone.
SETTLE_DAYS = 35
REFRESH_EVERY = timedelta(hours=1)


def _renamed(kpi: Kpi) -> dict[str, Any]:
    """``kpi``'s aggregates named by its summary columns."""
    den, num = KPI_COLUMNS[kpi.code]
    return {den if name.endswith("__den") else num: aggregate
            for name, aggregate in kpi_aggregates(kpi).items()}


def _order_parts() -> dict[str, Any]:
    parts: dict[str, Any] = {"total": Count("pk"), "complaints": Count("pk", filter=Q(kind=Kind.COMPLAINT)),
                             "late": Count("pk", filter=Q(handling_late=True))}
    for kpi in SUMMARISED_KPIS:
        if kpi.source != "ratings":
            parts.update(_renamed(kpi))
    return parts


def _sat_parts() -> dict[str, Any]:
    return _renamed(KPI_BY_CODE["satisfaction"])


def _grouped(sources: Sources) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Every part of the month per community, zone, department and category (two GROUP BY queries)."""
    zone = "room__unit__building__zone_id"
    orders = (sources.orders().values("community_id", "department", "category", zone_id=F(zone))
              .annotate(**_order_parts()))
    ratings = (sources.ratings().values(community_id=F("order__community_id"), department=F("order__department"),
                                        category=F("order__category"), zone_id=F(f"order__{zone}"))
               .annotate(**_sat_parts()))
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    grouped: list[Mapping[str, Any]] = [*orders, *ratings]
    for row in grouped:
        parts = rows.setdefault(tuple(row[key] for key in GRAIN), dict.fromkeys(PARTS, 0))
        for part in PARTS:
            parts[part] += row.get(part) or 0
    return rows


@transaction.atomic
def month_figures_refresh(*, month: date, now: datetime | None = None) -> int:
    """Recompute one month's summary rows for every community."""
    month = month.replace(day=1)
    scope = ReportScope(community_ids=tuple(Community.objects.values_list("pk", flat=True)),
                        date_from=month, date_to=month_end(month))
    sources = Sources(scope, now=now)
    rows = _grouped(sources)
    MonthFigures.objects.filter(month=month).delete()
    MonthFigures.objects.bulk_create([
        MonthFigures(month=month, community_id=key[0], zone_id=key[1], department=key[2] or "",
                     category=key[3] or "", **parts)
        for key, parts in rows.items()], batch_size=2000)
    MonthVolume.objects.filter(month=month).delete()
    MonthVolume.objects.bulk_create(_volumes(sources, month), batch_size=2000)
    MonthFiguresRun.objects.update_or_create(month=month, defaults={"refreshed_at": now or timezone.now()})
    return len(rows)


def _volumes(sources: Sources, month: date) -> list[MonthVolume]:
    """The month's orders and complaints by each volume breakdown (one GROUP BY each, no clocks)."""
    zone = F("room__unit__building__zone_id")
    result = []
    for dimension in VOLUME_DIMENSIONS:
        values = {"key": dimension.key(), **({"name": dimension.name()} if dimension.name else {})}
        rows: Iterable[Mapping[str, Any]] = (
            sources.orders().values("community_id", "department", zone_id=zone, **values)
            .annotate(total=Count("pk"), complaints=Count("pk", filter=Q(kind=Kind.COMPLAINT))))
        result += [MonthVolume(month=month, community_id=row["community_id"], zone_id=row["zone_id"],
                               department=row["department"] or "", dimension=dimension.code,
                               key=None if row["key"] is None else str(row["key"]),
                               name=str(row.get("name") or ""), total=row["total"], complaints=row["complaints"])
                   for row in rows]
    return result


def month_figures_due(*, now: datetime | None = None, months: int = 12) -> list[date]:
    """Closed months of the last ``months`` never summarised, or still settling and not refreshed this hour."""
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


def summarised_within(scope: ReportScope, *, now: datetime | None = None) -> tuple[date, ...]:
    """The whole calendar months of ``scope``'s period that have a summary (one small query)."""
    first = scope.date_from if scope.date_from.day == 1 else _shift(scope.date_from.replace(day=1), 1)
    done = summarised_months(first=first, last=scope.date_to.replace(day=1), now=now)
    return tuple(sorted(month for month in done if month_end(month) <= scope.date_to))


def _summary(scope: ReportScope, months: tuple[date, ...]) -> QuerySet[MonthFigures]:
    rows = MonthFigures.objects.filter(community_id__in=scope.community_ids, month__in=months)
    if scope.zone_id is not None:
        rows = rows.filter(zone_id=scope.zone_id)
    if scope.department:
        rows = rows.filter(department=scope.department)
    return rows


def summary_kpi_parts(sources: Sources) -> dict[str, Any]:
    """The summed parts of ``sources.summarised`` months, named like ``kpi_aggregates`` (one query)."""
    if not sources.summarised:
        return {}
    sums = _summary(sources.scope, sources.summarised).aggregate(
        **{column: Sum(column) for column in PARTS if column not in ("total", "complaints", "late")})
    parts: dict[str, Any] = {}
    for kpi in SUMMARISED_KPIS:
        den, num = KPI_COLUMNS[kpi.code]
        parts[f"{kpi.code}__den"] = sums[den] or 0
        if num:
            parts[f"{kpi.code}__{'num' if kpi.is_rate else 'sum'}"] = sums[num] if sums[den] else None
    return parts


def summary_breakdown(sources: Sources, dimension: Dimension) -> list[dict[str, Any]]:
    """A timeliness breakdown's rows for the summarised months (``breakdown_rows`` shape)."""
    if not sources.summarised:
        return []
    values: dict[str, Any] = {"key": F(DIMENSION_COLUMNS[dimension.code])}
    if dimension.name is not None:
        values["name"] = F("zone__name")
    return [dict(row) for row in _summary(sources.scope, sources.summarised).values(**values)
            .annotate(**{part: Sum(part) for part in BREAKDOWN_PARTS}).filter(total__gt=0)]


def summary_volumes(sources: Sources) -> dict[str, list[dict[str, Any]]]:
    """The volume breakdowns' rows for the summarised months, by dimension (one query for all)."""
    by_code: dict[str, list[dict[str, Any]]] = {dimension.code: [] for dimension in VOLUME_DIMENSIONS}
    if not sources.summarised:
        return by_code
    rows = MonthVolume.objects.filter(community_id__in=sources.scope.community_ids, month__in=sources.summarised)
    if sources.scope.zone_id is not None:
        rows = rows.filter(zone_id=sources.scope.zone_id)
    if sources.scope.department:
        rows = rows.filter(department=sources.scope.department)
    for row in rows.values("dimension", "key", "name").annotate(total=Sum("total"), complaints=Sum("complaints")):
        code, name, key = row["dimension"], row["name"], row["key"]
        volume: dict[str, Any] = {"key": int(key) if code in _INTEGER_KEYS and key is not None else key,
                                  "total": row["total"], "complaints": row["complaints"]}
        if name:
            volume["name"] = name
        by_code[code].append(volume)
    return by_code


TREND_PARTS = ("total", "on_time_den", "on_time_num", "repeat_den", "repeat_num", "sat_den", "sat_num")


def trend_parts_of(orders: dict[str, Any], ratings: dict[str, Any]) -> dict[str, int]:
    """A month's trend parts from the KPI rows of exactly that month (``kpis_compute``'s ``live``)."""
    parts = {"total": orders.get("total")}
    for code, (den, num) in (("complaint_on_time", ("on_time_den", "on_time_num")),
                             ("repeat_complaints", ("repeat_den", "repeat_num"))):
        parts[den], parts[num] = orders.get(f"{code}__den"), orders.get(f"{code}__num")
    parts["sat_den"], parts["sat_num"] = ratings.get("satisfaction__den"), ratings.get("satisfaction__num")
    return {name: value or 0 for name, value in parts.items()}


def trend_rows(sources: Sources, *, first: date,
               known: dict[date, dict[str, int]] | None = None) -> dict[date, dict[str, int]]:
    """The trend parts per month from ``first`` to the scope's last month: summary where there is
    one, ``known`` (a month the caller already counted live), counted live for the rest (the
    current month, months not yet summarised)."""
    scope = sources.scope
    last = scope.date_to.replace(day=1)
    done = summarised_months(first=first, last=last, now=sources.now)
    trend = TREND_PARTS
    by_month: dict[date, dict[str, int]] = {}
    summary: Iterable[Mapping[str, Any]] = (_summary(scope, tuple(done)).values("month")
                                            .annotate(**{part: Sum(part) for part in trend}))
    for row in summary:
        by_month[row["month"]] = {part: row[part] for part in trend}
    known = {month: parts for month, parts in (known or {}).items() if month not in done}
    by_month.update(known)
    live = [month for month in _months(first, last) if month not in done and month not in known]
    if live:
        start = datetime.combine(live[0], time.min, tzinfo=SHANGHAI)
        # Months counted by the caller at the end of the range are not counted again.
        following = _shift(live[-1], 1)
        end = min(datetime.combine(following, time.min, tzinfo=SHANGHAI), scope.end)
        month = TruncMonth("created_at", tzinfo=SHANGHAI)
        orders_parts = {key: value for key, value in _order_parts().items() if key in trend}
        orders = (sources.orders(start=start, end=end).annotate(month=month).values("month")
                  .annotate(**orders_parts))
        ratings = (sources.ratings(start=start, end=end).annotate(month=TruncMonth("at", tzinfo=SHANGHAI))
                   .values("month").annotate(**_sat_parts()))
        counted: list[Mapping[str, Any]] = [*orders, *ratings]
        for row in counted:
            key = row["month"]
            key = key.date() if isinstance(key, datetime) else key
            if key in done or key in known:
                continue
            by_month.setdefault(key, {}).update((part, value) for part, value in row.items() if part != "month")
    return by_month


def _months(first: date, last: date) -> list[date]:
    result, month = [], first
    while month <= last:
        result.append(month)
        month = _shift(month, 1)
    return result
