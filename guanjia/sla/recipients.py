"""Who hears about a deadline: the order's people, the area supervisor, the project manager (SLA-5)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

from guanjia.accounts.choices import Role

User = get_user_model()

# Escalation levels on clocks and orders: 1 reaches the area supervisor, 2 the project manager.
SUPERVISOR_LEVEL = 1
PROJECT_MANAGER_LEVEL = 2


def _holding(order: Any, role: str) -> list[Any]:
    """Active staff holding ``role`` in the order's community (company-wide roles included)."""
    community = order.community
    return list(User.objects.filter(
        Q(roles__community_id=community.pk) | Q(roles__community__isnull=True, roles__company_id=community.company_id),
        roles__role=role, is_active=True).distinct().order_by("pk"))


def order_people(order: Any) -> list[Any]:
    """The first responder who owns the order and whoever is working on it."""
    people = [user for user in (order.owner, order.assignee) if user is not None]
    return people or area_supervisors(order)


def area_supervisors(order: Any) -> list[Any]:
    """The community's customer-service supervisors plus the zone manager of the order's building."""
    people = _holding(order, Role.CS_SUPERVISOR)
    room = order.room
    zone = room.unit.building.zone if room is not None else None
    if zone is not None and zone.manager is not None and zone.manager not in people:
        people.append(zone.manager)
    return people


def project_managers(order: Any) -> list[Any]:
    # A community without a project manager on record still escalates somewhere: the
    # service-centre manager, then the company's administrators.
    for role in (Role.PROJECT_MANAGER, Role.CENTRE_MANAGER, Role.COMPANY_ADMIN):
        people = _holding(order, role)
        if people:
            return people
    return []


def for_level(order: Any, level: int) -> list[Any]:
    return project_managers(order) if level >= PROJECT_MANAGER_LEVEL else area_supervisors(order)


def company_admins() -> list[Any]:
    return list(User.objects.filter(roles__role=Role.COMPANY_ADMIN, is_active=True).distinct().order_by("pk"))
