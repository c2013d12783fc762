"""Reads: the working calendar, an order's clocks, and what is due soon or late (scoped)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.scoping import community_ids_for_user
from guanjia.tickets.models import WorkOrder

from .calendar import WorkCalendar, package_knows, parse_desk_hours
from .choices import ClockState
from .models import CalendarDay, Clock

# Administrators are warned this long before a year starts without its holidays.
HOLIDAY_WARNING_DAYS = 60


def calendar_overrides() -> dict[date, bool]:
    # A few dozen rows a year: cheaper to load whole than to guess the range a clock spans.
    return dict(CalendarDay.objects.values_list("date", "is_working_day"))


def working_calendar(*, community: Any, overrides: dict[date, bool] | None = None) -> WorkCalendar:
    return WorkCalendar(windows=parse_desk_hours(community.desk_hours),
                        overrides=calendar_overrides() if overrides is None else overrides)


def year_is_covered(year: int) -> bool:
    """Administrators entered days for ``year``, or the package knows it."""
    return package_knows(date(year, 1, 1)) or CalendarDay.objects.filter(date__year=year).exists()


@dataclass(frozen=True)
class CalendarWarning:
    year: int
    starts_in_days: int
    message: str


def calendar_warnings(*, today: date | None = None) -> list[CalendarWarning]:
    """Banner-ready: the coming year has no holidays yet and starts within 60 days."""
    today = today or timezone.localdate()
    next_year = today.year + 1
    starts_in = (date(next_year, 1, 1) - today).days
    if starts_in > HOLIDAY_WARNING_DAYS or year_is_covered(next_year):
        return []
    message = _("The holidays and make-up working days of %(year)s have not been entered; deadlines "
                "in %(year)s will count every weekday as a working day until they are.") % {"year": next_year}
    return [CalendarWarning(year=next_year, starts_in_days=starts_in, message=str(message))]


def clocks_for_order(*, user: Any, order: WorkOrder) -> QuerySet[Clock]:
    if order.community_id not in community_ids_for_user(user=user):
        return Clock.objects.none()
    return Clock.objects.filter(order=order).order_by("started_at", "id")


def _scoped_orders(user: Any) -> QuerySet[WorkOrder]:
    return WorkOrder.objects.filter(community_id__in=community_ids_for_user(user=user))


def orders_due_soon(*, user: Any, within: timedelta = timedelta(hours=2),
                    now: datetime | None = None) -> QuerySet[WorkOrder]:
    """Orders with a running clock due within ``within`` but not yet late, soonest first."""
    now = now or timezone.now()
    due = Q(state=ClockState.RUNNING, due_at__gt=now, due_at__lte=now + within)
    return _with_first_due(user, due, "next_due_at").order_by("next_due_at", "id")


def orders_late(*, user: Any, now: datetime | None = None) -> QuerySet[WorkOrder]:
    """Orders with a missed deadline still open: recorded breaches, or running past due."""
    now = now or timezone.now()
    late = Q(state=ClockState.BREACHED) | Q(state=ClockState.RUNNING, due_at__lte=now)
    return _with_first_due(user, late, "late_since").order_by("late_since", "id")


def _with_first_due(user: Any, condition: Q, name: str) -> QuerySet[WorkOrder]:
    """Orders with a clock matching ``condition``, annotated with the earliest such due time.

    EXISTS and a correlated MIN are index lookups per order. Joining the clocks and grouping
    instead made PostgreSQL group whole order rows (with the community, room and people the
    board selects beside them): most of the supervisor's board time.
    """
    clocks = Clock.objects.filter(condition, order_id=OuterRef("pk"))
    first = clocks.order_by().values("order_id").annotate(first=Min("due_at")).values("first")
    return _scoped_orders(user).filter(Exists(clocks)).annotate(**{name: Subquery(first)})
