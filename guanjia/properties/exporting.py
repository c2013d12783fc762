"""Exporting the register in the shape the import reads, personal data masked by role.

Phone numbers and ID numbers appear in full only for roles whose work needs them
(``ROLES_SEEING_PHONES`` / ``ROLES_SEEING_ID_NUMBERS``); every export is audited, with what
was unmasked. A masked export re-imported is refused row by row, never half-written.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.choices import ROLES_SEEING_ID_NUMBERS, ROLES_SEEING_PHONES
from guanjia.accounts.scoping import community_ids_for_user, community_ids_with_roles
from guanjia.core.audit import audit_record
from guanjia.core.errors import NotFound, ServiceError
from guanjia.core.masking import mask_id_number, mask_phone
from guanjia.core.models import AuditAction

from . import register_format as fmt
from .models import Community, Occupancy, Room
from .selectors import current_occupancy_q


@dataclass
class RegisterExport:
    content: bytes
    filename: str
    rows: int
    phones_masked: bool
    id_numbers_masked: bool


def _visibility(actor: Any, community: Community) -> tuple[bool, bool]:
    """(show phones, show ID numbers) for ``actor``; None is the operator at the command line."""
    if actor is None:
        return False, False
    if community.pk not in community_ids_for_user(user=actor):
        raise NotFound(_("No such community, or not one you may see."), code="community_not_found")
    return (community.pk in community_ids_with_roles(user=actor, roles=ROLES_SEEING_PHONES),
            community.pk in community_ids_with_roles(user=actor, roles=ROLES_SEEING_ID_NUMBERS))


def register_rows(*, community: Community, show_phones: bool, show_ids: bool) -> list[list[Any]]:
    """One row per current occupant (a room with nobody attached gets one row of its own)."""
    occupants = (Occupancy.objects.filter(current_occupancy_q()).select_related("person")
                 .prefetch_related("person__phones").order_by("-is_primary_contact", "relation", "id"))
    rooms = (Room.objects.filter(community=community).select_related("unit__building__zone")
             .prefetch_related(Prefetch("occupancies", queryset=occupants, to_attr="current"))
             .order_by("unit__building__number", "unit__number", "floor", "number"))
    rows = []
    for room in rooms.iterator(chunk_size=2000):
        building = room.unit.building
        base = [building.zone.name if building.zone else "", building.number, room.unit.number, room.number,
                room.floor, room.area, fmt.word_for(fmt.STATE_WORDS, room.state)]
        people: Sequence[Occupancy | None] = room.current or [None]
        for occupancy in people:
            rows.append(base + _person_cells(occupancy, show_phones, show_ids))
    return rows


def _person_cells(occupancy: Occupancy | None, show_phones: bool, show_ids: bool) -> list[Any]:
    if occupancy is None:
        return ["", "", "", "", None]
    person = occupancy.person
    phones = "/".join(p.number if show_phones else mask_phone(p.number) for p in person.phones.all())
    id_number = person.id_number if show_ids else mask_id_number(person.id_number)
    return [person.name, fmt.word_for(fmt.RELATION_WORDS, occupancy.relation), phones, id_number,
            occupancy.moved_in]


def register_export(*, actor: Any, community: Community, file_format: str = "xlsx") -> RegisterExport:
    if file_format not in ("xlsx", "csv"):
        raise ServiceError(_("Export as xlsx or csv."), code="export_format", field="format")
    show_phones, show_ids = _visibility(actor, community)
    rows = register_rows(community=community, show_phones=show_phones, show_ids=show_ids)
    content = _xlsx(rows) if file_format == "xlsx" else _csv(rows)
    audit_record(actor=actor, action=AuditAction.EXPORT, obj=community, community_id=community.pk,
                 detail={"rows": len(rows), "format": file_format, "phones_unmasked": show_phones,
                         "id_numbers_unmasked": show_ids})
    return RegisterExport(content=content, filename=f"{community.code}-台账.{file_format}", rows=len(rows),
                          phones_masked=not show_phones, id_numbers_masked=not show_ids)


def _xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    sheet.append(fmt.COLUMNS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(fmt.COLUMNS)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read the Chinese correctly
