"""Working time: the community's desk hours on the official Chinese working days.

Pure functions, no database: the caller builds a ``WorkCalendar`` (``selectors.working_calendar``
loads the administrators' entries). All arithmetic is in Asia/Shanghai local time.

Which days are working days, in order of precedence:
1. a day an administrator entered (``CalendarDay``): holidays and make-up working days (调休);
2. the ``chinese_calendar`` package, which knows the years already announced (up to 2026 in 1.11);
3. plain weekends for any other year — a calendar gap must slow nobody down with an error.
"""

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar

logger = logging.getLogger(__name__)

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEFAULT_WINDOWS: tuple[tuple[int, int], ...] = ((8 * 60 + 30, 12 * 60), (13 * 60 + 30, 17 * 60 + 30))
# A search for the next working minute gives up after ten years: only a calendar with no
# working day at all gets that far, and then the start itself is the best answer we have.
MAX_DAYS_SCANNED = 3660


@dataclass(frozen=True)
class WorkCalendar:
    """Desk windows as minutes since midnight, plus the administrators' day overrides."""

    windows: tuple[tuple[int, int], ...] = DEFAULT_WINDOWS
    overrides: Mapping[date, bool] = field(default_factory=dict)

    @property
    def minutes_per_day(self) -> int:
        return sum(end - start for start, end in self.windows)


def _parse_hhmm(value: str) -> int:
    hours, minutes = str(value).strip().split(":")
    result = int(hours) * 60 + int(minutes)
    if not 0 <= result <= 24 * 60 or not 0 <= int(minutes) < 60:
        raise ValueError(value)
    return result


def parse_desk_hours(desk_hours: object) -> tuple[tuple[int, int], ...]:
    """``[["08:30", "12:00"], ["13:30", "17:30"]]`` → minute windows; bad input → the default.

    Desk hours are typed in by administrators: a typo must not stop every clock, so it is
    logged and the standard office day is used instead.
    """
    try:
        # Whatever was stored: anything but pairs of strings raises TypeError or ValueError, handled below.
        windows = sorted((_parse_hhmm(start), _parse_hhmm(end)) for start, end in desk_hours)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        logger.warning("unreadable desk hours %r; using the default office day", desk_hours)
        return DEFAULT_WINDOWS
    if not windows or any(start >= end for start, end in windows) or any(
            windows[i][1] > windows[i + 1][0] for i in range(len(windows) - 1)):
        logger.warning("desk hours %r are empty or overlap; using the default office day", desk_hours)
        return DEFAULT_WINDOWS
    return tuple(windows)


# The years ``chinese_calendar`` carries official data for: the same bounds it checks itself before
# answering, read once instead of provoking its error for every day of an uncovered year.
_KNOWN_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)


def package_knows(day: date) -> bool:
    """Whether ``chinese_calendar`` has the official data for ``day``'s year."""
    return day.year in _KNOWN_YEARS


def is_working_day(day: date, overrides: Mapping[date, bool] | None = None) -> bool:
    if overrides and day in overrides:
        return overrides[day]
    if package_knows(day):
        return bool(chinese_calendar.is_workday(day))
    # No official data for this year yet: weekdays count until an administrator imports the year's
    # holidays (`guanjia holidays import`), which the overrides above then carry.
    return day.weekday() < 5


def _local(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("working-time arithmetic needs an aware datetime")
    return instant.astimezone(SHANGHAI)


def _windows_on(cal: WorkCalendar, day: date) -> Iterator[tuple[datetime, datetime]]:
    if not is_working_day(day, cal.overrides):
        return
    midnight = datetime.combine(day, time(0), tzinfo=SHANGHAI)
    for start, end in cal.windows:
        yield midnight + timedelta(minutes=start), midnight + timedelta(minutes=end)


def add_working_time(cal: WorkCalendar, start: datetime, amount: timedelta) -> datetime:
    """The instant ``amount`` of desk time after ``start``.

    Outside desk hours the count starts at the next opening, so adding zero moves a Saturday
    evening to Monday's (or the make-up Sunday's) first window.
    """
    cursor = _local(start)
    remaining = max(amount, timedelta(0))
    day = cursor.date()
    for _ in range(MAX_DAYS_SCANNED):
        for window_start, window_end in _windows_on(cal, day):
            cursor = max(cursor, window_start)
            if cursor >= window_end:
                continue
            available = window_end - cursor
            if remaining <= available:
                return cursor + remaining
            remaining -= available
        day += timedelta(days=1)
    logger.error("no working day within %s days of %s", MAX_DAYS_SCANNED, start)
    return _local(start)


def add_working_minutes(cal: WorkCalendar, start: datetime, minutes: float) -> datetime:
    return add_working_time(cal, start, timedelta(minutes=minutes))


def add_working_hours(cal: WorkCalendar, start: datetime, hours: float) -> datetime:
    return add_working_time(cal, start, timedelta(hours=hours))


def add_working_days(cal: WorkCalendar, start: datetime, days: float) -> datetime:
    """``days`` full desk days later: received Monday 10:00, two working days → Wednesday 10:00."""
    return add_working_time(cal, start, timedelta(minutes=days * cal.minutes_per_day))


def working_time_between(cal: WorkCalendar, start: datetime, end: datetime) -> timedelta:
    """Desk time elapsed from ``start`` to ``end`` (zero when ``end`` is not after ``start``)."""
    start, end = _local(start), _local(end)
    total = timedelta(0)
    day = start.date()
    while day <= end.date():
        for window_start, window_end in _windows_on(cal, day):
            overlap = min(end, window_end) - max(start, window_start)
            if overlap > timedelta(0):
                total += overlap
        day += timedelta(days=1)
    return total

