"""Authorization in one place: what each person may see.

Every selector that reads communities, households or work orders scopes through these
helpers. Staff see the communities they hold a role in (company administrators: every
community of their company); a resident sees only the rooms they currently live in or own.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from guanjia.properties.models import Community, Room

from .choices import Role, UserKind


def _is_staff_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.kind == UserKind.STAFF


def communities_for_user(*, user: Any) -> QuerySet[Community]:
    if not _is_staff_user(user):
        return Community.objects.none()
    if user.is_superuser:
        return Community.objects.all()
    company_wide = user.roles.filter(community__isnull=True).values("company_id")
    direct = user.roles.filter(community__isnull=False).values("community_id")
    return Community.objects.filter(Q(pk__in=direct) | Q(company_id__in=company_wide))


def community_ids_for_user(*, user: Any) -> set[int]:
    """The ids, cached on the user object for the rest of the request."""
    cached = getattr(user, "_guanjia_community_ids", None)
    if cached is None:
        cached = set(communities_for_user(user=user).values_list("pk", flat=True))
        if getattr(user, "is_authenticated", False):
            user._guanjia_community_ids = cached
    return cached


def roles_for_user(*, user: Any, community: Community | int) -> set[str]:
    """The roles ``user`` holds in ``community``, company-wide roles included."""
    if not _is_staff_user(user):
        return set()
    community_id = community if isinstance(community, int) else community.pk
    company_id = (Community.objects.filter(pk=community_id).values_list("company_id", flat=True).first()
                  if isinstance(community, int) else community.company_id)
    roles = user.roles.filter(Q(community_id=community_id) | Q(community__isnull=True, company_id=company_id))
    result = set(roles.values_list("role", flat=True))
    if user.is_superuser:
        result.add(Role.COMPANY_ADMIN)
    return result


def user_has_role(*, user: Any, community: Community | int, roles: frozenset[str] | set[str]) -> bool:
    return bool(roles_for_user(user=user, community=community) & set(roles))


def rooms_for_resident(*, user: Any) -> QuerySet[Room]:
    """The rooms a resident currently lives in or owns (their households)."""
    if not getattr(user, "is_authenticated", False) or user.kind != UserKind.RESIDENT or not user.person_id:
        return Room.objects.none()
    today = timezone.localdate()
    return Room.objects.filter(
        Q(occupancies__moved_out__isnull=True) | Q(occupancies__moved_out__gt=today),
        occupancies__person_id=user.person_id,
    ).distinct()


def community_ids_with_roles(*, user: Any, roles: frozenset[str] | set[str]) -> set[int]:
    """The communities where ``user`` holds one of ``roles`` (company-wide roles included).

    One query, for lists that decide per row whether to show a phone number unmasked.
    """
    if not _is_staff_user(user):
        return set()
    if user.is_superuser and Role.COMPANY_ADMIN in roles:
        return set(Community.objects.values_list("pk", flat=True))
    held = user.roles.filter(role__in=list(roles))
    return set(Community.objects.filter(
        Q(pk__in=held.filter(community__isnull=False).values("community_id"))
        | Q(company_id__in=held.filter(community__isnull=True).values("company_id")),
    ).values_list("pk", flat=True))
