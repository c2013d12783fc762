"""Small known histories for KPI stories: orders, events and ratings written directly.

Each event is applied to the real SLA clocks (``clocks_on_event``) exactly as the work-order
services do, so deadlines start, pause, move and are met the way they do in production.
"""

import itertools
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from guanjia.core.taxonomy import Category, Channel, Kind, Urgency, default_department
from guanjia.sla.services import clocks_on_event
from guanjia.tickets.choices import EventType, RatingLevel, RatingSource, Status, Visibility
from guanjia.tickets.models import Rating, WorkOrder, WorkOrderEvent

SH = ZoneInfo("Asia/Shanghai")
_numbers = itertools.count(1)

# The timestamp column each event fills, as tickets.services does on the transition.
_REACHED = {EventType.ACKNOWLEDGED: "acknowledged_at", EventType.ARRIVED: "on_site_at",
            EventType.RESOLVED: "resolved_at", EventType.CLOSED: "closed_at"}
_STATUS = {EventType.ACKNOWLEDGED: Status.ACKNOWLEDGED, EventType.DISPATCHED: Status.DISPATCHED,
           EventType.ARRIVED: Status.ON_SITE, EventType.PAUSED: Status.ON_HOLD,
           EventType.RESUMED: Status.ACKNOWLEDGED, EventType.RESOLVED: Status.RESOLVED,
           EventType.CLOSED: Status.CLOSED, EventType.REOPENED: Status.ACKNOWLEDGED,
           EventType.CANCELLED: Status.CANCELLED, EventType.MERGED: Status.MERGED}


def at(text: str) -> datetime:
    """``"2026-10-08 16:00"`` in Shanghai time."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SH)


def received(community: Any, when: str, *, kind: str = Kind.REPAIR, category: str = Category.FACILITY,
             urgency: str = Urgency.NORMAL, channel: str = Channel.PHONE, room: Any = None,
             **fields: Any) -> WorkOrder:
    created = at(when)
    fields.setdefault("department", default_department(kind=kind, category=category))
    order = WorkOrder.objects.create(
        community=community, number=f"{community.code}-{created:%Y%m%d}-{next(_numbers):04d}",
        channel=channel, description="业主来电", kind=kind, category=category, urgency=urgency,
        room=room, created_at=created, **fields)
    happen(order, EventType.CREATED, when)
    return order


def happen(order: WorkOrder, type: str, when: str, **data: Any) -> WorkOrderEvent:
    """Record ``type`` at ``when``: status and timestamps as the services set them, clocks moved."""
    moment = at(when)
    changes: dict[str, Any] = {}
    if type in _STATUS:
        changes["status"] = _STATUS[type]
    column = _REACHED.get(type)
    if column and (getattr(order, column) is None or column == "resolved_at"):
        changes[column] = moment
    if type == EventType.REOPENED:
        changes.update(resolved_at=None, closed_at=None)
    for name, value in changes.items():
        setattr(order, name, value)
    if changes:
        order.save(update_fields=[*changes, "updated_at"])
    visibility = Visibility.RESIDENT if type == EventType.RESIDENT_UPDATE else Visibility.INTERNAL
    event = WorkOrderEvent.objects.create(order=order, type=type, at=moment, data=data, visibility=visibility)
    clocks_on_event(order=order, event=event)
    return event


def rated(order: WorkOrder, level: str, when: str, comment: str = "") -> Rating:
    return Rating.objects.create(order=order, level=level, at=at(when), comment=comment,
                                 source=RatingSource.RESIDENT)


def handled(order: WorkOrder, *, ack: str, resolved: str, closed: str | None = None) -> WorkOrder:
    """The usual path: acknowledged, resolved, then closed (by the callback)."""
    happen(order, EventType.ACKNOWLEDGED, ack)
    happen(order, EventType.RESOLVED, resolved)
    if closed:
        happen(order, EventType.CALLBACK, closed)
        happen(order, EventType.CLOSED, closed)
    return order


__all__ = ["at", "received", "happen", "rated", "handled", "EventType", "Status", "Kind", "Urgency",
           "Category", "Channel", "RatingLevel"]
