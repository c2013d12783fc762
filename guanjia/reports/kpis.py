"""The KPIs a property company runs its service desk by (SAT-2, SAT-3), defined in one place.

Each KPI is a small declarative object: what it counts (its *source*: orders received in the
period, ratings given in it, or occupied households), which rows
form the denominator (``population``), which of those the numerator (``hit``) or the value
averaged (``measure``), and its target. ``docs/kpis.md`` prints the same definitions.

Orders that were cancelled or merged never count. Everything is computed by aggregate queries
— one per source for all KPIs together, plus one for each percentile.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Expression,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guanjia.core.taxonomy import Kind, Urgency
from guanjia.properties.choices import RoomState
from guanjia.properties.models import Room
from guanjia.sla.calendar import DEFAULT_WINDOWS, is_working_day
from guanjia.sla.choices import ClockState, ClockType
from guanjia.sla.models import Clock
from guanjia.sla.selectors import calendar_overrides
from guanjia.tickets.choices import RatingLevel, Status
from guanjia.tickets.models import Rating, WorkOrder

from .scope import SHANGHAI, ReportScope, month_end
from .sql import EpochSeconds, counts_joined, estimated_rows, percentile_value

NEVER_COUNTED = (Status.CANCELLED, Status.MERGED)
# How far back the live part of a report may start for its clock flags to be read in one pass over
# the clocks created since, counted per order and hash-joined to the orders (``Sources.hashed``):
# about two months of clocks.
HASHED_LOOKBACK = timedelta(days=62)
# And only while those clocks are few enough (PostgreSQL's estimate, read without touching a row).
# The counts are hashed per order in PostgreSQL's memory for hashing (work_mem ×
# hash_mem_multiplier, 8 MB by default): the open month at 1,000,000 orders, 65,000 clocks of
# 31,000 orders, took 7.4 MB. Beyond the bound the pass grows with the clocks while probing grows
# with the orders, so a longer live range is probed instead.
HASHED_MAX_CLOCKS = 250_000
# The deadlines of *handling* a request (SLA-1 … SLA-4). The callback (SLA-7) has its own KPI;
# the daily update and a hand-over promise are courtesies reported on the order, not here.
HANDLING_CLOCKS = (ClockType.ACKNOWLEDGE, ClockType.ON_SITE, ClockType.PROGRESS, ClockType.PLAN,
                   ClockType.CLOSE)
# Desk hours of the standard office day: a request received outside them, or on a weekend or
# public holiday of the official calendar, is "after hours" (SAT-3 watches the night phone).
DESK_OPENS = time(DEFAULT_WINDOWS[0][0] // 60, DEFAULT_WINDOWS[0][0] % 60)
DESK_CLOSES = time(DEFAULT_WINDOWS[-1][1] // 60, DEFAULT_WINDOWS[-1][1] % 60)

PERCENT, MINUTES, HOURS = "percent", "minutes", "hours"
ORDERS, RATINGS, HOUSEHOLDS = "orders", "ratings", "households"
_SECONDS_PER = {MINUTES: 60.0, HOURS: 3600.0}
_DECIMALS = {PERCENT: 1, MINUTES: 1, HOURS: 2}


@dataclass(frozen=True)
class Kpi:
    code: str
    label: Promise
    unit: str
    source: str
    target: float | None
    lower_is_better: bool
    numerator: Promise
    denominator: Promise
    counts: Promise
    standard: str
    population: Q
    hit: Q | None = None  # a rate: share of the population also matching ``hit``
    measure: Callable[[], Expression] | None = None  # an average (seconds) of this over the population
    fraction: float | None = None  # with ``measure``: that percentile instead of the average

    @property
    def is_rate(self) -> bool:
        return self.hit is not None

    @property
    def hits(self) -> Q:
        """A rate's numerator: the population also matching ``hit``."""
        if self.hit is None:
            raise ValueError(f"{self.code} is not a rate")
        return self.population & self.hit

    def target_value(self) -> float | None:
        """The company's own target (``GUANJIA_KPI_TARGETS``) or the standards' default."""
        overrides = getattr(settings, "GUANJIA_KPI_TARGETS", {}) or {}
        return overrides.get(self.code, self.target)


def _ack_minutes() -> Expression:
    return EpochSeconds(F("acknowledged_at"), F("created_at"))


def _on_site() -> Expression:
    return EpochSeconds(F("on_site_at"), F("created_at"))


def _repair() -> Expression:
    return EpochSeconds(F("resolved_at"), F("created_at"))


KPIS: tuple[Kpi, ...] = (
    Kpi("complaint_on_time", _("Complaints handled on time"), PERCENT, ORDERS, 95, False,
        _("complaints none of whose handling deadlines was missed"),
        _("complaints resolved or closed, plus open ones already late"),
        _("complaints received in the period; still-open complaints count once late or resolved"),
        "SAT-3, SLA-1",
        population=Q(kind=Kind.COMPLAINT) & (Q(status__in=(Status.RESOLVED, Status.CLOSED)) | Q(handling_late=True)),
        hit=Q(handling_late=False)),
    Kpi("repeat_complaints", _("Repeat complaints"), PERCENT, ORDERS, 3, True,
        _("complaints flagged as a repeat (same household and category within the window)"),
        _("complaints received in the period"), _("complaints received in the period"), "SAT-3",
        population=Q(kind=Kind.COMPLAINT), hit=Q(is_repeat=True)),
    Kpi("satisfaction", _("Satisfaction"), PERCENT, RATINGS, 90, False,
        _("ratings “very satisfied” or “satisfied”"), _("all ratings given in the period"),
        _("every rating given in the period (a reopened order rated twice counts twice)"), "SAT-1, SAT-3",
        population=Q(), hit=Q(level__in=(RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED))),
    Kpi("first_ack_minutes", _("Time to first acknowledgement"), MINUTES, ORDERS, 15, True,
        _("minutes from receipt to the first confirmation with the resident, averaged"),
        _("orders received in the period and acknowledged"), _("orders received in the period"), "SLA-1",
        population=Q(acknowledged_at__isnull=False), measure=_ack_minutes),
    Kpi("urgent_on_site_minutes", _("Urgent orders: time to on site"), MINUTES, ORDERS, 15, True,
        _("minutes from receipt to arrival on site, averaged"),
        _("urgent orders received in the period with someone on site"), _("urgent orders"), "SLA-2",
        population=Q(urgency=Urgency.URGENT, on_site_at__isnull=False), measure=_on_site),
    Kpi("repair_hours_avg", _("Repair duration (average)"), HOURS, ORDERS, None, True,
        _("hours from receipt to the latest resolution, averaged (waits included)"),
        _("repairs received in the period and resolved"), _("repairs"), "SAT-3 (baseline 4.2 h)",
        population=Q(kind=Kind.REPAIR, resolved_at__isnull=False), measure=_repair),
    Kpi("repair_hours_p90", _("Repair duration (90th percentile)"), HOURS, ORDERS, None, True,
        _("hours from receipt to the latest resolution: 9 in 10 repairs took at most this"),
        _("repairs received in the period and resolved"), _("repairs"), "SAT-3",
        population=Q(kind=Kind.REPAIR, resolved_at__isnull=False), measure=_repair, fraction=0.9),
    Kpi("callback_on_time", _("Callbacks within 48 hours"), PERCENT, ORDERS, 95, False,
        _("orders called back before the deadline (48 h after resolution unless configured)"),
        _("orders received in the period whose callback deadline was met or missed"),
        _("orders received in the period; a second resolution replaces the first callback"), "SLA-7",
        population=Q(callback_decided=True), hit=Q(callback_late=False)),
    Kpi("dissatisfied_closed", _("Dissatisfied follow-ups closed"), PERCENT, ORDERS, 100, False,
        _("follow-ups closed"), _("follow-ups opened for a dissatisfied rating in the period"),
        _("follow-up orders received in the period"), "SAT-1",
        population=Q(follow_up_of__isnull=False), hit=Q(status=Status.CLOSED)),
    Kpi("interaction_rate", _("Monthly interaction rate"), PERCENT, HOUSEHOLDS, 40, False,
        _("occupied households with any request in the period"), _("occupied households"),
        _("households (rooms) occupied now; any kind of request through any channel"), "SAT-3",
        population=Q(), hit=Q(contacted=True)),
    Kpi("after_hours_share", _("After-hours share"), PERCENT, ORDERS, None, True,
        _("orders received outside desk hours or on a non-working day"), _("orders received in the period"),
        _("orders received in the period"), "SAT-3",
        population=Q(), hit=Q(after_hours=True)),
    Kpi("after_hours_on_time", _("After-hours requests acknowledged on time"), PERCENT, ORDERS, 95, False,
        _("after-hours orders confirmed with the resident before the deadline"),
        _("after-hours orders whose acknowledgement deadline was met or missed"),
        _("orders received after hours"), "SAT-3 (baseline 68%)",
        # after_hours first: the clock look-up is made only for the orders received after hours
        # (Q(a=…, b=…) would sort its keywords and look up the clock for every order).
        population=Q(after_hours=True) & Q(ack_decided=True), hit=Q(ack_late=False)),
)
KPI_BY_CODE = {kpi.code: kpi for kpi in KPIS}


@dataclass(frozen=True)
class KpiValue:
    kpi: Kpi
    value: float | None
    numerator: int | None
    denominator: int

    @property
    def target(self) -> float | None:
        return self.kpi.target_value()

    @property
    def on_target(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        return self.value <= self.target if self.kpi.lower_is_better else self.value >= self.target

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.kpi.code, "label": str(self.kpi.label), "unit": self.kpi.unit,
                "value": self.value, "numerator": self.numerator, "denominator": self.denominator,
                "target": self.target, "on_target": self.on_target,
                "lower_is_better": self.kpi.lower_is_better}


# --- the sources: each a queryset of the rows one kind of KPI counts, with the flags they need.

def late_clock(now: datetime) -> Q:
    """A clock is late once breached — or past due and not yet swept, or met after its due time."""
    return (Q(breached_at__isnull=False) | Q(state=ClockState.MET, met_at__gt=F("due_at"))
            | Q(state=ClockState.RUNNING, due_at__lt=now))


def non_working_days(start: date, end: date) -> list[date]:
    """Weekends and holidays of the official calendar (administrators' entries win) in [start, end)."""
    overrides = calendar_overrides()
    days = (start + timedelta(days=n) for n in range((end - start).days))
    return [day for day in days if not is_working_day(day, overrides)]


def _order_filters(scope: ReportScope, prefix: str = "") -> Q:
    q = Q(**{f"{prefix}community_id__in": scope.community_ids}) & ~Q(**{f"{prefix}status__in": NEVER_COUNTED})
    if scope.zone_id is not None:
        q &= Q(**{f"{prefix}room__unit__building__zone_id": scope.zone_id})
    if scope.department:
        q &= Q(**{f"{prefix}department": scope.department})
    return q


class Sources:
    """The rows each kind of KPI counts, for one scope at one instant.

    Built once per report so the holiday list (one small query) is read once however many
    figures use it.
    """

    def __init__(self, scope: ReportScope, *, now: datetime | None = None,
                 summarised: tuple[date, ...] = ()) -> None:
        self.scope, self.now = scope, now or timezone.now()
        # Whole months of the period read from the maintained summary (``summaries``): the
        # ``live`` rows leave them out so that nothing is counted twice.
        self.summarised = summarised
        self._holidays: dict[tuple[date, date], list[date]] = {}
        self._recent_clocks: dict[datetime, float] = {}

    def _not_summarised(self, field: str) -> Q:
        """The parts of the period outside the summarised months, as ranges of ``field``.

        Ranges rather than "not in those months" so the index reads only the live rows; with
        nothing left the condition is empty and Django answers without asking the database.
        """
        if not self.summarised:
            return Q()
        ranges, cursor = [], self.scope.start
        for month in self.summarised:
            first = datetime.combine(month, time.min, tzinfo=SHANGHAI)
            if first > cursor:
                ranges.append((cursor, first))
            cursor = datetime.combine(month_end(month) + timedelta(days=1), time.min, tzinfo=SHANGHAI)
        if cursor < self.scope.end:
            ranges.append((cursor, self.scope.end))
        q = Q(pk__in=[])
        for low, high in ranges:
            q |= Q(**{f"{field}__gte": low, f"{field}__lt": high})
        return q

    def hashed(self, first: datetime) -> bool:
        """Whether clock flags are read in one pass over the recent clocks rather than probed per
        order: for several communities (many orders) over a recent live range (few clocks to read)."""
        if len(self.scope.community_ids) <= 1 or self.now - first > HASHED_LOOKBACK:
            return False
        if first not in self._recent_clocks:
            self._recent_clocks[first] = estimated_rows(Clock.objects.filter(created_at__gte=first))
        return self._recent_clocks[first] <= HASHED_MAX_CLOCKS

    def _first_live(self, start: datetime) -> datetime:
        """The first instant counted live from ``start`` (the summarised months are skipped)."""
        for month in self.summarised:
            first = datetime.combine(month, time.min, tzinfo=SHANGHAI)
            if first > start:
                break
            start = max(start, datetime.combine(month_end(month) + timedelta(days=1), time.min, tzinfo=SHANGHAI))
        return start

    def holidays(self, start: datetime, end: datetime) -> list[date]:
        key = (start.astimezone(SHANGHAI).date(), end.astimezone(SHANGHAI).date())
        if key not in self._holidays:
            self._holidays[key] = non_working_days(*key)
        return self._holidays[key]

    def desk_hours(self, start: datetime, end: datetime) -> Q:
        """Orders received during the standard desk day of a working day in [start, end).

        The instants are worked out here (the holidays are read once per report), so the database
        compares each order's ``created_at`` with bounds instead of converting it to local time —
        three times per order in the KPI query: the after-hours share and both parts of after-hours
        handling. Seconds count as on the desk's clock: 08:29:59 is before opening, 17:30:00 after closing.
        """
        first, last = start.astimezone(SHANGHAI).date(), end.astimezone(SHANGHAI).date()
        closed = set(self.holidays(start, end))
        q = Q(pk__in=[])  # no working day in the period: every order is after hours
        for day in (first + timedelta(days=n) for n in range((last - first).days)):
            if day not in closed:
                q |= Q(created_at__gte=datetime.combine(day, DESK_OPENS, tzinfo=SHANGHAI),
                       created_at__lt=datetime.combine(day, DESK_CLOSES, tzinfo=SHANGHAI))
        return q

    def orders(self, *, start: datetime | None = None, end: datetime | None = None,
               live: bool = False) -> QuerySet[WorkOrder]:
        """Orders received in the period (or [start, end)), with the flags the KPIs filter on;
        ``live``: only those of months not read from the summary."""
        start, end = start or self.scope.start, end or self.scope.end
        late = late_clock(self.now)
        decided = Q(state=ClockState.MET) | late
        conditions = {
            "handling_late": late & Q(type__in=HANDLING_CLOCKS),
            "ack_late": late & Q(type=ClockType.ACKNOWLEDGE),
            "ack_decided": decided & Q(type=ClockType.ACKNOWLEDGE),
            # A second resolution cancels the first callback deadline: only the live one counts.
            "callback_late": late & Q(type=ClockType.CALLBACK) & ~Q(state=ClockState.CANCELLED),
            "callback_decided": decided & Q(type=ClockType.CALLBACK) & ~Q(state=ClockState.CANCELLED),
        }
        rows = WorkOrder.objects.filter(_order_filters(self.scope), created_at__gte=start, created_at__lt=end)
        first = self._first_live(start) if live else start
        if live:
            rows = rows.filter(self._not_summarised("created_at"))
        if self.hashed(first):
            # The few weeks' clocks counted once per order in one pass (a clock is never created
            # before its order is received, so ``created_at`` bounds the read) and hash-joined to
            # the orders: every flag of every order from one index-only range scan, instead of an
            # index probe per order and flag (tens of thousands of orders, five flags) or a set
            # per flag re-read at each of its ten references in the KPI query.
            rows, flags = counts_joined(rows, Clock.objects.filter(created_at__gte=first), key="order_id",
                                        conditions=conditions, name="report_clock_flags")
        else:
            # Correlated EXISTS, probing the (order, type) index of each order's few clocks: the
            # cost follows the period's orders, never the whole clock table. ``aggregate()``
            # evaluates an EXISTS once per row in a derived table, however many KPIs refer to it.
            clocks = Clock.objects.filter(order=OuterRef("pk"))
            flags = {name: Exists(clocks.filter(condition)) for name, condition in conditions.items()}
        # After hours: outside the desk day of every working day of the period, or on no working day.
        return rows.alias(**flags, after_hours=Case(When(self.desk_hours(start, end), then=Value(False)),
                                                    default=Value(True), output_field=BooleanField()))

    def ratings(self, *, start: datetime | None = None, end: datetime | None = None,
                live: bool = False) -> QuerySet[Rating]:
        """Ratings given in the period on orders that count (``live``: outside summarised months)."""
        rows = Rating.objects.filter(_order_filters(self.scope, "order__"), at__gte=start or self.scope.start,
                                     at__lt=end or self.scope.end)
        return rows.filter(self._not_summarised("at")) if live else rows

    def households(self) -> QuerySet[Room]:
        """Occupied rooms in scope, flagged when any counted order came from them in the period."""
        rooms = Room.objects.filter(community_id__in=self.scope.community_ids, state=RoomState.OCCUPIED)
        if self.scope.zone_id is not None:
            rooms = rooms.filter(unit__building__zone_id=self.scope.zone_id)
        # ``IN (the period's rooms)`` rather than a correlated EXISTS: PostgreSQL hashes the
        # period's orders once instead of probing them once per room of the register.
        contacted = (WorkOrder.objects.filter(_order_filters(self.scope), room_id__isnull=False,
                                              created_at__gte=self.scope.start, created_at__lt=self.scope.end)
                     .values("room_id"))
        return rooms.alias(contacted=Case(When(pk__in=contacted, then=Value(True)), default=Value(False),
                                          output_field=BooleanField()))

    def rows(self, source: str, *, live: bool = False) -> QuerySet:
        if source == HOUSEHOLDS:  # a household counts once in the period: never split by month
            return self.households()
        return {ORDERS: self.orders, RATINGS: self.ratings}[source](live=live)


# --- computing them.

def kpi_aggregates(kpi: Kpi) -> dict[str, Any]:
    """The aggregate expressions for ``kpi`` over its source, named ``<code>__<part>``."""
    parts: dict[str, Any] = {f"{kpi.code}__den": Count("pk", filter=kpi.population)}
    if kpi.hit is not None:
        parts[f"{kpi.code}__num"] = Count("pk", filter=kpi.hits)
    elif kpi.measure is not None and kpi.fraction is None:
        # A sum, not an average: sums (and counts) of months and groups add up exactly.
        parts[f"{kpi.code}__sum"] = Sum(kpi.measure(), filter=kpi.population)
    return parts


def kpi_value_from(kpi: Kpi, row: dict[str, Any], *, measured: float | None = None) -> KpiValue:
    den = row.get(f"{kpi.code}__den") or 0
    if kpi.hit is not None:
        num = row.get(f"{kpi.code}__num") or 0
        value = round(100.0 * num / den, _DECIMALS[PERCENT]) if den else None
        return KpiValue(kpi, value, num, den)
    total = row.get(f"{kpi.code}__sum")
    raw = measured if kpi.fraction is not None else (total / den if total is not None and den else None)
    value = round(raw / _SECONDS_PER[kpi.unit], _DECIMALS[kpi.unit]) if raw is not None and den else None
    return KpiValue(kpi, value, None, den)


def kpis_compute(*, scope: ReportScope, now: datetime | None = None, kpis: tuple[Kpi, ...] = KPIS,
                 sources: Sources | None = None, summary: dict[str, Any] | None = None,
                 live: dict[str, dict[str, Any]] | None = None) -> dict[str, KpiValue]:
    """Every KPI for ``scope``: one aggregate query per source, one per percentile.

    With ``summary`` (the summed parts of ``sources.summarised`` months, named like the
    aggregates) the queries count only the other months and the parts are added; a percentile
    and the households cannot be added up, so they always count the whole period. ``live``
    holds a source's live parts already counted by the caller (the dashboard counts the orders'
    parts with its timeliness tables), and receives the rows of the sources counted here.
    """
    sources = sources or Sources(scope, now=now)
    live = {} if live is None else live
    results: dict[str, KpiValue] = {}
    for source in (ORDERS, RATINGS, HOUSEHOLDS):
        chosen = [kpi for kpi in kpis if kpi.source == source]
        if not chosen:
            continue
        aggregates: dict[str, Any] = {}
        for kpi in chosen:
            aggregates.update(kpi_aggregates(kpi))
        if source in live:
            counted = {name: live[source].get(name) for name in aggregates}
        else:
            counted = live[source] = sources.rows(source, live=True).aggregate(**aggregates)
        row = _added(counted, summary or {})
        for kpi in chosen:
            measured = None
            if kpi.fraction is not None and kpi.measure is not None and row.get(f"{kpi.code}__den"):
                measured = percentile_value(sources.rows(source), kpi.measure(), fraction=kpi.fraction,
                                            filter=kpi.population)
            results[kpi.code] = kpi_value_from(kpi, row, measured=measured)
    return {kpi.code: results[kpi.code] for kpi in kpis}


def _added(row: dict[str, Any], summary: dict[str, Any]) -> dict[str, Any]:
    """The live parts plus the summary's; a sum stays ``None`` only when both are empty."""
    result = dict(row)
    for name, value in summary.items():
        if name in result and value is not None:
            result[name] = value if result[name] is None else result[name] + value
    return result
