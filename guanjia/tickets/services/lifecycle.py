"""Pause and resume, reopen, cancel, merge duplicates, and group cases (群诉)."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guanjia.core.errors import Conflict, ServiceError
from guanjia.notifications.language import phrase

from ..choices import FINISHED_STATUSES, EventType, Status, Visibility
from ..events import event_internal
from ..lock_objects import lock_work_order, lock_work_orders
from ..models import GroupCase, WorkOrder, WorkOrderEvent
from .access import require_staff, require_staff_in_community
from .messages import tell_resident
from .transitions import require_status, workorder_transition


def _reason(reason: str, *, field: str = "reason") -> str:
    if not reason.strip():
        raise ServiceError(_("Give the reason."), code="reason_required", field=field)
    return reason.strip()[:200]


@transaction.atomic
def workorder_pause(*, order: WorkOrder, actor: Any, reason: str) -> WorkOrder:
    """Waiting for the resident (away, parts on order at their request): the clocks that should pause, pause."""
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    workorder_transition(order=order, to=Status.ON_HOLD, actor=actor, event_type=EventType.PAUSED,
                         note=_reason(reason), visibility=Visibility.RESIDENT,
                         data={"resume_to": order.status})
    return order


@transaction.atomic
def workorder_resume(*, order: WorkOrder, actor: Any, note: str = "") -> WorkOrder:
    """Back to where the order was paused."""
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    require_status(order=order, allowed={Status.ON_HOLD})
    paused = (WorkOrderEvent.objects.filter(order=order, type=EventType.PAUSED)
              .order_by("-at", "-id").values_list("data", flat=True).first()) or {}
    resume_to = paused.get("resume_to") or (Status.ACKNOWLEDGED if order.acknowledged_at else Status.NEW)
    workorder_transition(order=order, to=resume_to, actor=actor, event_type=EventType.RESUMED,
                         note=note.strip(), visibility=Visibility.RESIDENT)
    return order


@transaction.atomic
def workorder_reopen(*, order: WorkOrder, actor: Any, reason: str) -> WorkOrder:
    """The fix did not hold: the same order, the same owner, handled again."""
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    require_status(order=order, allowed={Status.RESOLVED, Status.CLOSED})
    workorder_transition(order=order, to=Status.ACKNOWLEDGED, actor=actor, event_type=EventType.REOPENED,
                         note=_reason(reason), visibility=Visibility.RESIDENT,
                         changes={"resolved_at": None, "closed_at": None})
    return order


@transaction.atomic
def workorder_cancel(*, order: WorkOrder, actor: Any, reason: str) -> WorkOrder:
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    text = _reason(reason)
    workorder_transition(order=order, to=Status.CANCELLED, actor=actor, event_type=EventType.CANCELLED,
                         note=text, visibility=Visibility.RESIDENT, changes={"cancel_reason": text})
    tell_resident(order=order, kind="cancelled", body=text,
                  title=phrase(_("Work order %(number)s was cancelled"), number=order.number))
    return order


@transaction.atomic
def workorder_merge(*, duplicate: WorkOrder, into: WorkOrder, actor: Any, note: str = "") -> WorkOrder:
    """Fold a duplicate into the order that carries on. Events stay where they were written
    (the log is append-only); the duplicate points at the survivor and both record the merge."""
    if duplicate.pk == into.pk:
        raise ServiceError(_("An order cannot be merged into itself."), code="merge_into_self", field="into")
    locked = {o.pk: o for o in lock_work_orders(ids=[duplicate.pk, into.pk])}
    duplicate, into = locked[duplicate.pk], locked[into.pk]
    require_staff(actor=actor, order=duplicate)
    require_staff(actor=actor, order=into)
    if duplicate.community_id != into.community_id:
        raise ServiceError(_("Only orders of the same community can be merged."), code="merge_other_community",
                           field="into")
    if into.status in FINISHED_STATUSES:
        raise Conflict(_("The order to merge into is finished."), code="merge_into_finished")
    workorder_transition(order=duplicate, to=Status.MERGED, actor=actor, event_type=EventType.MERGED,
                         note=note.strip(), visibility=Visibility.RESIDENT, changes={"merged_into": into},
                         data={"into": into.number, "into_uuid": str(into.uuid)})
    event_internal(order=into, type=EventType.NOTE, actor=actor, note=note.strip(),
                   data={"merged_from": duplicate.number, "merged_from_uuid": str(duplicate.uuid)})
    return into


@transaction.atomic
def group_case_create(*, actor: Any, community: Any, title: str, media_sensitive: bool = False) -> GroupCase:
    require_staff_in_community(actor=actor, community_id=community.pk)
    if not title.strip():
        raise ServiceError(_("Give the group case a title."), code="title_required", field="title")
    return GroupCase.objects.create(community=community, title=title.strip()[:200],
                                    media_sensitive=media_sensitive, created_by=actor)


@transaction.atomic
def workorder_link_group(*, order: WorkOrder, group_case: GroupCase, actor: Any) -> WorkOrder:
    """Link one household's request to the group case about the same problem (SLA-5: 20+ households)."""
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    if group_case.community_id != order.community_id:
        raise ServiceError(_("The group case belongs to another community."), code="group_other_community",
                           field="group_case")
    if order.group_case_id == group_case.pk:
        return order
    order.group_case = group_case
    order.save(update_fields=["group_case", "updated_at"])
    households = (WorkOrder.objects.filter(group_case=group_case, room__isnull=False)
                  .values("room_id").distinct().count())
    event_internal(order=order, type=EventType.LINKED_TO_GROUP, actor=actor,
                   data={"group_case": str(group_case.uuid), "title": group_case.title,
                         "households": households, "media_sensitive": group_case.media_sensitive})
    return order
