"""The writing half of the register import: checked rows → zones, buildings, rooms, people.

Runs inside the import's transaction. Lookups are cached per file so a 3,000-row register
costs a few queries per row, not per cell; people are matched by name and phone so importing
the same file twice changes nothing.
"""

from typing import TYPE_CHECKING

from django.db.models import Q

from .models import Community, Occupancy, Person, PhoneNumber, Room, Unit, Zone
from .selectors import current_occupancy_q
from .services import building_create, occupancy_create, person_create, phone_add, room_create, unit_create

if TYPE_CHECKING:
    from .importing import RegisterRow


class _Writer:
    def __init__(self, community: Community) -> None:
        self.community = community
        self.counts = {"rooms_created": 0, "rooms_updated": 0, "people_created": 0, "occupancies_created": 0}
        self.zones = {z.name: z for z in community.zones.all()}
        self.buildings = {b.number: b for b in community.buildings.all()}
        self.units = {(u.building.number, u.number): u
                      for u in Unit.objects.filter(building__community=community).select_related("building")}
        self.rooms = {r.code: r for r in community.rooms.all()}
        self.primary_rooms = set(Occupancy.objects.filter(current_occupancy_q(), room__community=community,
                                                          is_primary_contact=True).values_list("room_id", flat=True))

    def zone(self, name: str) -> Zone | None:
        if not name:
            return None
        if name not in self.zones:
            self.zones[name], _created = Zone.objects.get_or_create(community=self.community, name=name)
        return self.zones[name]

    def unit(self, row: "RegisterRow") -> Unit:
        building = self.buildings.get(row.building)
        if building is None:
            building = building_create(community=self.community, number=row.building, zone=self.zone(row.zone))
            self.buildings[row.building] = building
        key = (row.building, row.unit)
        if key not in self.units:
            self.units[key] = unit_create(building=building, number=row.unit)
        return self.units[key]

    def room(self, row: "RegisterRow") -> Room:
        unit = self.unit(row)
        code = f"{row.building}-{row.unit}-{row.number}"
        room = self.rooms.get(code)
        if room is None:
            room = room_create(unit=unit, number=row.number, floor=row.floor, area=row.area,
                               state=row.state or "occupied")
            self.rooms[code] = room
            self.counts["rooms_created"] += 1
            return room
        changes = {k: v for k, v in (("floor", row.floor), ("area", row.area), ("state", row.state))
                   if v is not None and getattr(room, k) != v}
        if changes:
            Room.objects.filter(pk=room.pk).update(**changes)
            for key, value in changes.items():
                setattr(room, key, value)
            self.counts["rooms_updated"] += 1
        return room

    def person(self, row: "RegisterRow", room: Room) -> Person:
        company = self.community.company
        known = (PhoneNumber.objects.filter(person__company=company, person__name=row.name, number__in=row.phones)
                 .select_related("person").first() if row.phones else None)
        person = known.person if known else Person.objects.filter(
            Q(company=company, name=row.name), current_occupancy_q("occupancies__"),
            occupancies__room=room).first()
        if person is None:
            self.counts["people_created"] += 1
            return person_create(company=company, name=row.name, phones=row.phones, id_number=row.id_number)
        for number in row.phones:
            phone_add(person=person, number=number)
        if row.id_number and not person.id_number:
            Person.objects.filter(pk=person.pk).update(id_number=row.id_number)
        return person

    def write(self, row: "RegisterRow") -> None:
        room = self.room(row)
        if not row.name:
            return
        person = self.person(row, room)
        before = Occupancy.objects.filter(current_occupancy_q(), person=person, room=room,
                                          relation=row.relation).exists()
        occupancy_create(person=person, room=room, relation=row.relation, moved_in=row.moved_in,
                         is_primary_contact=room.pk not in self.primary_rooms)
        self.primary_rooms.add(room.pk)
        self.counts["occupancies_created"] += 0 if before else 1


def write_rows(*, community: Community, rows: list["RegisterRow"]) -> dict[str, int]:
    writer = _Writer(community)
    for row in rows:
        writer.write(row)
    return writer.counts



