"""Who hears about a work order, and through which link. Messages are stored in the service's
transaction and sent after commit by ``notifications`` (a rolled-back order never texts anyone).
Titles and bodies are passed not worded yet (``gettext_lazy``, ``phrase``): each recipient reads
them in their own language, not in the language of whoever changed the order."""

from collections.abc import Iterable
from typing import Any

from django.urls import NoReverseMatch, reverse

from guanjia.accounts.choices import Role
from guanjia.accounts.models import StaffRole
from guanjia.notifications.language import Text
from guanjia.notifications.services import notify, notify_resident

from ..models import WorkOrder

# Who watches the portal and the mini-program for new requests (REQ-1: checked every 2 hours).
DESK_ROLES = (Role.CS_AGENT, Role.CS_SUPERVISOR)


def _link(name: str, *args: Any, **kwargs: Any) -> str:
    # The console and the tracking page belong to other apps; a message without a link is
    # better than no message at all.
    try:
        return reverse(name, args=args, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def staff_link(order: WorkOrder) -> str:
    return _link("console:order", uuid=order.uuid)


def tracking_link(order: WorkOrder) -> str:
    return _link("tracking:page", order.tracking_token)


def tell_staff(*, recipients: Iterable[Any], order: WorkOrder, kind: str, title: Text, body: Text) -> None:
    notify(recipients=list(recipients), order=order, kind=kind, title=title, body=body, link=staff_link(order))


def tell_desk(*, order: WorkOrder, kind: str, title: Text, body: Text) -> None:
    """The community's customer-service desk: a new request from the portal waits for an agent."""
    desk = [r.user for r in StaffRole.objects.filter(community_id=order.community_id, role__in=DESK_ROLES)
            .select_related("user")]
    tell_staff(recipients=desk, order=order, kind=kind, title=title, body=body)


def tell_resident(*, order: WorkOrder, kind: str, title: Text, body: Text) -> None:
    """SMS / WeChat to the contact phone, in-app if they have an account; the link is the tracking page."""
    if not order.contact_phone and order.person_id is None:
        return
    notify_resident(phone=order.contact_phone, person=order.person, order=order, kind=kind, title=title,
                    body=body, link=tracking_link(order))
