"""Classification (REQ-3): kind × category × urgency × department, confirmed by a supervisor."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.core.errors import ServiceError
from guanjia.core.taxonomy import Category, Department, Kind, Urgency, default_department

from ..choices import EventType
from ..events import event_internal
from ..lock_objects import lock_work_order
from ..models import WorkOrder
from .access import require_staff, require_supervisor
from .ownership import claim_if_unowned
from .patterns import patterns_check
from .transitions import require_open

FIELDS = ("kind", "category", "urgency", "department")


def classification_clean(*, kind: str, category: str, urgency: str, department: str = "") -> dict[str, str]:
    """Validated codes; the department defaults from the kind and category (taxonomy.md)."""
    checks = {"kind": (kind, Kind.values), "category": (category, Category.values),
              "urgency": (urgency, Urgency.values), "department": (department, Department.values)}
    errors = {name: [_("Unknown code “%(code)s”.") % {"code": value}]
              for name, (value, allowed) in checks.items() if value and value not in allowed}
    if errors:
        raise ServiceError(next(iter(errors.values()))[0], code="invalid_classification", fields=errors)
    if not department and (kind or category):
        department = default_department(kind=kind, category=category)
    return {"kind": kind, "category": category, "urgency": urgency or Urgency.NORMAL, "department": department}


@transaction.atomic
def workorder_classify(*, order: WorkOrder, actor: Any, kind: str, category: str, urgency: str,
                       department: str = "", confirm: bool = False, note: str = "") -> WorkOrder:
    """Set or change the classification; ``confirm`` is the supervisor's sign-off (REQ-3).

    Every change is an event with the values before and after. A change by someone who is not
    a supervisor withdraws an earlier confirmation: the supervisor must look again.
    """
    order = lock_work_order(order_id=order.pk)
    (require_supervisor if confirm else require_staff)(actor=actor, order=order)
    require_open(order=order)
    if not kind or not category:
        raise ServiceError(_("Choose the kind and the category."), code="classification_incomplete",
                           fields={name: [_("Required.")] for name, value in (("kind", kind), ("category", category))
                                   if not value})
    after = classification_clean(kind=kind, category=category, urgency=urgency, department=department)
    before = {name: getattr(order, name) for name in FIELDS}
    changed = before != after
    if not changed and not confirm:
        return order
    first = not before["category"]
    for name, value in after.items():
        setattr(order, name, value)
    order.classification_confirmed_at = timezone.now() if confirm else None
    order.classification_confirmed_by = actor if confirm else None
    claim_if_unowned(order=order, actor=actor)
    order.save(update_fields=[*FIELDS, "classification_confirmed_at", "classification_confirmed_by",
                              "updated_at"])
    overridden = after["department"] != default_department(kind=after["kind"], category=after["category"])
    event_type = EventType.RECLASSIFIED if changed and not first else EventType.CLASSIFIED
    event_internal(order=order, type=event_type, actor=actor,
                   note=note, data={"before": before, "after": after, "confirmed": confirm,
                                    "department_overridden": overridden})
    if changed:
        patterns_check(order=order)
    return order
