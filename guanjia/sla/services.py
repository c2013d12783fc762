"""SLA clocks: started, paused, met and cancelled as a work order's events happen.

``tickets.services`` calls ``clocks_on_event`` inside the transaction that wrote the event, so
a clock and the event that moved it commit together. Every change is a conditional UPDATE on
the clock's state: the sweep (another process) claims breaches the same way, and whichever
comes first wins cleanly — a clock met at 10:14:59 is never reported late at 10:15.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware

from guanjia.tickets.choices import OPEN_STATUSES, EventType, Visibility

from . import clocks as clockmath
from .calendar import WorkCalendar
from .choices import ACTIVE_STATES, ClockState, ClockType
from .models import Clock
from .policies import RECEIPT_CLOCKS, ConfigSnapshot, Rule, pick_rule, resolve
from .selectors import working_calendar

logger = logging.getLogger(__name__)
C = ClockType


class _Context:
    """One event being applied: the order, the instant, and what is loaded lazily for it."""

    def __init__(self, order: Any, event: Any) -> None:
        self.order, self.event, self.at = order, event, event.at

    @cached_property
    def config(self) -> ConfigSnapshot:
        # The rules and entered days, kept by the process and checked with one query per event.
        return ConfigSnapshot()

    @cached_property
    def cal(self) -> WorkCalendar:
        return working_calendar(community=self.order.community, overrides=self.config.overrides())

    @cached_property
    def rules(self) -> list[Rule]:
        return self.config.rules(self.order.community_id)

    def rule(self, clock_type: str) -> Rule | None:
        order = self.order
        return pick_rule(self.rules, clock_type=clock_type, kind=order.kind or "",
                         urgency=order.urgency or "", category=order.category or "")

    def active(self, types: Iterable[str]) -> QuerySet[Clock]:
        return Clock.objects.filter(order=self.order, type__in=list(types), state__in=ACTIVE_STATES)


def _timing(ctx: _Context, rule: Rule) -> tuple[timedelta, bool, bool]:
    resolved = resolve(rule, urgency=ctx.order.urgency)
    duration = resolved.duration
    if resolved.days:
        duration = timedelta(minutes=resolved.days * ctx.cal.minutes_per_day)
    return duration, resolved.working_time, resolved.pauses


def _start(ctx: _Context, clock_type: str, *, started_at: datetime, none_active: bool = False) -> Clock | None:
    """Start ``clock_type`` if a rule applies and none of that type is still active.

    ``none_active``: the caller has just read the order's clocks and knows (saves a query per clock).
    """
    rule = ctx.rule(clock_type)
    if rule is None or (not none_active and ctx.active([clock_type]).exists()):
        return None
    clock = _new_clock(ctx, clock_type, rule, started_at=started_at)
    clock.save(force_insert=True)
    return clock


def _new_clock(ctx: _Context, clock_type: str, rule: Rule, *, started_at: datetime) -> Clock:
    """The clock ``rule`` starts at ``started_at``, not yet stored."""
    duration, working_time, pauses = _timing(ctx, rule)
    due = clockmath.due_at(cal=ctx.cal, started_at=started_at, duration=duration,
                           paused_total=timedelta(0), working_time=working_time)
    return Clock(order=ctx.order, type=clock_type, started_at=started_at, due_at=due,
                 warn_at=clockmath.warn_at(started_at=started_at, due=due), duration=duration,
                 working_time=working_time, pauses=pauses)


def _meet(ctx: _Context, types: Iterable[str]) -> int:
    return ctx.active(types).update(state=ClockState.MET, met_at=ctx.at, paused_at=None,
                                    next_escalation_at=None)


def _cancel(ctx: _Context, types: Iterable[str] = tuple(ClockType.values)) -> int:
    return ctx.active(types).update(state=ClockState.CANCELLED, cancelled_at=ctx.at, paused_at=None,
                                    next_escalation_at=None)


def _pause(ctx: _Context) -> None:
    # A clock already past due is left running: waiting for the resident does not excuse a
    # deadline missed before the wait began, and the sweep will record it.
    Clock.objects.filter(order=ctx.order, state=ClockState.RUNNING, pauses=True, due_at__gt=ctx.at).update(
        state=ClockState.PAUSED, paused_at=ctx.at)


def _resume(ctx: _Context) -> None:
    for clock in Clock.objects.filter(order=ctx.order, state=ClockState.PAUSED):
        paused_for = clockmath.elapsed(cal=ctx.cal, start=clock.paused_at or ctx.at, end=ctx.at,
                                       working_time=clock.working_time)
        total = clock.paused_total + paused_for
        due = clockmath.due_at(cal=ctx.cal, started_at=clock.started_at, duration=clock.duration,
                               paused_total=total, working_time=clock.working_time)
        Clock.objects.filter(pk=clock.pk, state=ClockState.PAUSED).update(
            state=ClockState.RUNNING, paused_at=None, paused_total=total, due_at=due,
            warn_at=clockmath.warn_at(started_at=clock.started_at, due=due))


def _retime(ctx: _Context, clock: Clock, rule: Rule) -> None:
    """Apply a changed classification's rule to a clock already counting."""
    duration, working_time, pauses = _timing(ctx, rule)
    if (duration, working_time) == (clock.duration, clock.working_time):
        return
    due = clockmath.due_at(cal=ctx.cal, started_at=clock.started_at, duration=duration,
                           paused_total=clock.paused_total, working_time=working_time)
    Clock.objects.filter(pk=clock.pk, state=clock.state).update(
        duration=duration, working_time=working_time, pauses=pauses, due_at=due,
        warn_at=clockmath.warn_at(started_at=clock.started_at, due=due))


def _stage_allows(order: Any, clock_type: str) -> bool:
    """A receipt clock whose goal was already reached is not started late."""
    if order.status not in OPEN_STATUSES:
        return False
    if clock_type == C.ACKNOWLEDGE:
        return order.acknowledged_at is None
    if clock_type == C.ON_SITE:
        return order.on_site_at is None
    return True


def _sync_receipt_clocks(ctx: _Context, *, start_new_at: datetime) -> None:
    """After (re)classification: start the clocks that now apply, re-time or cancel the rest."""
    existing: dict[str, Clock] = {}
    for found in Clock.objects.filter(order=ctx.order, type__in=RECEIPT_CLOCKS).exclude(
            state=ClockState.CANCELLED).order_by("started_at", "id"):
        existing[found.type] = found  # the latest of each type
    for clock_type in RECEIPT_CLOCKS:
        rule, clock = ctx.rule(clock_type), existing.get(clock_type)
        if clock is not None and clock.state not in (ClockState.RUNNING, ClockState.PAUSED):
            continue  # met or already late: history, not something to re-time
        if rule is None:
            if clock is not None:
                _cancel(ctx, [clock_type])
        elif clock is not None:
            _retime(ctx, clock, rule)
        elif _stage_allows(ctx.order, clock_type):
            # No clock of this type but cancelled ones: none is active.
            _start(ctx, clock_type, started_at=start_new_at, none_active=True)


def _on_created(ctx: _Context) -> None:
    """A new order has no clocks yet: nothing to read, re-time or cancel; its clocks in one INSERT.

    The creation is an order's first event (``tickets.events.event_created``, once per order).
    """
    new = []
    for clock_type in RECEIPT_CLOCKS:
        rule = ctx.rule(clock_type)
        if rule is not None and _stage_allows(ctx.order, clock_type):
            new.append(_new_clock(ctx, clock_type, rule, started_at=ctx.at))
    Clock.objects.bulk_create(new)


def _on_classified(ctx: _Context) -> None:
    # The standards count from receipt: classifying later does not buy extra time.
    _sync_receipt_clocks(ctx, start_new_at=min(ctx.order.created_at, ctx.at))


def _on_reclassified(ctx: _Context) -> None:
    # Turned urgent (or complaint…) now: the new clocks start at once.
    _sync_receipt_clocks(ctx, start_new_at=ctx.at)


def _on_resolved(ctx: _Context) -> None:
    _meet(ctx, [C.ACKNOWLEDGE, C.ON_SITE, C.PLAN, C.CLOSE, C.PROGRESS, C.DAILY_UPDATE, C.PROMISE])
    _cancel(ctx, [C.CALLBACK])  # a second resolution restarts the 48 hours
    _start(ctx, C.CALLBACK, started_at=ctx.at)


def _on_reopened(ctx: _Context) -> None:
    _cancel(ctx, [C.CALLBACK])
    for clock_type in (C.CLOSE, C.DAILY_UPDATE):
        _start(ctx, clock_type, started_at=ctx.at)


def _on_plan_rejected(ctx: _Context) -> None:
    """A plan sent back is no plan yet: the plan clock starts again, a full span from the rejection.

    The submission met the first clock (the desk did deliver a plan on time, or late); the
    project manager's "no" opens a new deadline for the next plan, which its submission meets.
    """
    if ctx.order.status in OPEN_STATUSES:
        _start(ctx, C.PLAN, started_at=ctx.at)


def _on_handed_over(ctx: _Context) -> None:
    raw = (ctx.event.data or {}).get("promise_due_at")
    if not raw:
        return
    promised = parse_datetime(str(raw)) if not isinstance(raw, datetime) else raw
    if promised is None:
        logger.warning("order %s: unreadable promise_due_at %r", ctx.order.pk, raw)
        return
    if is_naive(promised):
        promised = make_aware(promised)
    _cancel(ctx, [C.PROMISE])  # the newest promise is the one the resident holds us to
    due = max(promised, ctx.at)
    Clock.objects.create(order=ctx.order, type=C.PROMISE, started_at=ctx.at, due_at=due,
                         warn_at=clockmath.warn_at(started_at=ctx.at, due=due), duration=due - ctx.at)


def _on_resident_hears(ctx: _Context) -> None:
    """A note the resident sees is the progress report and restarts the daily update."""
    if getattr(ctx.event, "visibility", "") != Visibility.RESIDENT:
        return
    _meet(ctx, [C.PROGRESS, C.DAILY_UPDATE, C.PROMISE])
    if ctx.order.status in OPEN_STATUSES:
        _start(ctx, C.DAILY_UPDATE, started_at=ctx.at)


_HANDLERS: dict[str, Callable[[_Context], Any]] = {
    EventType.CREATED: _on_created,
    EventType.CLASSIFIED: _on_classified,
    EventType.RECLASSIFIED: _on_reclassified,
    # Talking to the resident (confirming, agreeing a visit, arriving) keeps a hand-over promise.
    EventType.ACKNOWLEDGED: lambda ctx: _meet(ctx, [C.ACKNOWLEDGE, C.PROMISE]),
    EventType.VISIT_AGREED: lambda ctx: _meet(ctx, [C.PROMISE]),
    EventType.ARRIVED: lambda ctx: _meet(ctx, [C.ON_SITE, C.PROMISE]),
    EventType.PLAN_SUBMITTED: lambda ctx: _meet(ctx, [C.PLAN]),
    EventType.PLAN_APPROVED: lambda ctx: _meet(ctx, [C.PLAN]),
    EventType.PLAN_REJECTED: _on_plan_rejected,
    EventType.PAUSED: _pause,
    EventType.INFO_REQUESTED: _pause,
    EventType.RESUMED: _resume,
    EventType.INFO_RECEIVED: _resume,
    EventType.RESOLVED: _on_resolved,
    EventType.CALLBACK: lambda ctx: _meet(ctx, [C.CALLBACK, C.PROMISE]),
    EventType.RATED: lambda ctx: _meet(ctx, [C.CALLBACK]),
    EventType.CLOSED: lambda ctx: _meet(ctx, ClockType.values),
    EventType.REOPENED: _on_reopened,
    EventType.HANDED_OVER: _on_handed_over,
    EventType.CANCELLED: _cancel,
    EventType.MERGED: _cancel,
    EventType.NOTE: _on_resident_hears,
    EventType.RESIDENT_UPDATE: _on_resident_hears,
}


def clocks_on_event(*, order: Any, event: Any) -> None:
    """Start, pause, resume, meet or cancel ``order``'s clocks for ``event``.

    Runs inside the caller's transaction (no atomic block of its own, so a failure here
    rolls back the event that caused it). Events with no bearing on deadlines do nothing.
    """
    handler = _HANDLERS.get(event.type)
    if handler is not None:
        handler(_Context(order, event))
