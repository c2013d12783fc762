"""The SLA sweep: warn before a deadline, record the breach, climb the escalation ladder (SLA-5).

Run every minute (Celery beat, or the scheduler inside ``guanjia serve``). Every step selects
candidate ids through a partial index, then claims each row with a conditional UPDATE and
acts only if it changed exactly one row — so two workers, a rerun or a clock met a second
earlier never produce a second warning or escalation. Each row is its own transaction: an
error on one order is logged and the sweep carries on with the rest.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guanjia.notifications.services import notify
from guanjia.tickets.choices import OPEN_STATUSES, EventType
from guanjia.tickets.models import GroupCase, WorkOrder, WorkOrderEvent

from . import clocks as clockmath
from . import recipients
from .choices import ClockState
from .models import Clock
from .selectors import calendar_overrides, working_calendar

logger = logging.getLogger(__name__)

# Rows claimed per step per run. A minute's sweep finishes well inside the minute even after an
# outage left thousands late; the rest are picked up on the next runs, oldest deadline first.
SWEEP_BATCH_SIZE = 200
# SLA-5: a group complaint of this many households goes to the project manager at once.
GROUP_CASE_HOUSEHOLDS = 20


@dataclass
class SweepReport:
    warned: int = 0
    breached: int = 0
    escalated: int = 0
    sensitive: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def _each(ids: list[int], action: Callable[[int], bool], report: SweepReport, counter: str) -> None:
    for pk in ids:
        try:
            with transaction.atomic():
                done = action(pk)
        except Exception as error:  # one bad row must not stop the sweep for everyone else
            logger.exception("SLA sweep: %s failed for id %s", counter, pk)
            report.failed += 1
            report.errors.append(f"{counter} {pk}: {error!r}")
            continue
        if done:
            setattr(report, counter, getattr(report, counter) + 1)


def _load(pk: int) -> Clock:
    return Clock.objects.select_related(
        "order__community", "order__owner", "order__assignee", "order__room__unit__building__zone__manager",
        "order__group_case").get(pk=pk)


def _event(order: WorkOrder, type: str, now: datetime, note: str, **data: object) -> None:
    WorkOrderEvent.objects.create(order=order, type=type, at=now, note=note, data=data)


def order_link(order: WorkOrder) -> str:
    # The console owns the page; a message without a link is better than no message.
    try:
        return reverse("console:order", kwargs={"uuid": order.uuid})
    except NoReverseMatch:
        return ""


def _labels(clock: Clock) -> dict[str, str]:
    return {"number": clock.order.number, "clock": str(clock.get_type_display()),
            "due": timezone.localtime(clock.due_at).strftime("%Y-%m-%d %H:%M")}


def warn_one(pk: int, now: datetime) -> bool:
    claimed = Clock.objects.filter(pk=pk, state=ClockState.RUNNING, warned_at__isnull=True).update(warned_at=now)
    if not claimed:
        return False
    clock = _load(pk)
    labels = _labels(clock)
    note = _("%(clock)s due at %(due)s") % labels
    _event(clock.order, EventType.DEADLINE_WARNING, now, note, clock=clock.type, clock_id=pk)
    notify(recipients=recipients.order_people(clock.order), title=_("Deadline approaching: %(number)s") % labels,
           body=note, link=order_link(clock.order), order=clock.order, kind="sla_warning")
    return True


def is_sensitive(order: WorkOrder) -> bool:
    """Media-sensitive, or part of a group case of 20+ households: the project manager at once."""
    group = order.group_case
    if order.media_sensitive or (group is not None and group.media_sensitive):
        return True
    return group is not None and group_households(group.pk) >= GROUP_CASE_HOUSEHOLDS


def group_households(group_case_id: int) -> int:
    return (WorkOrder.objects.filter(group_case_id=group_case_id, room__isnull=False)
            .values("room_id").distinct().count())


def _raise_order(order: WorkOrder, level: int) -> None:
    WorkOrder.objects.filter(pk=order.pk, escalation_level__lt=level).update(escalation_level=level)


def breach_one(pk: int, now: datetime) -> bool:
    clock = _load(pk)
    order = clock.order
    level = recipients.PROJECT_MANAGER_LEVEL if is_sensitive(order) else recipients.SUPERVISOR_LEVEL
    cal = working_calendar(community=order.community, overrides=calendar_overrides())
    following = clockmath.next_escalation(cal=cal, after=clock.due_at, level=level, duration=clock.duration,
                                          working_time=clock.working_time)
    claimed = Clock.objects.filter(pk=pk, state=ClockState.RUNNING, due_at__lte=now).update(
        state=ClockState.BREACHED, breached_at=now, escalation_level=level, next_escalation_at=following)
    if not claimed:
        return False
    _raise_order(order, level)
    labels = _labels(clock)
    note = _("%(clock)s was due at %(due)s") % labels
    _event(order, EventType.DEADLINE_BREACHED, now, note, clock=clock.type, clock_id=pk,
           due_at=clock.due_at.isoformat())
    _escalate(clock, level, now, note)
    return True


def _escalate(clock: Clock, level: int, now: datetime, note: str) -> None:
    people = recipients.for_level(clock.order, level)
    _event(clock.order, EventType.ESCALATED, now, note, clock=clock.type, clock_id=clock.pk, level=level,
           to=[user.pk for user in people])
    title = _("Late (level %(level)s): %(number)s") % {"level": level, "number": clock.order.number}
    notify(recipients=people, title=title, body=note, link=order_link(clock.order), order=clock.order,
           kind="sla_escalation")


def climb_one(pk: int, now: datetime) -> bool:
    clock = _load(pk)
    level = clock.escalation_level + 1
    cal = working_calendar(community=clock.order.community, overrides=calendar_overrides())
    following = clockmath.next_escalation(cal=cal, after=clock.next_escalation_at or now, level=level,
                                          duration=clock.duration, working_time=clock.working_time)
    claimed = Clock.objects.filter(pk=pk, state=ClockState.BREACHED, escalation_level=clock.escalation_level,
                                   next_escalation_at__lte=now).update(escalation_level=level,
                                                                        next_escalation_at=following)
    if not claimed:
        return False
    _raise_order(clock.order, level)
    _escalate(clock, level, now, _("%(clock)s still late since %(due)s") % _labels(clock))
    return True


def sensitive_one(pk: int, now: datetime) -> bool:
    """Send a media-sensitive order, or a 20+ household group case, to the project manager now."""
    order = WorkOrder.objects.select_related("community", "group_case").get(pk=pk)
    level = recipients.PROJECT_MANAGER_LEVEL
    claimed = WorkOrder.objects.filter(pk=pk, escalation_level=order.escalation_level).update(escalation_level=level)
    if not claimed:
        return False
    group = order.group_case
    if group is not None and not order.media_sensitive and not group.media_sensitive:
        note = _("Group case “%(title)s”: %(households)s households") % {
            "title": group.title, "households": group_households(group.pk)}
    else:
        note = _("Media-sensitive case")
    people = recipients.project_managers(order)
    _event(order, EventType.ESCALATED, now, note, level=level, to=[user.pk for user in people])
    # One message per group case, not one per household: the first order claimed speaks for all.
    already_told = group is not None and WorkOrder.objects.filter(
        group_case=group, escalation_level__gte=level).exclude(pk=pk).exists()
    if not already_told:
        notify(recipients=people, title=_("To the project manager: %(number)s") % {"number": order.number},
               body=note, link=order_link(order), order=order, kind="sla_escalation")
    return True


def _sensitive_ids() -> list[int]:
    big = (GroupCase.objects.annotate(households=Count("work_orders__room", distinct=True))
           .filter(households__gte=GROUP_CASE_HOUSEHOLDS).values("pk"))
    return list(WorkOrder.objects.filter(
        Q(media_sensitive=True) | Q(group_case__media_sensitive=True) | Q(group_case__in=big),
        status__in=OPEN_STATUSES, escalation_level__lt=recipients.PROJECT_MANAGER_LEVEL,
    ).order_by("created_at", "pk").values_list("pk", flat=True)[:SWEEP_BATCH_SIZE])


def sweep(*, now: datetime | None = None) -> SweepReport:
    """One step of the sweep at ``now``: warnings, breaches, ladder climbs, sensitive cases."""
    now = now or timezone.now()
    report = SweepReport()
    running = Clock.objects.filter(state=ClockState.RUNNING)
    warn_ids = list(running.filter(warned_at__isnull=True, warn_at__lte=now, due_at__gt=now)
                    .order_by("warn_at").values_list("pk", flat=True)[:SWEEP_BATCH_SIZE])
    _each(warn_ids, lambda pk: warn_one(pk, now), report, "warned")
    breach_ids = list(running.filter(due_at__lte=now).order_by("due_at").values_list("pk", flat=True)[:SWEEP_BATCH_SIZE])
    _each(breach_ids, lambda pk: breach_one(pk, now), report, "breached")
    climb_ids = list(Clock.objects.filter(state=ClockState.BREACHED, next_escalation_at__lte=now)
                     .order_by("next_escalation_at").values_list("pk", flat=True)[:SWEEP_BATCH_SIZE])
    _each(climb_ids, lambda pk: climb_one(pk, now), report, "escalated")
    _each(_sensitive_ids(), lambda pk: sensitive_one(pk, now), report, "sensitive")
    return report
