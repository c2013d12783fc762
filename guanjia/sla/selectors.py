"""Reads: the working calendar, an order's clocks, and what is due soon or late (scoped)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.scoping import community_ids_for_user
from guanjia.notifications.language import Text, phrase
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
    # Not worded yet: the banner words it in the reader's language, the reminder in each
    # administrator's own (notifications.language).
    message: Text


def calendar_warnings(*, today: date | None = None) -> list[CalendarWarning]:
    """Banner-ready: the coming year has no holidays yet and starts within 60 days."""
    today = today or timezone.localdate()
    next_year = today.year + 1
    starts_in = (date(next_year, 1, 1) - today).days
    if starts_in > HOLIDAY_WARNING_DAYS or year_is_covered(next_year):
        return []
    message = phrase(_("The holidays and make-up working days of %(year)s have not been entered; deadlines "
                       "in %(year)s will count every weekday as a working day until they are."), year=next_year)
    return [CalendarWarning(year=next_year, starts_in_days=starts_in, message=message)]


def clocks_for_order(*, user: Any, order: WorkOrder) -> QuerySet[Clock]:
    if order.community_id not in community_ids_for_user(user=user):
        return Clock.objects.none()
    return Clock.objects.filter(order=order).order_by("started_at", "id")


def _scoped_orders(user: Any) -> QuerySet[WorkOrder]:
    return WorkOrder.objects.filter(community_id__in=community_ids_for_user(user=user))


def orders_due_soon(*, user: Any, within: timedelta = timedelta(hours=2), now: datetime | None = None,
                    among: QuerySet[WorkOrder] | None = None, limit: int | None = None) -> QuerySet[WorkOrder]:
    """Orders with a running clock due within ``within`` but not yet late, soonest first.

    ``among`` narrows the orders (a community, open ones only) and ``limit`` keeps the first few;
    both are applied to the clocks before any order is read (see ``_with_first_due``).
    """
    now = now or timezone.now()
    due = Q(state=ClockState.RUNNING, due_at__gt=now, due_at__lte=now + within)
    return _with_first_due(user, due, "next_due_at", among=among, limit=limit)


def orders_late(*, user: Any, now: datetime | None = None, among: QuerySet[WorkOrder] | None = None,
                limit: int | None = None) -> QuerySet[WorkOrder]:
    """Orders with a missed deadline still open: recorded breaches, or running past due.

    ``among`` and ``limit`` as for ``orders_due_soon``.
    """
    now = now or timezone.now()
    late = Q(state=ClockState.BREACHED) | Q(state=ClockState.RUNNING, due_at__lte=now)
    return _with_first_due(user, late, "late_since", among=among, limit=limit)


def _with_first_due(user: Any, condition: Q, name: str, *, among: QuerySet[WorkOrder] | None,
                    limit: int | None) -> QuerySet[WorkOrder]:
    """Orders with a clock matching ``condition``, annotated ``name`` with the earliest such due
    time, soonest first.

    The clocks are grouped first, narrow (order id, earliest due time), among the orders the user
    may see and ``among`` allows, then ordered and cut to ``limit``; only the orders kept are read,
    by primary key. PostgreSQL chooses which side of that one join drives — the running clocks'
    partial index for a window, or a community's open orders — and either way the work grows with
    the rows found, never with their square. The earlier shape (EXISTS plus a correlated MIN per
    order, ordered by the MIN) let PostgreSQL answer each order's MIN by walking
    ``clock_running_due_idx``, which it estimates at one row while its statistics predate a burst
    of new orders: every running clock of the window read again per order, 9-12 s for the board's
    due-soon list after 3,000 new orders at 1,000,000 (26-30 ms this way; ``bench``).
    """
    orders = _scoped_orders(user)
    if among is not None:
        orders = orders & among
    clocks = Clock.objects.filter(condition)
    firsts = (clocks.filter(order__in=orders).values("order_id").annotate(first=Min("due_at"))
              .order_by("first", "order_id"))
    if limit is not None:
        firsts = firsts[:limit]
    # The annotation, for the orders kept: the condition is the aggregate's FILTER, not the WHERE,
    # so an order's few clocks are found by its id alone (the order index), never by a walk of a
    # partial index. A count (the API) leaves it out.
    first = (Clock.objects.filter(order_id=OuterRef("pk")).order_by().values("order_id")
             .annotate(first=Min("due_at", filter=condition)).values("first"))
    return (WorkOrder.objects.filter(pk__in=firsts.values("order_id"))
            .annotate(**{name: Subquery(first)}).order_by(name, "id"))
