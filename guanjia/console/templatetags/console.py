"""Presentation helpers for console templates: formatting only, no business rules."""

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from guanjia.core.masking import mask_phone
from guanjia.notifications.selectors import unread_count

from .. import navigation
from ..deadlines import Countdown, countdown

register = template.Library()


@register.simple_tag
def order_countdown(order: Any) -> Countdown:
    return countdown(due_at=getattr(order, "deadline_at", None), warn_at=getattr(order, "deadline_warn_at", None))


@register.simple_tag
def clock_countdown(clock: Any) -> Countdown:
    return countdown(due_at=clock.due_at, warn_at=clock.warn_at)


@register.filter
def phone_for(number: str, visible: bool) -> str:
    return number if visible else mask_phone(number)


def unread_context(user: Any) -> dict[str, Any]:
    return {"count": unread_count(user=user), "inbox_url": optional_url("notifications:inbox")}


@register.inclusion_tag("console/htmx/unread_badge.html", takes_context=True)
def unread_badge(context: dict[str, Any]) -> dict[str, Any]:
    return unread_context(context["request"].user)


@register.simple_tag
def optional_url(name: str) -> str:
    """The URL of a screen another app mounts, or "" while it is not mounted."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def staff_nav(context: dict[str, Any]) -> Any:
    """The top bar of the logged-in member of staff (roles, links, warnings), once per request."""
    return navigation.staff_nav(user=context["request"].user)
