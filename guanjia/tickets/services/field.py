"""Dispatch and field work (REQ-5, REQ-6, REQ-7): from the desk to the technician and back."""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guanjia.core.errors import Conflict, ServiceError
from guanjia.core.taxonomy import Department
from guanjia.notifications.language import phrase

from ..choices import EventType, Status, Visibility
from ..events import event_append, event_resident
from ..lock_objects import lock_work_order
from ..models import WorkOrder
from .access import require_assignee_or_supervisor, require_staff, require_staff_or_household, staff_may_act
from .attachments import photos_store
from .messages import tell_resident, tell_staff
from .ownership import claim_if_unowned
from .transitions import require_open, workorder_transition


def _worker(user: Any) -> dict[str, str]:
    # What the resident sees of the worker (REQ-6): name and a phone to call.
    return {"worker_name": str(user), "worker_phone": user.phone or ""}


@transaction.atomic
def workorder_dispatch(*, order: WorkOrder, actor: Any, assignee: Any = None, department: str = "",
                       note: str) -> WorkOrder:
    """Send the order to a department and a person with the background they need (REQ-5).

    ``note`` carries what the resident asked and expects plus the background (for a lift:
    lift number, last maintenance, symptoms) so nobody has to ask the resident again.
    """
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    if not order.category:
        raise Conflict(_("Classify the order before dispatching it."), code="not_classified")
    department = department or order.department
    if department not in Department.values:
        raise ServiceError(_("Choose the department."), code="department_required", field="department")
    if assignee is not None and not staff_may_act(actor=assignee, community_id=order.community_id):
        raise ServiceError(_("The assignee must work in this community."), code="invalid_assignee",
                           field="assignee")
    if not note.strip():
        raise ServiceError(_("Write the background for the person dispatched."), code="note_required",
                           field="note")
    claim_if_unowned(order=order, actor=actor)
    workorder_transition(order=order, to=Status.DISPATCHED, actor=actor, event_type=EventType.DISPATCHED,
                         note=note.strip(), changes={"department": department, "assignee": assignee},
                         data={"department": department, "assignee": getattr(assignee, "pk", None)})
    if assignee is not None:
        tell_staff(recipients=[assignee], order=order, kind="dispatched",
               title=phrase(_("New work order %(number)s"), number=order.number),
               body=f"{order.room or order.location}: {order.description}\n{note.strip()}")
    return order


@transaction.atomic
def workorder_accept(*, order: WorkOrder, actor: Any) -> WorkOrder:
    order = lock_work_order(order_id=order.pk)
    require_assignee_or_supervisor(actor=actor, order=order)
    worker = order.assignee or actor
    workorder_transition(order=order, to=Status.ACCEPTED, actor=actor, event_type=EventType.ACCEPTED,
                         visibility=Visibility.RESIDENT, data=_worker(worker),
                         changes={"assignee": worker})
    return order


@transaction.atomic
def workorder_set_out(*, order: WorkOrder, actor: Any,
                      expected_arrival: datetime.datetime | None = None) -> WorkOrder:
    order = lock_work_order(order_id=order.pk)
    require_assignee_or_supervisor(actor=actor, order=order)
    data = {**_worker(order.assignee or actor),
            "expected_arrival": expected_arrival.isoformat() if expected_arrival else None}
    workorder_transition(order=order, to=Status.EN_ROUTE, actor=actor, event_type=EventType.SET_OUT,
                         visibility=Visibility.RESIDENT, data=data)
    return order


@transaction.atomic
def workorder_arrive(*, order: WorkOrder, actor: Any, photos: Iterable[Any] = ()) -> WorkOrder:
    order = lock_work_order(order_id=order.pk)
    require_assignee_or_supervisor(actor=actor, order=order)
    stored = photos_store(files=photos, actor=actor, community=order.community)
    workorder_transition(order=order, to=Status.ON_SITE, actor=actor, event_type=EventType.ARRIVED,
                         visibility=Visibility.RESIDENT, data=_worker(order.assignee or actor), photos=stored)
    return order


def _materials_clean(materials: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    clean = []
    for item in materials or []:
        name = str(item.get("name", "")).strip()
        if not name:
            raise ServiceError(_("Each material needs a name."), code="invalid_materials", field="materials")
        try:
            quantity = Decimal(str(item.get("quantity", 1)))
        except InvalidOperation:
            raise ServiceError(_("A quantity must be a number."), code="invalid_materials",
                               field="materials") from None
        clean.append({"name": name[:100], "quantity": str(quantity), "unit": str(item.get("unit", ""))[:16]})
    return clean


@transaction.atomic
def workorder_note(*, order: WorkOrder, actor: Any, note: str, photos: Iterable[Any] = (),
                   materials: Iterable[dict[str, Any]] = (), visibility: str = Visibility.RESIDENT) -> WorkOrder:
    """A progress note with photos and materials used (REQ-6); the resident sees it unless internal."""
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    require_open(order=order)
    if visibility not in Visibility.values:
        raise ServiceError(_("Unknown visibility."), code="invalid_visibility", field="visibility")
    if not note.strip():
        raise ServiceError(_("Write the note."), code="note_required", field="note")
    clean = _materials_clean(materials)
    stored = photos_store(files=photos, actor=actor, community=order.community)
    event_append(order=order, type=EventType.NOTE, actor=actor, note=note.strip(), visibility=visibility,
                 photos=stored, data={"materials": clean} if clean else {})
    return order


@transaction.atomic
def workorder_agree_visit(*, order: WorkOrder, actor: Any, visit_at: datetime.datetime,
                          impact: str = "") -> WorkOrder:
    """The visit time and its impact agreed with the resident (REQ-7: water off for 2 hours…)."""
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    require_open(order=order)
    order.visit_at = visit_at
    order.save(update_fields=["visit_at", "updated_at"])
    event_resident(order=order, type=EventType.VISIT_AGREED, actor=actor, note=impact.strip(),
                   data={"visit_at": visit_at.isoformat()})
    return order


@transaction.atomic
def workorder_resolve(*, order: WorkOrder, actor: Any, note: str, photos: Iterable[Any] = ()) -> WorkOrder:
    """Work done (with photos). The callback clock starts (SLA-7); the resident confirms and rates."""
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    if not note.strip():
        raise ServiceError(_("Say what was done."), code="note_required", field="note")
    claim_if_unowned(order=order, actor=actor)
    stored = photos_store(files=photos, actor=actor, community=order.community)
    workorder_transition(order=order, to=Status.RESOLVED, actor=actor, event_type=EventType.RESOLVED,
                         note=note.strip(), visibility=Visibility.RESIDENT, photos=stored,
                         data={"callback_expected": True})
    # SLA-7 / SAT-1: the message carries the tracking link, where the resident confirms and rates.
    tell_resident(order=order, kind="resolved",
                  title=phrase(_("Work order %(number)s is done"), number=order.number),
                  body=phrase(_("%(note)s\nPlease tell us how satisfied you are."), note=note.strip()))
    return order


@transaction.atomic
def workorder_confirm(*, order: WorkOrder, actor: Any, note: str = "") -> WorkOrder:
    """The resident signs off the work (REQ-7), or the agent records that they did."""
    order = lock_work_order(order_id=order.pk)
    require_staff_or_household(actor=actor, order=order)
    if order.status != Status.RESOLVED:
        raise Conflict(_("Only resolved work can be confirmed."), code="transition_not_allowed")
    event_resident(order=order, type=EventType.CONFIRMED, actor=actor, note=note.strip(),
                   data={"recorded_by_staff": staff_may_act(actor=actor, community_id=order.community_id)})
    return order
