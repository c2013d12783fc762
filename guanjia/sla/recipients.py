"""Who hears about a deadline: the order's people, the area supervisor, the project manager (SLA-5).

The sweep tells hundreds of orders' people in one step, so staff are looked up per community,
not per order: a ``Directory`` loads every role the ladder needs for a set of communities in
one query and answers from memory after that.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

from guanjia.accounts.choices import Role
from guanjia.accounts.models import StaffRole

User = get_user_model()

# Escalation levels on clocks and orders: 1 reaches the area supervisor, 2 the project manager.
SUPERVISOR_LEVEL = 1
PROJECT_MANAGER_LEVEL = 2
# A community without a project manager on record still escalates somewhere: the
# service-centre manager, then the company's administrators.
PROJECT_MANAGER_ROLES = (Role.PROJECT_MANAGER, Role.CENTRE_MANAGER, Role.COMPANY_ADMIN)


class Directory:
    """Active staff by (community, role), company-wide roles included, loaded once per community."""

    ROLES = (Role.CS_SUPERVISOR, *PROJECT_MANAGER_ROLES)

    def __init__(self) -> None:
        self._people: dict[tuple[int, str], list[Any]] = {}
        self._loaded: set[int] = set()
        self._users: dict[int, Any] = {}

    def load_users(self, ids: Iterable[int | None]) -> None:
        """Fetch the named people (owners, assignees, zone managers) not seen yet: one query."""
        missing = {pk for pk in ids if pk is not None and pk not in self._users}
        if missing:
            self._users.update(User.objects.in_bulk(missing))

    def user(self, pk: int | None) -> Any:
        if pk is None:
            return None
        self.load_users([pk])
        return self._users.get(pk)

    def load(self, communities: Iterable[Any]) -> None:
        """Fetch the staff of the communities not seen yet: one query, whatever their number."""
        wanted = {c.pk: c for c in communities if c.pk not in self._loaded}
        if not wanted:
            return
        companies = {c.company_id for c in wanted.values()}
        rows = StaffRole.objects.filter(role__in=self.ROLES, user__is_active=True).filter(
            Q(community_id__in=list(wanted)) | Q(community__isnull=True, company_id__in=companies),
        ).select_related("user")
        found: dict[tuple[int, str], dict[int, Any]] = defaultdict(dict)
        for row in rows:
            targets = [row.community_id] if row.community_id else [
                pk for pk, community in wanted.items() if community.company_id == row.company_id]
            for pk in targets:
                found[(pk, row.role)].setdefault(row.user_id, row.user)
        for key, users in found.items():
            self._people[key] = [users[pk] for pk in sorted(users)]
        self._loaded.update(wanted)

    def holding(self, community: Any, role: str) -> list[Any]:
        self.load([community])
        return list(self._people.get((community.pk, role), []))

    def order_people(self, order: Any, zone_manager_id: int | None) -> list[Any]:
        """The first responder who owns the order and whoever is working on it."""
        people = [user for user in map(self.user, (order.owner_id, order.assignee_id)) if user is not None]
        return people or self.area_supervisors(order, zone_manager_id)

    def area_supervisors(self, order: Any, zone_manager_id: int | None) -> list[Any]:
        """The community's supervisors plus the zone manager of the order's building (by id: the
        caller reads it with the order, so no per-order walk room → unit → building → zone)."""
        people = self.holding(order.community, Role.CS_SUPERVISOR)
        manager = self.user(zone_manager_id)
        if manager is not None and manager not in people:
            people.append(manager)
        return people

    def project_managers(self, order: Any) -> list[Any]:
        for role in PROJECT_MANAGER_ROLES:
            people = self.holding(order.community, role)
            if people:
                return people
        return []

    def for_level(self, order: Any, level: int, zone_manager_id: int | None) -> list[Any]:
        if level >= PROJECT_MANAGER_LEVEL:
            return self.project_managers(order)
        return self.area_supervisors(order, zone_manager_id)


def company_admins() -> list[Any]:
    return list(User.objects.filter(roles__role=Role.COMPANY_ADMIN, is_active=True).distinct().order_by("pk"))
