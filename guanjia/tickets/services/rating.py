"""Callback and rating (SLA-7, SAT-1). "Dissatisfied" opens a follow-up owned by the supervisor."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.choices import Role
from guanjia.accounts.models import StaffRole
from guanjia.core.errors import Conflict, NotFound, ServiceError
from guanjia.core.taxonomy import Channel, Department, Kind
from guanjia.notifications.language import phrase

from ..choices import EventType, RatingLevel, RatingSource, Status, Visibility
from ..events import event_append, event_internal, event_resident
from ..lock_objects import lock_work_order
from ..models import Rating, WorkOrder
from .access import is_staff, require_staff, require_staff_or_household
from .intake import order_number
from .messages import tell_staff
from .transitions import workorder_transition

# Who owns a dissatisfied follow-up, in order of preference (SAT-1: the supervisor).
FOLLOW_UP_OWNER_ROLES = (Role.CS_SUPERVISOR, Role.CENTRE_MANAGER, Role.PROJECT_MANAGER)


def _require_rateable(order: WorkOrder) -> None:
    if order.status not in (Status.RESOLVED, Status.CLOSED) or order.resolved_at is None:
        raise Conflict(_("Only resolved work can be rated."), code="not_resolved")
    if order.ratings.filter(at__gte=order.resolved_at).exists():
        raise Conflict(_("This work has already been rated."), code="already_rated")


def _level(level: str) -> str:
    if level not in RatingLevel.values:
        raise ServiceError(_("Choose one of the four levels."), code="invalid_level", field="level")
    return level


@transaction.atomic
def workorder_rate(*, order: WorkOrder, actor: Any, level: str, comment: str = "",
                   tracking_token: str | None = None) -> Rating:
    """The resident rates in the portal, or on the tracking page (the token stands in for a login)."""
    order = lock_work_order(order_id=order.pk)
    if tracking_token is not None:
        if not constant_time_compare(tracking_token, order.tracking_token):
            raise NotFound(_("This work order does not exist or is not yours to see."), code="not_found")
    else:
        require_staff_or_household(actor=actor, order=order)
    _require_rateable(order)
    rating = _rating_record(order=order, actor=actor, level=_level(level), comment=comment,
                            source=RatingSource.RESIDENT)
    return rating


@transaction.atomic
def workorder_callback(*, order: WorkOrder, actor: Any, note: str, level: str = "",
                       comment: str = "") -> WorkOrder:
    """An agent called or visited the resident after the work (SLA-7) and records what they said."""
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    if order.status not in (Status.RESOLVED, Status.CLOSED):
        raise Conflict(_("Call back after the work is resolved."), code="not_resolved")
    if not note.strip():
        raise ServiceError(_("Write what the resident said."), code="note_required", field="note")
    event_internal(order=order, type=EventType.CALLBACK, actor=actor, note=note.strip(),
                   data={"level": level or None})
    if level:
        _require_rateable(order)
        _rating_record(order=order, actor=actor, level=_level(level), comment=comment or note,
                       source=RatingSource.CALLBACK)
    elif order.status == Status.RESOLVED:
        workorder_transition(order=order, to=Status.CLOSED, actor=actor, event_type=EventType.CLOSED,
                             visibility=Visibility.RESIDENT)
    return order


def _rating_record(*, order: WorkOrder, actor: Any, level: str, comment: str, source: str) -> Rating:
    user = actor if getattr(actor, "is_authenticated", False) else None
    rating = Rating.objects.create(order=order, level=level, comment=comment.strip(), source=source,
                                   rated_by=user, at=timezone.now())
    event_resident(order=order, type=EventType.RATED, actor=user, note=rating.comment,
                   data={"level": level, "source": source})
    if order.status == Status.RESOLVED:
        workorder_transition(order=order, to=Status.CLOSED, actor=user, event_type=EventType.CLOSED,
                             visibility=Visibility.RESIDENT)
    if level == RatingLevel.DISSATISFIED:
        _follow_up_open(order=order, actor=user, rating=rating)
    return rating


def follow_up_owner(*, community_id: int) -> Any:
    """The community's customer-service supervisor (or the next manager up when there is none)."""
    roles = StaffRole.objects.filter(community_id=community_id, role__in=FOLLOW_UP_OWNER_ROLES,
                                     user__is_active=True).select_related("user")
    by_role = {r.role: r.user for r in roles.order_by("user_id")}
    return next((by_role[r] for r in FOLLOW_UP_OWNER_ROLES if r in by_role), None)


def _follow_up_open(*, order: WorkOrder, actor: Any, rating: Rating) -> WorkOrder:
    """SAT-1: a second follow-up owned by the supervisor; the case goes to the monthly review."""
    owner = follow_up_owner(community_id=order.community_id)
    follow_up = WorkOrder.objects.create(
        community=order.community, room=order.room, location=order.location, person=order.person,
        contact_name=order.contact_name, contact_phone=order.contact_phone, channel=Channel.INTERNAL,
        description=gettext("Resident dissatisfied with %(number)s: %(comment)s")
        % {"number": order.number, "comment": rating.comment or "—"},
        expectation=rating.comment, kind=Kind.COMPLAINT, category=order.category or "service",
        urgency=order.urgency, department=Department.CUSTOMER_SERVICE, asset_key=order.asset_key,
        number=order_number(community=order.community, day=timezone.localdate()),
        created_by=actor if is_staff(actor) else None, owner=owner, follow_up_of=order, for_review=True)
    event_append(order=follow_up, type=EventType.CREATED, actor=actor, visibility=Visibility.RESIDENT,
                 data={"channel": Channel.INTERNAL, "number": follow_up.number, "follow_up_of": order.number})
    order.for_review = True
    order.save(update_fields=["for_review", "updated_at"])
    event_internal(order=order, type=EventType.FOLLOW_UP_OPENED, actor=actor,
                   data={"follow_up": follow_up.number, "follow_up_uuid": str(follow_up.uuid)})
    if owner is not None:
        tell_staff(recipients=[owner], order=follow_up, kind="dissatisfied_follow_up",
               title=phrase(_("Dissatisfied resident: follow up %(number)s"), number=follow_up.number),
               body=follow_up.description)
    return follow_up
