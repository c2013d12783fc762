"""Writes to the register: each a keyword-only function in one transaction.

Room codes, phone digits and plates are normalised here, once, so every lookup can be an
exact indexed match (see ``roomcodes`` and ``identifiers``).
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guanjia.core.errors import Conflict, ServiceError

from .choices import Relation, RoomState
from .identifiers import clean_id_number, clean_phone, clean_plate
from .models import Building, Community, Company, Occupancy, Person, PhoneNumber, Room, Unit, Vehicle, Zone
from .roomcodes import normalize_part, room_code


@transaction.atomic
def community_create(*, company: Company, name: str, code: str, address: str = "", service_phone: str = "",
                     desk_hours: list[list[str]] | None = None) -> Community:
    code = code.strip().upper()
    if Community.objects.filter(company=company, code=code).exists():
        raise Conflict(_("Another community of this company already uses this code."), code="community_code_taken",
                       field="code")
    community = Community(company=company, name=name.strip(), code=code, address=address,
                          service_phone=service_phone)
    if desk_hours is not None:
        community.desk_hours = desk_hours
    community.save()
    return community


@transaction.atomic
def building_create(*, community: Community, number: str, zone: Zone | None = None,
                    floors: int | None = None) -> Building:
    number = normalize_part(number)
    if not number:
        raise ServiceError(_("A building needs a number."), code="building_number_missing", field="number")
    if zone is not None and zone.community_id != community.pk:
        raise ServiceError(_("The zone belongs to another community."), code="zone_elsewhere", field="zone")
    building, _created = Building.objects.get_or_create(community=community, number=number,
                                                        defaults={"zone": zone, "floors": floors})
    return building


@transaction.atomic
def unit_create(*, building: Building, number: str = "1") -> Unit:
    number = normalize_part(number) or "1"
    unit, _created = Unit.objects.get_or_create(building=building, number=number)
    return unit


@transaction.atomic
def room_create(*, unit: Unit, number: str, floor: int | None = None, area: Decimal | None = None,
                state: str = RoomState.OCCUPIED) -> Room:
    """Add a room to a unit; its display code (``3-2-1502``) is derived here and nowhere else."""
    number = normalize_part(number)
    if not number:
        raise ServiceError(_("A room needs a number."), code="room_number_missing", field="number")
    if state not in RoomState.values:
        raise ServiceError(_("Unknown room state."), code="room_state_invalid", field="state")
    building = unit.building
    code = room_code(building=building.number, unit=unit.number, number=number)
    if Room.objects.filter(community_id=building.community_id, code=code).exists():
        raise Conflict(_("This room is already in the register."), code="room_exists", field="number")
    if floor is None:
        floor = floor_from_number(number)
    return Room.objects.create(community_id=building.community_id, unit=unit, number=number, code=code,
                               floor=floor, area=area, state=state)


def floor_from_number(number: str) -> int | None:
    """``1502`` is on floor 15, ``302`` on floor 3: the usual numbering of Chinese high-rises."""
    return int(number[:-2]) if number.isdigit() and len(number) >= 3 else None


@transaction.atomic
def person_create(*, company: Company, name: str, phones: list[str] | tuple[str, ...] = (),
                  id_number: str = "", preferred_language: str = "zh-hans", note: str = "") -> Person:
    name = name.strip()
    if not name:
        raise ServiceError(_("A person needs a name."), code="person_name_missing", field="name")
    person = Person.objects.create(company=company, name=name, id_number=clean_id_number(id_number),
                                   preferred_language=preferred_language, note=note)
    for index, number in enumerate(phones):
        phone_add(person=person, number=number, is_primary=index == 0)
    return person


@transaction.atomic
def phone_add(*, person: Person, number: str, is_primary: bool = False, label: str = "") -> PhoneNumber:
    digits = clean_phone(number)
    if digits is None:
        raise ServiceError(_("This is not a valid phone number."), code="phone_invalid", field="phone")
    phone, created = PhoneNumber.objects.get_or_create(
        person=person, number=digits, defaults={"last4": digits[-4:], "is_primary": is_primary, "label": label})
    return phone


@transaction.atomic
def occupancy_create(*, person: Person, room: Room, relation: str = Relation.OWNER, moved_in: date | None = None,
                     is_primary_contact: bool = False) -> Occupancy:
    if relation not in Relation.values:
        raise ServiceError(_("Unknown relation to the room."), code="relation_invalid", field="relation")
    if person.company_id != room.community.company_id:
        raise ServiceError(_("The person belongs to another company."), code="person_elsewhere", field="person")
    current = Occupancy.objects.filter(person=person, room=room, relation=relation, moved_out__isnull=True).first()
    if current is not None:
        return current
    return Occupancy.objects.create(person=person, room=room, relation=relation, moved_in=moved_in,
                                    is_primary_contact=is_primary_contact)


@transaction.atomic
def occupancy_end(*, occupancy: Occupancy, moved_out: date) -> Occupancy:
    if occupancy.moved_in and moved_out < occupancy.moved_in:
        raise ServiceError(_("The move-out date is before the move-in date."), code="moved_out_before_in",
                           field="moved_out")
    occupancy.moved_out = moved_out
    occupancy.save(update_fields=["moved_out", "updated_at"])
    return occupancy


@transaction.atomic
def vehicle_add(*, person: Person, community: Community, plate: str) -> Vehicle:
    plate = clean_plate(plate)
    if len(plate) < 5:
        raise ServiceError(_("This is not a valid plate number."), code="plate_invalid", field="plate")
    if Vehicle.objects.filter(community=community, plate=plate).exclude(person=person).exists():
        raise Conflict(_("This plate is registered to someone else in the community."), code="plate_taken",
                       field="plate")
    vehicle, _created = Vehicle.objects.get_or_create(community=community, plate=plate,
                                                      defaults={"person": person})
    return vehicle
