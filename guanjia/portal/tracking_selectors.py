"""Reads for the public tracking page (REQ-6). The unguessable token stands in for a login.

Everything here returns only what the resident may see: events marked "shown to the
resident", their photos, and the order's own plain facts. Internal notes, other
households and other orders never leave these functions.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from guanjia.core.models import Photo
from guanjia.tickets.choices import PlanStatus, Status, Visibility
from guanjia.tickets.models import Plan, Rating, WorkOrder, WorkOrderEvent

# The token is 22 URL-safe characters (see tickets.models.new_tracking_token); anything much
# longer is not a token and is refused without a query.
MAX_TOKEN_LENGTH = 64


def tracking_path(*, order: WorkOrder) -> str:
    """The site-relative link to pass as ``link=`` to ``notify_resident`` (made absolute when sent)."""
    return reverse("tracking:page", args=[order.tracking_token])


def tracking_url(*, order: WorkOrder) -> str:
    """The absolute link printed on the work-order sheet and encoded in its QR code."""
    return settings.PUBLIC_BASE_URL.rstrip("/") + tracking_path(order=order)


def tracking_order(*, token: str) -> WorkOrder | None:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (WorkOrder.objects.select_related("community", "room", "assignee")
            .filter(tracking_token=token).first())


def tracking_events(*, order: WorkOrder) -> QuerySet[WorkOrderEvent]:
    return (order.events.filter(visibility=Visibility.RESIDENT)
            .select_related("actor").prefetch_related("photos").order_by("at", "id"))


def tracking_photo(*, order: WorkOrder, photo_uuid: Any) -> Photo | None:
    """A photo only if it belongs to a resident-visible event of *this* order."""
    shown = WorkOrderEvent.photos.through.objects.filter(
        workorderevent__order=order, workorderevent__visibility=Visibility.RESIDENT).values("photo_id")
    return Photo.objects.filter(uuid=photo_uuid, pk__in=shown).first()


def tracking_plan(*, order: WorkOrder) -> Plan | None:
    """The handling plan in force, if any. Only its plain-words text and schedule are shown;
    the internal solution, the cost and the parties involved are not."""
    return order.plans.filter(status=PlanStatus.APPROVED).order_by("-decided_at", "-id").only(
        "resident_text", "schedule", "decided_at", "order_id").first()


@dataclass(frozen=True)
class RatingState:
    can_rate: bool
    latest: Rating | None


def tracking_rating_state(*, order: WorkOrder) -> RatingState:
    """Whether the resident can rate now, and the rating given for the latest resolution if any."""
    if order.resolved_at is None or order.status not in (Status.RESOLVED, Status.CLOSED):
        return RatingState(can_rate=False, latest=None)
    latest = order.ratings.filter(at__gte=order.resolved_at).order_by("-at", "-id").first()
    return RatingState(can_rate=latest is None, latest=latest)
