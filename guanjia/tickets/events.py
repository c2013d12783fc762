"""Appending to a work order's event log, inside the caller's transaction.

The log is append-only: these functions only create rows. Each one hands the new event to
the SLA clocks (``clocks_on_event``) in the same transaction, so a deadline is started or
met exactly when the fact that starts or meets it is recorded. (``event_created`` writes the
creation and the intake's classification together and hands the clocks the creation only; its
docstring says why that is the same.)
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
        actor=_author(actor),
        note=note,
        visibility=visibility,
        data=dict(data or {}),
    )
    _attach(event, photos)
    clocks_on_event(order=order, event=event)
    return event


def event_created(*, order: WorkOrder, actor: Any = None, data: Mapping[str, Any], photos: Iterable[Photo] = (),
                  classified: Mapping[str, Any] | None = None) -> WorkOrderEvent:
    """The order was taken (shown to the resident); with ``classified``, also where its
    classification came from (internal), recorded at the same instant.

    Both rows go in one INSERT. The clocks react once, to the creation: the order already carries
    its classification when it is taken, so they start from it, and the classification recorded
    at the same instant would only look again at the clocks just started (``_on_classified``
    re-times a clock only when the rule differs, and here it cannot).
    """
    at, author = timezone.now(), _author(actor)
    rows = [WorkOrderEvent(order=order, type=EventType.CREATED, at=at, actor=author, visibility=Visibility.RESIDENT,
                           data=dict(data))]
    if classified is not None:
        rows.append(WorkOrderEvent(order=order, type=EventType.CLASSIFIED, at=at, actor=author,
                                   visibility=Visibility.INTERNAL, data=dict(classified)))
    created = WorkOrderEvent.objects.bulk_create(rows)[0]
    _attach(created, photos)
    clocks_on_event(order=order, event=created)
    return created


def _author(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _attach(event: WorkOrderEvent, photos: Iterable[Photo]) -> None:
    # One INSERT into the link table: ``event.photos.add`` would first read which links exist,
    # and a new event has none (a photo given twice is linked once, as ``add`` would).
    through = WorkOrderEvent.photos.through
    links = [through(workorderevent_id=event.pk, photo_id=pk) for pk in dict.fromkeys(p.pk for p in photos)]
    if links:
        through.objects.bulk_create(links)


def event_resident(*, order: WorkOrder, type: str, **kwargs: Any) -> WorkOrderEvent:
    """An event the resident sees on the tracking page and in the portal."""
    return event_append(order=order, type=type, visibility=Visibility.RESIDENT, **kwargs)


def event_internal(*, order: WorkOrder, type: str, **kwargs: Any) -> WorkOrderEvent:
    """An event only staff see (classification, flags, internal notes)."""
    return event_append(order=order, type=type, visibility=Visibility.INTERNAL, **kwargs)


def event_flagged(*, order: WorkOrder, flag: str, data: Mapping[str, Any] | None = None) -> WorkOrderEvent:
    return event_internal(order=order, type=EventType.FLAGGED, data={"flag": flag, **(data or {})})
