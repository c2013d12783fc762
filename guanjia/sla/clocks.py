"""Deadline arithmetic for one clock: due time, warning time, next escalation step."""

from datetime import datetime, timedelta

from .calendar import WorkCalendar, add_working_time, working_time_between
from .policies import sla_setting


def due_after(*, cal: WorkCalendar, start: datetime, amount: timedelta, working_time: bool) -> datetime:
    return add_working_time(cal, start, amount) if working_time else start + amount


def elapsed(*, cal: WorkCalendar, start: datetime, end: datetime, working_time: bool) -> timedelta:
    """Time that counts against a clock between two instants (desk time or wall time)."""
    if working_time:
        return working_time_between(cal, start, end)
    return max(end - start, timedelta(0))


def due_at(*, cal: WorkCalendar, started_at: datetime, duration: timedelta, paused_total: timedelta,
           working_time: bool) -> datetime:
    # Time spent paused is added to the allowance, so a pause moves the deadline by exactly the
    # desk time (or wall time) it lasted — a Friday-evening pause costs nothing over the weekend.
    return due_after(cal=cal, start=started_at, amount=duration + paused_total, working_time=working_time)


def warn_at(*, started_at: datetime, due: datetime) -> datetime:
    """Shortly before the deadline: a fraction of the wall-clock span, capped."""
    cap: timedelta = sla_setting("SLA_WARN_CAP")
    lead = min((due - started_at) * float(sla_setting("SLA_WARN_FRACTION")), cap)
    return due - max(lead, timedelta(0))


def next_escalation(*, cal: WorkCalendar, after: datetime, level: int, duration: timedelta,
                    working_time: bool) -> datetime | None:
    """When a late clock at ``level`` climbs to the next rung, or None at the top of the ladder."""
    ladder = tuple(sla_setting("SLA_LADDER"))
    step = level - 1  # level 1 is reached at the breach itself
    if step < 0 or step >= len(ladder):
        return None
    # The sweep runs once a minute: a shorter step could not be honoured anyway.
    wait = max(duration * float(ladder[step]), timedelta(minutes=1))
    return due_after(cal=cal, start=after, amount=wait, working_time=working_time)


def max_level() -> int:
    return 1 + len(tuple(sla_setting("SLA_LADDER")))
