"""Patterns across orders: repeat complaints and hot spots (SAT-2, SAT-3), and per-community settings."""

from datetime import timedelta

from django.utils import timezone

from guanjia.core.taxonomy import Kind

from ..choices import Status
from ..events import event_flagged
from ..models import TicketSettings, WorkOrder


def ticket_settings_for(*, community_id: int) -> TicketSettings:
    """The community's settings, or the standards' defaults when none were saved (not stored)."""
    found = TicketSettings.objects.filter(community_id=community_id).first()
    return found or TicketSettings(community_id=community_id)


def normalize_asset_key(value: str) -> str:
    # "3栋 2单元 电梯" and "3栋2单元电梯" are the same lift: ignore spaces and letter case.
    return "".join(value.split()).lower()[:100]


def patterns_check(*, order: WorkOrder) -> list[str]:
    """Flag ``order`` as a repeat complaint or a hot spot; returns the flags newly raised."""
    may_repeat = not order.is_repeat and _may_repeat(order)
    may_hotspot = bool(order.asset_key) and not order.is_hotspot
    if not (may_repeat or may_hotspot):
        return []  # most requests (a repair in someone's home): nothing to look up
    config = ticket_settings_for(community_id=order.community_id)
    raised = []
    if may_repeat and _is_repeat(order=order, window_days=config.repeat_window_days):
        order.is_repeat = True
        raised.append("repeat")
    if may_hotspot and _is_hotspot(order=order, config=config):
        order.is_hotspot = True
        raised.append("hotspot")
    if raised:
        order.save(update_fields=["is_repeat", "is_hotspot", "updated_at"])
        for flag in raised:
            event_flagged(order=order, flag=flag)
    return raised


def _may_repeat(order: WorkOrder) -> bool:
    """Only a household's complaint with a category can repeat an earlier one."""
    return order.kind == Kind.COMPLAINT and bool(order.category) and order.room_id is not None


def _is_repeat(*, order: WorkOrder, window_days: int) -> bool:
    """The same household complained about the same kind of thing within the window (REQ: 30 days)."""
    if order.room_id is None:  # never, after ``_may_repeat``; a filter on None would match every roomless order
        return False
    since = order.created_at - timedelta(days=window_days)
    return (WorkOrder.objects.filter(room_id=order.room_id, kind=Kind.COMPLAINT, category=order.category,
                                     created_at__gte=since, created_at__lte=order.created_at)
            .exclude(pk=order.pk).exclude(status=Status.MERGED).exists())


def _is_hotspot(*, order: WorkOrder, config: TicketSettings) -> bool:
    """The same asset or place raised ``hotspot_threshold`` times within the window (SAT-2: 3 a month).

    When it trips, the earlier orders about the asset are marked too, so the board shows them together.
    """
    since = timezone.now() - timedelta(days=config.hotspot_window_days)
    same = WorkOrder.objects.filter(community_id=order.community_id, asset_key=order.asset_key,
                                    created_at__gte=since).exclude(status=Status.MERGED)
    if same.count() < config.hotspot_threshold:
        return False
    same.exclude(pk=order.pk).filter(is_hotspot=False).update(is_hotspot=True, updated_at=timezone.now())
    return True
