"""The work-order state machine: ONE table of allowed moves and ONE service that makes them.

Every status change in Guanjia goes through ``workorder_transition``; it writes the event
that records the change (and so starts or stops the SLA clocks) in the same transaction.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.core.errors import Conflict
from guanjia.core.models import Photo

from ..choices import FINISHED_STATUSES, Status, Visibility
from ..events import event_append
from ..models import WorkOrder, WorkOrderEvent

S = Status
# From each status, the statuses an order may move to. Anything else is refused (409).
TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.WAITING_INFO, S.ACKNOWLEDGED, S.DISPATCHED, S.ON_HOLD, S.RESOLVED, S.CANCELLED,
                      S.MERGED}),
    # Questions answered: back to new (nobody confirmed it yet) or acknowledged.
    S.WAITING_INFO: frozenset({S.NEW, S.ACKNOWLEDGED, S.CANCELLED, S.MERGED}),
    S.ACKNOWLEDGED: frozenset({S.WAITING_INFO, S.DISPATCHED, S.ON_HOLD, S.RESOLVED, S.CANCELLED, S.MERGED}),
    # Dispatched → dispatched is a re-dispatch to someone else before anyone accepted.
    S.DISPATCHED: frozenset({S.DISPATCHED, S.ACCEPTED, S.ON_HOLD, S.RESOLVED, S.CANCELLED, S.MERGED}),
    S.ACCEPTED: frozenset({S.DISPATCHED, S.EN_ROUTE, S.ON_SITE, S.ON_HOLD, S.RESOLVED, S.CANCELLED}),
    S.EN_ROUTE: frozenset({S.DISPATCHED, S.ON_SITE, S.ON_HOLD, S.CANCELLED}),
    S.ON_SITE: frozenset({S.DISPATCHED, S.ON_HOLD, S.RESOLVED}),
    # Resuming returns to where the order was paused.
    S.ON_HOLD: frozenset({S.NEW, S.ACKNOWLEDGED, S.DISPATCHED, S.ACCEPTED, S.EN_ROUTE, S.ON_SITE,
                          S.CANCELLED}),
    # Closed by the rating or the callback; reopened (to acknowledged) when the fix did not hold.
    S.RESOLVED: frozenset({S.CLOSED, S.ACKNOWLEDGED}),
    S.CLOSED: frozenset({S.ACKNOWLEDGED}),
    S.CANCELLED: frozenset(),
    S.MERGED: frozenset(),
}

# The timestamp column each status fills the first time the order reaches it.
_REACHED_AT: dict[str, str] = {S.ACKNOWLEDGED: "acknowledged_at", S.ON_SITE: "on_site_at", S.RESOLVED: "resolved_at",
               S.CLOSED: "closed_at"}


def transition_allowed(*, current: str, to: str) -> bool:
    return to in TRANSITIONS.get(current, frozenset())


def require_status(*, order: WorkOrder, allowed: Iterable[str]) -> None:
    """For moves that only make sense from some statuses (reopen only what was resolved)."""
    if order.status not in set(allowed):
        raise Conflict(_("Not possible while the work order is “%(current)s”.")
                       % {"current": Status(order.status).label}, code="transition_not_allowed")


def require_open(*, order: WorkOrder) -> None:
    """Notes, classification and plans only on an order still being handled."""
    if order.status in FINISHED_STATUSES:
        raise Conflict(_("This work order is finished; reopen it first."), code="order_finished")


@transaction.atomic
def workorder_transition(
    *,
    order: WorkOrder,
    to: str,
    actor: Any,
    event_type: str,
    note: str = "",
    visibility: str = Visibility.INTERNAL,
    data: Mapping[str, Any] | None = None,
    photos: Iterable[Photo] = (),
    changes: Mapping[str, Any] | None = None,
) -> WorkOrderEvent:
    """Move ``order`` to ``to`` (setting ``changes`` too) and record it as one event."""
    if not transition_allowed(current=order.status, to=to):
        raise Conflict(
            _("A work order that is “%(current)s” cannot become “%(to)s”.")
            % {"current": Status(order.status).label, "to": Status(to).label},
            code="transition_not_allowed",
        )
    previous = order.status
    fields = {"status": to, **(changes or {})}
    reached = _REACHED_AT.get(to)
    if reached and getattr(order, reached) is None and reached not in fields:
        fields[reached] = timezone.now()
    for name, value in fields.items():
        setattr(order, name, value)
    order.save(update_fields=[*fields, "updated_at"])
    return event_append(order=order, type=event_type, actor=actor, note=note, visibility=visibility,
                        data={"from": previous, "to": to, **(data or {})}, photos=photos)
