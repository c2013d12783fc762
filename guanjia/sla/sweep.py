"""The SLA sweep: warn before a deadline, record the breach, climb the escalation ladder (SLA-5).

Run every minute (Celery beat, or the scheduler inside ``guanjia serve``). Each step works in
batches, one transaction per batch, set by set rather than row by row:

1. claim: lock up to ``SWEEP_BATCH_SIZE`` due rows nobody else holds (``FOR UPDATE SKIP
   LOCKED`` through the partial indexes), then their work orders the same way — an order a
   desk is changing right now waits for the next run;
2. work out in Python what each row needs (level, next rung, words, recipients, resolved once
   per community) — a row whose arithmetic fails is logged and left as it was;
3. write: one conditional bulk UPDATE whose row count must equal the claim, one or two UPDATEs
   of the orders, one INSERT of events, one of notifications and deliveries (``notify_many``).

Two workers split the due rows between them and never tell anyone twice; a rerun finds nothing
left; a crash rolls a batch back whole and the next run does it. A batch that fails as a whole
(a database error no row check foresaw) is retried one row per transaction, so one bad row
cannot hold up the others.
"""

import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.notifications.language import Text, phrase
from guanjia.notifications.services import StaffMessage, notify_many
from guanjia.tickets.choices import OPEN_STATUSES, EventType
from guanjia.tickets.models import GroupCase, WorkOrder, WorkOrderEvent

from . import clocks as clockmath
from . import lock_objects, recipients
from .bulk import update_each
from .calendar import WorkCalendar
from .choices import ClockState, ClockType
from .models import Clock
from .selectors import calendar_overrides, working_calendar

if TYPE_CHECKING:  # django-stubs-ext is a development dependency, read by mypy only
    from django_stubs_ext import WithAnnotations

    class _ZoneManager(TypedDict):
        zone_manager_id: int | None

    # A clock as a sweep step claims it: with the manager of its order's zone (``_ClockStep.batch``).
    SweptClock = WithAnnotations[Clock, _ZoneManager]

logger = logging.getLogger(__name__)

# Rows per transaction. 500 keeps a batch's locks short (well under a second) and its
# statements small, while a thousand newly due clocks still take only two round trips.
SWEEP_BATCH_SIZE = 500
# Batches per step and run: 10,000 rows a minute clears the backlog of a long outage at the
# largest company within a few runs; the rest waits for the next minute, oldest first.
SWEEP_MAX_BATCHES = 20
# SLA-5: a group complaint of this many households goes to the project manager at once.
GROUP_CASE_HOUSEHOLDS = 20
PM, SUPERVISOR = recipients.PROJECT_MANAGER_LEVEL, recipients.SUPERVISOR_LEVEL
# What a batch reads of each clock and its order: only the columns it uses. Owners, assignees and
# zone managers are a few dozen people shared by hundreds of orders: loaded once by id instead.
_CLOCK_COLUMNS = ("order_id", "type", "state", "due_at", "duration", "working_time", "escalation_level",
                  "next_escalation_at", "warned_at", "breached_at", "order__uuid", "order__number",
                  "order__owner_id", "order__assignee_id", "order__media_sensitive", "order__escalation_level",
                  "order__community__company_id", "order__community__desk_hours",
                  "order__group_case__media_sensitive")


@dataclass
class SweepReport:
    warned: int = 0
    breached: int = 0
    escalated: int = 0
    sensitive: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class ClaimLost(Exception):
    """A claimed row changed before the write (SQLite, which has no row locks): redo row by row."""


@dataclass
class _Run:
    """What one sweep run looks up once and shares between its batches."""

    now: datetime
    overrides: dict[date, bool]
    directory: recipients.Directory = field(default_factory=recipients.Directory)
    calendars: dict[int, WorkCalendar] = field(default_factory=dict)

    @cached_property
    def words(self) -> dict[str, Text]:
        """The message templates, not worded yet: each message is worded in its recipients' languages
        when it is stored (``notify_many``), and each event's note in the sweep's own."""
        return {"due": _("%(clock)s due at %(due)s"), "approaching": _("Deadline approaching: %(number)s"),
                "was_due": _("%(clock)s was due at %(due)s"), "late": _("Late (level %(level)s): %(number)s"),
                "still_late": _("%(clock)s still late since %(due)s"),
                **{f"clock:{value}": label for value, label in ClockType.choices}}

    def labels(self, clock: Clock) -> dict[str, Text]:
        return {"number": clock.order.number, "clock": self.words.get(f"clock:{clock.type}", clock.type),
                "due": clock.due_at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")}

    @cached_property
    def zone(self) -> tzinfo:
        return timezone.get_current_timezone()

    @cached_property
    def link_pattern(self) -> str:
        return _link_pattern()

    def link(self, order: WorkOrder) -> str:
        """The order's console page: one ``reverse`` per run, then a string replacement per order."""
        return self.link_pattern.replace(str(_SAMPLE_UUID), str(order.uuid))

    def calendar(self, community: Any) -> WorkCalendar:
        if community.pk not in self.calendars:
            self.calendars[community.pk] = working_calendar(community=community, overrides=self.overrides)
        return self.calendars[community.pk]


@dataclass
class _Batch:
    """One batch's outcome: rows looked at, rows done, rows left for the next run."""

    seen: int = 0
    done: int = 0
    leave: set[int] = field(default_factory=set)
    failures: list[tuple[int, str]] = field(default_factory=list)

    def fail(self, pk: int, error: Exception, what: str) -> None:
        logger.error("SLA sweep: %s failed for id %s: %r", what, pk, error, exc_info=error)
        self.failures.append((pk, repr(error)))
        self.leave.add(pk)


@dataclass
class _Writes:
    """Events and messages of one batch, written in one INSERT each."""

    now: datetime
    events: list[WorkOrderEvent] = field(default_factory=list)
    messages: list[StaffMessage] = field(default_factory=list)

    def flush(self) -> None:
        WorkOrderEvent.objects.bulk_create(self.events, batch_size=1000)
        notify_many(messages=self.messages)


def _event(order: WorkOrder, type: str, now: datetime, note: Text, **data: object) -> WorkOrderEvent:
    # The timeline's note is worded once, in the sweep's language; only the messages follow their readers'.
    return WorkOrderEvent(order=order, type=type, at=now, note=str(note), data=data)


_SAMPLE_UUID = uuid.UUID(int=0)


def _link_pattern() -> str:
    # The console owns the page; a message without a link is better than no message.
    try:
        return reverse("console:order", kwargs={"uuid": _SAMPLE_UUID})
    except NoReverseMatch:
        return ""


def _households(group_case_ids: Iterable[int | None]) -> dict[int, int]:
    """Distinct rooms among each group case's orders, for all the batch's group cases at once."""
    ids = {pk for pk in group_case_ids if pk is not None}
    if not ids:
        return {}
    rows = (WorkOrder.objects.filter(group_case_id__in=ids, room__isnull=False).order_by()
            .values("group_case_id").annotate(n=Count("room_id", distinct=True)).values_list("group_case_id", "n"))
    return dict(rows)


def _is_sensitive(order: WorkOrder, households: dict[int, int]) -> bool:
    """Media-sensitive, or part of a group case of 20+ households: the project manager at once."""
    group = order.group_case
    if order.media_sensitive or (group is not None and group.media_sensitive):
        return True
    return group is not None and households.get(group.pk, 0) >= GROUP_CASE_HOUSEHOLDS


def _escalation(run: _Run, clock: "SweptClock", level: int, note: Text) -> tuple[WorkOrderEvent, StaffMessage]:
    people = run.directory.for_level(clock.order, level, clock.zone_manager_id)
    event = _event(clock.order, EventType.ESCALATED, run.now, note, clock=clock.type, clock_id=clock.pk,
                   level=level, to=[user.pk for user in people])
    title = phrase(run.words["late"], level=level, number=clock.order.number)
    return event, StaffMessage(recipients=people, title=title, body=note, link=run.link(clock.order),
                               order=clock.order, kind="sla_escalation")


def _write(claimable: QuerySet[Any], rows: list[Any], fields: list[str]) -> None:
    """The claim: every row must still match ``claimable``, or the whole batch is rolled back."""
    if update_each(claimable, rows, fields) != len(rows):
        raise ClaimLost


def _raise_orders(clocks: Sequence[Clock]) -> None:
    """The order's own level is the highest any of its clocks reached."""
    for level in sorted({clock.escalation_level for clock in clocks}):
        ids = [clock.order_id for clock in clocks if clock.escalation_level == level]
        WorkOrder.objects.filter(pk__in=ids, escalation_level__lt=level).update(escalation_level=level)


def _warn(run: _Run, claimable: QuerySet[Clock], clocks: list["SweptClock"], batch: _Batch) -> None:
    writes, done = _Writes(run.now), []
    for clock in clocks:
        try:
            labels = run.labels(clock)
            note = phrase(run.words["due"], **labels)
            message = StaffMessage(recipients=run.directory.order_people(clock.order, clock.zone_manager_id), body=note,
                                   title=phrase(run.words["approaching"], **labels),
                                   link=run.link(clock.order), order=clock.order, kind="sla_warning")
        except Exception as error:  # one bad row is left for the next run, the rest go on
            batch.fail(clock.pk, error, "warning")
            continue
        clock.warned_at = run.now
        writes.events.append(_event(clock.order, EventType.DEADLINE_WARNING, run.now, note, clock=clock.type,
                                    clock_id=clock.pk))
        writes.messages.append(message)
        done.append(clock)
    _write(claimable, done, ["warned_at"])
    writes.flush()
    batch.done = len(done)


def _breach(run: _Run, claimable: QuerySet[Clock], clocks: list["SweptClock"], batch: _Batch) -> None:
    writes, done = _Writes(run.now), []
    households = _households(clock.order.group_case_id for clock in clocks)
    for clock in clocks:
        try:
            level = PM if _is_sensitive(clock.order, households) else SUPERVISOR
            following = clockmath.next_escalation(cal=run.calendar(clock.order.community), after=clock.due_at,
                                                  level=level, duration=clock.duration,
                                                  working_time=clock.working_time)
            note = phrase(run.words["was_due"], **run.labels(clock))
            escalated, message = _escalation(run, clock, level, note)
        except Exception as error:  # e.g. a corrupt duration overflowing the ladder arithmetic
            batch.fail(clock.pk, error, "breach")
            continue
        clock.state, clock.breached_at = ClockState.BREACHED, run.now
        clock.escalation_level, clock.next_escalation_at = level, following
        writes.events += [_event(clock.order, EventType.DEADLINE_BREACHED, run.now, note, clock=clock.type,
                                 clock_id=clock.pk, due_at=clock.due_at.isoformat()), escalated]
        writes.messages.append(message)
        done.append(clock)
    _write(claimable, done, ["state", "breached_at", "escalation_level", "next_escalation_at"])
    _raise_orders(done)
    writes.flush()
    batch.done = len(done)


def _climb(run: _Run, claimable: QuerySet[Clock], clocks: list["SweptClock"], batch: _Batch) -> None:
    writes, done = _Writes(run.now), []
    for clock in clocks:
        try:
            level = clock.escalation_level + 1
            following = clockmath.next_escalation(cal=run.calendar(clock.order.community),
                                                  after=clock.next_escalation_at or run.now, level=level,
                                                  duration=clock.duration, working_time=clock.working_time)
            escalated, message = _escalation(run, clock, level,
                                             phrase(run.words["still_late"], **run.labels(clock)))
        except Exception as error:
            batch.fail(clock.pk, error, "escalation")
            continue
        clock.escalation_level, clock.next_escalation_at = level, following
        writes.events.append(escalated)
        writes.messages.append(message)
        done.append(clock)
    _write(claimable, done, ["escalation_level", "next_escalation_at"])
    _raise_orders(done)
    writes.flush()
    batch.done = len(done)


@dataclass(frozen=True)
class _ClockStep:
    counter: str  # the SweepReport field it adds to
    candidates: Callable[[datetime], QuerySet[Clock]]  # each answered by one partial index
    order_by: str
    act: Callable[[_Run, QuerySet[Clock], list["SweptClock"], _Batch], None]

    def peek(self, run: _Run, leave: set[int]) -> list[int]:
        return list(self.candidates(run.now).exclude(pk__in=leave).order_by(self.order_by, "pk")
                    .values_list("pk", flat=True)[:SWEEP_BATCH_SIZE])

    def batch(self, run: _Run, leave: set[int], only: int | None) -> _Batch:
        claimable = self.candidates(run.now)
        scope = claimable.filter(pk=only) if only is not None else claimable.exclude(pk__in=leave)
        locked = lock_objects.lock_due_clocks(candidates=scope, order_by=self.order_by, limit=SWEEP_BATCH_SIZE)
        free = lock_objects.lock_free_orders(ids={order_id for _, order_id in locked})
        batch = _Batch(seen=len(locked), leave={pk for pk, order_id in locked if order_id not in free})
        clocks = list(Clock.objects.filter(pk__in=[pk for pk, order_id in locked if order_id in free])
                      .select_related("order__community", "order__group_case").only(*_CLOCK_COLUMNS)
                      .annotate(zone_manager_id=F("order__room__unit__building__zone__manager_id"))
                      .order_by(self.order_by, "pk"))
        if clocks:
            run.directory.load({clock.order.community for clock in clocks})
            run.directory.load_users(user_id for clock in clocks for user_id in (
                clock.order.owner_id, clock.order.assignee_id, clock.zone_manager_id))
            self.act(run, claimable, clocks, batch)
        return batch


def _running(now: datetime) -> QuerySet[Clock]:
    return Clock.objects.filter(state=ClockState.RUNNING)


_STEPS = (
    _ClockStep("warned", lambda now: _running(now).filter(warned_at__isnull=True, warn_at__lte=now, due_at__gt=now),
               "warn_at", _warn),
    _ClockStep("breached", lambda now: _running(now).filter(due_at__lte=now), "due_at", _breach),
    _ClockStep("escalated", lambda now: Clock.objects.filter(state=ClockState.BREACHED,
                                                             next_escalation_at__lte=now),
               "next_escalation_at", _climb),
)


def _sensitive_candidates(*, leave: set[int], limit: int) -> list[int]:
    """The oldest open orders the project manager must hear of now, as ids.

    Two narrow questions merged here, not one with an OR: PostgreSQL could answer the OR only by
    walking every order by creation time (0.7 s a sweep at 1,000,000 orders, every minute), while
    each half has an index: the few media-sensitive orders, and the orders of flagged group cases.
    """
    waiting = WorkOrder.objects.filter(status__in=OPEN_STATUSES, escalation_level__lt=PM).exclude(pk__in=leave)
    # Households are counted only for group cases with an order still waiting, not for every
    # group case ever opened: the count reads those groups' orders through the group_case index.
    big = (GroupCase.objects.filter(pk__in=waiting.filter(group_case__isnull=False).values("group_case_id"))
           .annotate(households=Count("work_orders__room", distinct=True))
           .filter(households__gte=GROUP_CASE_HOUSEHOLDS).values("pk"))
    flagged = GroupCase.objects.filter(Q(media_sensitive=True) | Q(pk__in=big)).values("pk")
    found: set[tuple[datetime, int]] = set()
    for orders in (waiting.filter(media_sensitive=True), waiting.filter(group_case__in=flagged)):
        found.update(orders.order_by("created_at", "pk").values_list("created_at", "pk")[:limit])
    return [pk for _created, pk in sorted(found)[:limit]]


def _sensitive_note(order: WorkOrder, households: dict[int, int]) -> Text:
    group = order.group_case
    if group is not None and not order.media_sensitive and not group.media_sensitive:
        return phrase(_("Group case “%(title)s”: %(households)s households"), title=group.title,
                      households=households.get(group.pk, 0))
    return _("Media-sensitive case")


class _SensitiveStep:
    """Send media-sensitive orders, and group cases of 20+ households, to the project manager now."""

    counter = "sensitive"

    def peek(self, run: _Run, leave: set[int]) -> list[int]:
        return _sensitive_candidates(leave=leave, limit=SWEEP_BATCH_SIZE)

    def batch(self, run: _Run, leave: set[int], only: int | None) -> _Batch:
        ids = [only] if only is not None else self.peek(run, leave)
        claimable = WorkOrder.objects.filter(status__in=OPEN_STATUSES, escalation_level__lt=PM)
        free = lock_objects.lock_free_orders(ids=ids, candidates=claimable)
        batch = _Batch(seen=len(ids), leave=set(ids) - free)
        orders = list(WorkOrder.objects.filter(pk__in=free).select_related("community", "group_case")
                      .order_by("created_at", "pk"))
        groups = {order.group_case_id for order in orders if order.group_case_id}
        # One message per group case, not one per household: whoever holds the group speaks for all.
        lock_objects.lock_group_cases(ids=groups)
        told = set(WorkOrder.objects.filter(group_case_id__in=groups, escalation_level__gte=PM)
                   .exclude(pk__in=free).values_list("group_case_id", flat=True))
        households = _households(groups)
        run.directory.load({order.community for order in orders})
        writes, done = _Writes(run.now), []
        for order in orders:
            try:
                note, people = _sensitive_note(order, households), run.directory.project_managers(order)
            except Exception as error:
                batch.fail(order.pk, error, "sensitive case")
                continue
            order.escalation_level = PM
            writes.events.append(_event(order, EventType.ESCALATED, run.now, note, level=PM,
                                        to=[user.pk for user in people]))
            if order.group_case_id not in told:
                writes.messages.append(StaffMessage(
                    recipients=people, title=phrase(_("To the project manager: %(number)s"), number=order.number),
                    body=note, link=run.link(order), order=order, kind="sla_escalation"))
                if order.group_case_id is not None:
                    told.add(order.group_case_id)
            done.append(order)
        if claimable.filter(pk__in=[order.pk for order in done]).update(escalation_level=PM) != len(done):
            raise ClaimLost
        writes.flush()
        batch.done = len(done)
        return batch


def _one_by_one(run: _Run, step: Any, ids: list[int]) -> _Batch:
    total = _Batch(seen=len(ids))
    for pk in ids:
        try:
            with transaction.atomic():
                one = step.batch(run, set(), pk)
        except Exception as error:  # one bad row must not stop the sweep for everyone else
            total.fail(pk, error, step.counter)
            continue
        total.done += one.done
        total.leave |= one.leave
        total.failures += one.failures
    return total


def _run_step(run: _Run, step: Any, report: SweepReport) -> None:
    leave: set[int] = set()  # rows this run will not retry: failed, or their order was busy
    for _batch_number in range(SWEEP_MAX_BATCHES):
        try:
            with transaction.atomic():
                batch = step.batch(run, leave, None)
        except Exception:
            logger.exception("SLA sweep: a %s batch failed; retrying its rows one by one", step.counter)
            batch = _one_by_one(run, step, step.peek(run, leave))
        setattr(report, step.counter, getattr(report, step.counter) + batch.done)
        report.failed += len(batch.failures)
        report.errors += [f"{step.counter} {pk}: {error}" for pk, error in batch.failures]
        leave |= batch.leave
        if batch.seen < SWEEP_BATCH_SIZE:
            return


def sweep(*, now: datetime | None = None) -> SweepReport:
    """One step of the sweep at ``now``: warnings, breaches, ladder climbs, sensitive cases."""
    run = _Run(now=now or timezone.now(), overrides=calendar_overrides())
    report = SweepReport()
    for step in (*_STEPS, _SensitiveStep()):
        _run_step(run, step, report)
    return report
