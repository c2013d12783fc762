"""Handling plans (方案) for normal and complex orders (SLA-3, SLA-4).

A normal order's plan is in force once submitted; a complex order's plan waits for the project
manager. Only an approved plan is shown to the resident, in the plain words written for them.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.models import StaffRole
from guanjia.core.errors import Conflict, ServiceError
from guanjia.core.taxonomy import Urgency
from guanjia.notifications.language import phrase

from ..choices import EventType, PlanStatus, Visibility
from ..events import event_append, event_internal
from ..lock_objects import lock_work_order
from ..models import Plan, WorkOrder
from .access import PLAN_APPROVING_ROLES, require_plan_approver, require_staff
from .messages import tell_resident, tell_staff
from .transitions import require_open


@transaction.atomic
def plan_submit(*, order: WorkOrder, actor: Any, solution: str, resident_text: str, cost: Decimal | None = None,
                schedule: str = "", parties: Iterable[str] = ()) -> Plan:
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    require_open(order=order)
    errors = {name: [_("Required.")] for name, value in (("solution", solution), ("resident_text", resident_text))
              if not value.strip()}
    if errors:
        raise ServiceError(_("Write the solution and the words for the resident."), code="plan_incomplete",
                           fields=errors)
    if cost is not None and cost < 0:
        raise ServiceError(_("The cost cannot be negative."), code="invalid_cost", field="cost")
    needs_approval = order.urgency == Urgency.COMPLEX
    plan = Plan.objects.create(order=order, solution=solution.strip(), resident_text=resident_text.strip(),
                               cost=cost, schedule=schedule.strip()[:200],
                               parties=[p.strip()[:100] for p in parties if p and p.strip()],
                               needs_approval=needs_approval, submitted_by=actor)
    event_internal(order=order, type=EventType.PLAN_SUBMITTED, actor=actor, note=plan.solution,
                   data={"plan": str(plan.uuid), "needs_approval": needs_approval})
    if needs_approval:
        approvers = [r.user for r in StaffRole.objects.filter(
            Q(community_id=order.community_id) | Q(community__isnull=True),
            company_id=order.community.company_id, role__in=PLAN_APPROVING_ROLES).select_related("user")]
        tell_staff(recipients=approvers, order=order, kind="plan_submitted",
               title=phrase(_("Plan for %(number)s waits for your approval"), number=order.number),
               body=plan.solution)
    else:
        _put_in_force(plan=plan, actor=actor)
    return plan


@transaction.atomic
def plan_decide(*, plan: Plan, actor: Any, approve: bool, note: str = "") -> Plan:
    """The project manager approves a complex order's plan or sends it back with a note."""
    order = lock_work_order(order_id=plan.order_id)
    require_plan_approver(actor=actor, order=order)
    plan.refresh_from_db()
    if plan.status != PlanStatus.SUBMITTED:
        raise Conflict(_("This plan was already decided."), code="plan_already_decided")
    if not approve and not note.strip():
        raise ServiceError(_("Say why the plan is sent back."), code="reason_required", field="note")
    plan.decided_by, plan.decided_at, plan.decision_note = actor, timezone.now(), note.strip()
    if approve:
        _put_in_force(plan=plan, actor=actor)
    else:
        plan.status = PlanStatus.REJECTED
        plan.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
        event_internal(order=order, type=EventType.PLAN_REJECTED, actor=actor, note=plan.decision_note,
                       data={"plan": str(plan.uuid)})
    return plan


def _put_in_force(*, plan: Plan, actor: Any) -> None:
    Plan.objects.filter(order_id=plan.order_id, status=PlanStatus.APPROVED).exclude(pk=plan.pk).update(
        status=PlanStatus.SUPERSEDED, updated_at=timezone.now())
    plan.status = PlanStatus.APPROVED
    plan.save()
    # The resident sees the plain-words text, never the internal solution or the cost.
    event_append(order=plan.order, type=EventType.PLAN_APPROVED, actor=actor, note=plan.resident_text,
                 visibility=Visibility.RESIDENT, data={"plan": str(plan.uuid), "schedule": plan.schedule})
    tell_resident(order=plan.order, kind="plan_approved", body=plan.resident_text,
                  title=phrase(_("The plan for %(number)s"), number=plan.order.number))
