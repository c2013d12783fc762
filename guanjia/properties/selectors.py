"""Reads of the register, always scoped by the acting user.

``households_search`` is the desk's one search box while the phone rings: a room code in any
spelling, a name (prefix, then contains), the last 4 digits of a phone, a plate. Every form is
an indexed lookup that yields at most ``limit`` room ids; the rooms and their occupants are
then loaded in a fixed number of queries, however many matched.
"""

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.choices import ROLES_SEEING_ID_NUMBERS, ROLES_SEEING_PHONES, UserKind
from guanjia.accounts.scoping import community_ids_for_user, community_ids_with_roles, rooms_for_resident
from guanjia.core.errors import NotFound

from .identifiers import clean_plate, digits_of, is_plate
from .models import Community, Occupancy, PhoneNumber, Room, Vehicle
from .roomcodes import RoomCode, parse_room_code

if TYPE_CHECKING:  # django-stubs-ext is a development dependency, read by mypy only
    from django_stubs_ext import WithAnnotations

    class _Occupants(TypedDict):
        current_occupancies: list[Occupancy]

    # A room as the household search loads it, with the people living there now.
    RoomWithOccupants = WithAnnotations[Room, _Occupants]

SEARCH_MAX_LIMIT = 50
# A name "contains" search walks every room in scope; beyond this many communities (a company
# administrator's whole company: 100,000 rooms took ~1 s) names match by prefix only.
CONTAINS_MAX_COMMUNITIES = 10
# A name search needs at least one CJK character or two letters: "3" is not a name.
_NAMEISH = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]{2,}")
_PHONEISH = re.compile(r"^[\d\s\-+]+$")
# The start of a plate (浙A123…) or one without its province character (A12345).
_PLATE_PREFIX = re.compile(r"^[\u4e00-\u9fff][A-Z][A-Z0-9]{0,6}$")
_PLATE_NO_PROVINCE = re.compile(r"^[A-Z][A-Z0-9]{4,6}$")


@dataclass
class HouseholdHit:
    room: Room
    matched_by: str
    occupancies: list[Occupancy] = field(default_factory=list)


@dataclass
class Household:
    room: Room
    occupancies: list[Occupancy]
    former_occupancies: list[Occupancy]
    vehicles: list[Vehicle]
    can_see_phones: bool
    can_see_id_numbers: bool


def current_occupancy_q(prefix: str = "") -> Q:
    """Occupancies not yet ended: no move-out date, or one still in the future."""
    today = timezone.localdate()
    return Q(**{f"{prefix}moved_out__isnull": True}) | Q(**{f"{prefix}moved_out__gt": today})


def scoped_rooms(*, user: Any, community_ids: list[int] | set[int] | None = None) -> QuerySet[Room]:
    """Rooms ``user`` may see: staff in their communities, a resident only their own."""
    if getattr(user, "is_authenticated", False) and user.kind == UserKind.RESIDENT:
        rooms = Room.objects.filter(pk__in=rooms_for_resident(user=user).values("pk"))
        return rooms.filter(community_id__in=community_ids) if community_ids is not None else rooms
    allowed = community_ids_for_user(user=user)
    if community_ids is not None:
        allowed = allowed & {int(c) for c in community_ids}
    return Room.objects.filter(community_id__in=allowed)


def _prefix_q(lookup: str, prefix: str) -> Q:
    # PostgreSQL's LIKE 'x%' uses the varchar_pattern_ops index Django adds to indexed CharFields;
    # SQLite's LIKE is case-insensitive and skips the index, but a binary range does not.
    if connection.vendor == "sqlite":
        return Q(**{f"{lookup}__gte": prefix, f"{lookup}__lt": prefix + "\U0010ffff"})
    return Q(**{f"{lookup}__startswith": prefix})


def _room_ids(rooms: QuerySet[Room], condition: Q, limit: int) -> list[int]:
    return list(rooms.filter(condition).order_by("code").values_list("pk", flat=True).distinct()[:limit])


def _rooms_of(rooms: QuerySet[Room], occupancies: QuerySet[Occupancy], limit: int) -> list[int]:
    """Rooms where the matching people currently live, driven from those people.

    ``IN (subquery)`` lets both databases start from the indexed match (name, last4, plate)
    instead of walking every room in scope: at 100,000 rooms company-wide that is 1–20 ms
    instead of a second. No ORDER BY, so the query stops at ``limit``; callers sort the page.
    """
    living = occupancies.filter(current_occupancy_q()).values("room_id")
    return list(rooms.filter(pk__in=living).order_by().values_list("pk", flat=True)[:limit])


def _by_code(rooms: QuerySet[Room], code: RoomCode, limit: int) -> list[int]:
    if code.is_complete:
        return _room_ids(rooms, Q(code=code.canonical), limit)
    condition = Q(number=code.number)
    if code.building is not None:
        # "3-1502": the single unit of building 3 (or every unit's 1502 when there are several).
        condition &= Q(unit__building__number=code.building)
    if code.unit is not None:
        condition &= Q(unit__number=code.unit)
    return _room_ids(rooms, condition, limit)


def _by_phone(rooms: QuerySet[Room], digits: str, limit: int) -> list[int]:
    phones = Q(person__phones__last4=digits[-4:])
    if len(digits) > 4:
        phones &= Q(person__phones__number__endswith=digits)
    return _rooms_of(rooms, Occupancy.objects.filter(phones), limit)


def _by_name(rooms: QuerySet[Room], name: str, limit: int, *, contains: bool = True) -> list[int]:
    found = _rooms_of(rooms, Occupancy.objects.filter(_prefix_q("person__name", name)), limit)
    if not found and contains and len(name) >= 2:
        # "伟明" finds 张伟明. Contains cannot use an index, so it walks the rooms in scope: a few
        # ms for the communities a desk serves, a full scan company-wide (see CONTAINS_MAX_COMMUNITIES).
        condition = current_occupancy_q("occupancies__") & Q(occupancies__person__name__contains=name)
        found = _room_ids(rooms, condition, limit)
    return found


def _by_plate(rooms: QuerySet[Room], plate: str, limit: int) -> list[int]:
    vehicles = Vehicle.objects.filter(_prefix_q("plate", plate)).values("person_id")
    return _rooms_of(rooms, Occupancy.objects.filter(person_id__in=vehicles), limit)


def _by_plate_tail(rooms: QuerySet[Room], tail: str, limit: int) -> list[int]:
    # Without the province character only a suffix match works; a community has few vehicles.
    vehicles = Vehicle.objects.filter(plate__endswith=tail).values("person_id")
    return _rooms_of(rooms, Occupancy.objects.filter(person_id__in=vehicles), limit)


def _search_forms(q: str) -> list[tuple[str, str | RoomCode]]:
    """Which lookups a query can be: ("code", RoomCode), ("phone", digits), ("name", …), ("plate", …)."""
    forms: list[tuple[str, str | RoomCode]] = []
    code = parse_room_code(q)
    digits = digits_of(q)
    phoneish = bool(_PHONEISH.match(q)) and len(digits) >= 4
    if code is not None and not (phoneish and len(digits) > 8):
        forms.append(("code", code))
    if phoneish and not (code is not None and code.is_complete and len(digits) <= 8):
        # "3-2-1502" is a room, not a phone ending in 1502; a bare "1502" may be either.
        forms.append(("phone", digits))
    plate = clean_plate(q)
    if is_plate(plate) or _PLATE_PREFIX.match(plate):
        forms.append(("plate", plate))
    elif _PLATE_NO_PROVINCE.match(plate) and re.search(r"\d", plate):
        forms.append(("plate_tail", plate))
    if _NAMEISH.search(q) and not forms:
        forms.append(("name", q))
    return forms


def households_search(*, user: Any, q: str, community_ids: list[int] | set[int] | None = None,
                      limit: int = 10) -> list[HouseholdHit]:
    """Households matching ``q`` in the communities ``user`` may see, best matches first."""
    q = (q or "").strip()
    limit = max(1, min(int(limit), SEARCH_MAX_LIMIT))
    if not q:
        return []
    rooms = scoped_rooms(user=user, community_ids=community_ids)
    narrow = (getattr(user, "kind", None) == UserKind.RESIDENT
              or len(community_ids or community_ids_for_user(user=user)) <= CONTAINS_MAX_COMMUNITIES)
    lookups = {"code": _by_code, "phone": _by_phone, "plate": _by_plate, "plate_tail": _by_plate_tail,
               "name": lambda r, v, n: _by_name(r, v, n, contains=narrow)}
    matched: dict[int, str] = {}
    for form, value in _search_forms(q):
        if len(matched) >= limit:
            break
        # Each form's value suits its own lookup (a RoomCode for "code", text for the rest).
        for pk in lookups[form](rooms, value, limit - len(matched)):  # type: ignore[operator]
            matched.setdefault(pk, form)
    loaded = {room.pk: room for room in _rooms_with_occupants(list(matched))}
    forms = list(dict.fromkeys(matched.values()))
    ordered = sorted((pk for pk in matched if pk in loaded),
                     key=lambda pk: (forms.index(matched[pk]), loaded[pk].community_id, loaded[pk].code))
    return [HouseholdHit(room=loaded[pk], matched_by=matched[pk], occupancies=loaded[pk].current_occupancies)
            for pk in ordered]


def _rooms_with_occupants(room_ids: list[int]) -> "QuerySet[RoomWithOccupants]":
    current = (Occupancy.objects.filter(current_occupancy_q()).select_related("person")
               .prefetch_related(Prefetch("person__phones", queryset=PhoneNumber.objects.order_by("-is_primary",
                                                                                                 "id")))
               .order_by("-is_primary_contact", "relation", "id"))
    return (Room.objects.filter(pk__in=room_ids)
            .select_related("community", "unit__building__zone")
            .prefetch_related(Prefetch("occupancies", queryset=current, to_attr="current_occupancies")))


def household_detail(*, user: Any, room_id: int) -> Household:
    """One household: the room, who lives there now and before, their phones and vehicles."""
    room = scoped_rooms(user=user).filter(pk=room_id).select_related("community", "unit__building__zone").first()
    if room is None:
        raise NotFound(_("No such household, or not one you may see."), code="household_not_found")
    occupancies = list(room.occupancies.select_related("person").prefetch_related("person__phones")
                       .order_by("-is_primary_contact", "relation", "id"))
    current = [o for o in occupancies if o.moved_out is None or o.moved_out > timezone.localdate()]
    former = [o for o in occupancies if o not in current]
    vehicles = list(Vehicle.objects.filter(community_id=room.community_id,
                                           person_id__in={o.person_id for o in current}).order_by("plate"))
    return Household(
        room=room, occupancies=current, former_occupancies=former, vehicles=vehicles,
        can_see_phones=room.community_id in community_ids_with_roles(user=user, roles=ROLES_SEEING_PHONES),
        can_see_id_numbers=room.community_id in community_ids_with_roles(user=user, roles=ROLES_SEEING_ID_NUMBERS),
    )


def room_lookup(*, community: Community, text: str) -> Room | None:
    """The one room ``text`` names in ``community``; ``3-1502`` resolves when building 3 has one unit."""
    code = parse_room_code(text)
    if code is None or code.building is None:
        return None
    rooms = Room.objects.filter(community=community).select_related("unit__building")
    if code.is_complete:
        return rooms.filter(code=code.canonical).first()
    candidates = list(rooms.filter(unit__building__number=code.building, number=code.number)[:2])
    if len(candidates) == 1 and candidates[0].unit.building.units.count() == 1:
        return candidates[0]
    return None
