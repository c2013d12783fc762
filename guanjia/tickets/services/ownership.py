"""First-responder ownership (REQ-4) and hand-over with a promise to the resident (REQ-5)."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.core.errors import ServiceError
from guanjia.notifications.language import phrase

from ..choices import EventType
from ..events import event_resident
from ..lock_objects import lock_work_order
from ..models import WorkOrder
from .access import is_staff, require_staff, staff_may_act
from .messages import tell_staff
from .transitions import require_open


def claim_if_unowned(*, order: WorkOrder, actor: Any) -> None:
    """The first staff member who takes the request owns it to the end (REQ-4)."""
    if order.owner_id is None and is_staff(actor):
        order.owner = actor
        order.save(update_fields=["owner", "updated_at"])


@transaction.atomic
def workorder_hand_over(*, order: WorkOrder, actor: Any, new_owner: Any, promise: str,
                        promise_due_at: datetime.datetime) -> WorkOrder:
    """Hand the order to ``new_owner`` and record what the resident was promised, and by when.

    The promise ("张师傅 will call you within 1 hour") is shown to the resident and becomes a
    deadline of its own: the SLA clocks read ``promise_due_at`` from the event.
    """
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    require_open(order=order)
    if not staff_may_act(actor=new_owner, community_id=order.community_id):
        raise ServiceError(_("The new owner must work in this community."), code="invalid_owner",
                           field="new_owner")
    if new_owner.pk == order.owner_id:
        raise ServiceError(_("This person already owns the order."), code="same_owner", field="new_owner")
    if not promise.strip():
        raise ServiceError(_("Tell the resident who will contact them and when."), code="promise_required",
                           field="promise")
    if promise_due_at <= timezone.now():
        raise ServiceError(_("The promised time must be in the future."), code="promise_in_past",
                           field="promise_due_at")
    previous_owner_id = order.owner_id
    order.owner = new_owner
    order.save(update_fields=["owner", "updated_at"])
    event_resident(order=order, type=EventType.HANDED_OVER, actor=actor, note=promise.strip(),
                   data={"from_owner": previous_owner_id, "to_owner": new_owner.pk,
                         "promise": promise.strip(), "promise_due_at": promise_due_at.isoformat()})
    tell_staff(recipients=[new_owner], order=order, kind="handed_over",
           title=phrase(_("Work order %(number)s is now yours"), number=order.number),
           body=phrase(_("Promised to the resident: %(promise)s"), promise=promise.strip()))
    return order
