"""Work orders for SLA stories, built directly (not through tickets.services) so these tests
exercise the clocks alone. ``happen`` writes an event and applies it exactly as tickets does."""

import itertools
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from guanjia.core.taxonomy import Category, Channel, Kind, Urgency
from guanjia.sla.services import clocks_on_event
from guanjia.tickets.choices import EventType, Status, Visibility
from guanjia.tickets.models import WorkOrder, WorkOrderEvent

SH = ZoneInfo("Asia/Shanghai")
_numbers = itertools.count(1)


def at(text: str) -> datetime:
    """``"2026-09-30 16:00"`` in Shanghai time."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=SH)


def received(*, community: Any, when: datetime, kind: str = Kind.REPAIR, urgency: str = Urgency.NORMAL,
             category: str = Category.FACILITY, room: Any = None, owner: Any = None, **fields: Any) -> WorkOrder:
    """A work order received at ``when``, with its CREATED event applied to the clocks."""
    order = WorkOrder.objects.create(
        community=community, number=f"{community.code}-{when:%Y%m%d}-{next(_numbers):04d}",
        channel=Channel.PHONE, description="业主来电", kind=kind, urgency=urgency, category=category,
        room=room, owner=owner, created_at=when, **fields)
    happen(order, EventType.CREATED, when)
    return order


def happen(order: WorkOrder, type: str, when: datetime, *, status: str | None = None,
           visibility: str = Visibility.INTERNAL, data: dict | None = None, **changes: Any) -> WorkOrderEvent:
    """Record an event the way tickets.services does: change the order, write the event, move clocks."""
    if status:
        changes["status"] = status
    for name, value in changes.items():
        setattr(order, name, value)
    if changes:
        order.save(update_fields=[*changes, "updated_at"])
    event = WorkOrderEvent.objects.create(order=order, type=type, at=when, visibility=visibility,
                                          data=data or {})
    clocks_on_event(order=order, event=event)
    return event


def clock(order: WorkOrder, type: str):
    return order.clocks.filter(type=type).latest("started_at", "id")


__all__ = ["at", "received", "happen", "clock", "EventType", "Status", "Visibility", "Kind", "Urgency",
           "Category"]
