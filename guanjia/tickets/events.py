"""Appending to a work order's event log, inside the caller's transaction.

The log is append-only: these functions only create rows. Each one hands the new event to
the SLA clocks (``clocks_on_event``) in the same transaction, so a deadline is started or
met exactly when the fact that starts or meets it is recorded.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone

from guanjia.core.models import Photo
from guanjia.sla.services import clocks_on_event

from .choices import EventType, Visibility
from .models import WorkOrder, WorkOrderEvent


def event_append(
    *,
    order: WorkOrder,
    type: str,
    actor: Any = None,
    note: str = "",
    visibility: str = Visibility.INTERNAL,
    data: Mapping[str, Any] | None = None,
    photos: Iterable[Photo] = (),
) -> WorkOrderEvent:
    """Record one thing that happened to ``order`` and let the SLA clocks react to it."""
    event = WorkOrderEvent.objects.create(
        order=order,
        type=type,
        at=timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        visibility=visibility,
        data=dict(data or {}),
    )
    photo_list = list(photos)
    if photo_list:
        event.photos.add(*photo_list)
    clocks_on_event(order=order, event=event)
    return event


def event_resident(*, order: WorkOrder, type: str, **kwargs: Any) -> WorkOrderEvent:
    """An event the resident sees on the tracking page and in the portal."""
    return event_append(order=order, type=type, visibility=Visibility.RESIDENT, **kwargs)


def event_internal(*, order: WorkOrder, type: str, **kwargs: Any) -> WorkOrderEvent:
    """An event only staff see (classification, flags, internal notes)."""
    return event_append(order=order, type=type, visibility=Visibility.INTERNAL, **kwargs)


def event_flagged(*, order: WorkOrder, flag: str, data: Mapping[str, Any] | None = None) -> WorkOrderEvent:
    return event_internal(order=order, type=EventType.FLAGGED, data={"flag": flag, **(data or {})})
