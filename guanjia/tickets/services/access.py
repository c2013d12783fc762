"""Who may act on a work order. Every service checks here before it writes.

Staff act on orders of the communities they hold a role in; a resident only on orders for
the rooms they live in or own. An order outside someone's reach is "not found" rather than
"forbidden", so an id never tells a stranger that the order exists.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from guanjia.accounts.choices import SUPERVISING_ROLES, Role, UserKind
from guanjia.accounts.scoping import community_ids_for_user, rooms_for_resident, user_has_role
from guanjia.core.errors import Forbidden, NotFound

from ..models import WorkOrder

# Who approves a complex order's plan (SLA-4): the project manager, or an administrator.
PLAN_APPROVING_ROLES = frozenset({Role.PROJECT_MANAGER, Role.COMPANY_ADMIN})


def is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.kind == UserKind.STAFF


def is_resident(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.kind == UserKind.RESIDENT


def _not_found() -> NotFound:
    return NotFound(_("This work order does not exist or is not yours to see."), code="not_found")


def staff_may_act(*, actor: Any, community_id: int) -> bool:
    return is_staff(actor) and community_id in community_ids_for_user(user=actor)


def require_staff(*, actor: Any, order: WorkOrder) -> None:
    if not staff_may_act(actor=actor, community_id=order.community_id):
        raise _not_found()


def require_staff_in_community(*, actor: Any, community_id: int) -> None:
    if not staff_may_act(actor=actor, community_id=community_id):
        raise Forbidden(_("You do not work in this community."), code="not_your_community")


def resident_owns_order(*, actor: Any, order: WorkOrder) -> bool:
    return (is_resident(actor) and order.room_id is not None
            and rooms_for_resident(user=actor).filter(pk=order.room_id).exists())


def require_staff_or_household(*, actor: Any, order: WorkOrder) -> None:
    """The resident of the order's room, or staff of its community (recording on their behalf)."""
    if not (resident_owns_order(actor=actor, order=order)
            or staff_may_act(actor=actor, community_id=order.community_id)):
        raise _not_found()


def require_supervisor(*, actor: Any, order: WorkOrder) -> None:
    require_staff(actor=actor, order=order)
    if not user_has_role(user=actor, community=order.community, roles=SUPERVISING_ROLES):
        raise Forbidden(_("Only a supervisor can confirm a classification."), code="supervisor_only")


def require_assignee_or_supervisor(*, actor: Any, order: WorkOrder) -> None:
    """Field steps are the assignee's; a supervisor may record them on the assignee's behalf."""
    require_staff(actor=actor, order=order)
    if order.assignee_id == actor.pk:
        return
    if not user_has_role(user=actor, community=order.community, roles=SUPERVISING_ROLES):
        raise Forbidden(_("Only the person this order is dispatched to can do this."), code="not_assignee")


def require_plan_approver(*, actor: Any, order: WorkOrder) -> None:
    require_staff(actor=actor, order=order)
    if not user_has_role(user=actor, community=order.community, roles=PLAN_APPROVING_ROLES):
        raise Forbidden(_("Only the project manager approves plans for complex orders."),
                        code="project_manager_only")
