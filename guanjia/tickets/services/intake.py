"""Intake from every channel (REQ-1, REQ-2): one service creates a work order.

Also the questions asked back before dispatch (waiting for information) and the
acknowledgement by the first agent who takes a resident's request.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.scoping import rooms_for_resident
from guanjia.core.errors import ServiceError
from guanjia.core.models import Photo
from guanjia.core.taxonomy import Channel, Urgency
from guanjia.notifications.language import phrase
from guanjia.properties.choices import Relation
from guanjia.properties.models import Community, Occupancy, Person, Room
from guanjia.properties.roomcodes import normalize_room_code
from guanjia.properties.selectors import current_occupancy_q

from ..choices import EventType, Status
from ..events import event_created
from ..lock_objects import lock_work_order, next_order_sequence
from ..models import WorkOrder, WorkOrderEvent
from ..triage_seam import Suggester, suggest_classification
from .access import is_resident, require_staff, require_staff_in_community, require_staff_or_household
from .attachments import photos_prepare, photos_save, photos_store
from .classification import classification_clean
from .messages import tell_desk, tell_resident
from .ownership import claim_if_unowned
from .patterns import normalize_asset_key, patterns_check
from .transitions import require_status, workorder_transition


@dataclass
class IntakeRequest:
    """What the desk, the portal or a patrol tells us about a request (REQ-2)."""

    channel: str
    description: str
    community: Community | None = None
    room: Room | None = None
    room_id: int | None = None  # the API names a room by id; the service looks it up and checks it
    room_code: str = ""
    location: str = ""
    person: Person | None = None
    contact_name: str = ""
    contact_phone: str = ""
    expectation: str = ""
    preferred_visit: str = ""
    asset_key: str = ""
    kind: str = ""
    category: str = ""
    urgency: str = ""
    department: str = ""
    media_sensitive: bool = False
    photos: Iterable[Any] = field(default_factory=list)


def order_number(*, community: Community, day: datetime.date) -> str:
    """``CH-20261122-0007``: the community's code, the local day, a per-day sequence."""
    seq = next_order_sequence(community_id=community.pk, day=day)
    return f"{community.code}-{day:%Y%m%d}-{seq:04d}"


@dataclass
class Taken:
    """What one intake call did: the order, and what it wrote (None when a retry got the first one)."""

    order: WorkOrder
    created: WorkOrderEvent | None = None
    photos: list[Photo] = field(default_factory=list)


def workorder_intake(*, actor: Any, request: IntakeRequest, idempotency_key: str | None = None,
                     suggest: Suggester | None = None) -> WorkOrder:
    """Create a work order; a retry with the same ``idempotency_key`` returns the first one."""
    return workorder_take(actor=actor, request=request, idempotency_key=idempotency_key, suggest=suggest).order


def workorder_take(*, actor: Any, request: IntakeRequest, idempotency_key: str | None = None,
                   suggest: Suggester | None = None) -> Taken:
    """``workorder_intake``, also telling what it wrote (an API answers from it without re-reading).

    Everything that can refuse the request (who, where, what, the photos) is checked before the
    number is taken, and only reads until then; the write itself is one transaction.
    """
    key = (idempotency_key or "").strip()[:80] or None
    if key and (existing := _by_key(actor=actor, key=key)):
        return Taken(order=existing)
    order, source = _draft(actor=actor, request=request, key=key, suggest=suggest)
    # Photos are checked and re-encoded before the number is taken: a refused picture costs no
    # number, and no one waits for image work.
    photos = photos_prepare(files=request.photos, community=order.community)
    # The number is taken last, just before the write. Outside a caller's transaction it is one
    # statement committed at once, so the community's counter row is locked for that statement
    # only, not while the order, its events, clocks and messages are written and flushed to disk
    # (eight residents of a community filing at once used to queue one commit behind another).
    # A write that fails after this point leaves a gap in the day's numbers, never a duplicate.
    order.number = order_number(community=order.community, day=timezone.localdate())
    try:
        return _save(order=order, actor=actor, source=source, photos=photos)
    except IntegrityError:
        # Two retries raced past the lookup above; the database let only one in. Return it.
        if key and (existing := _by_key(actor=actor, key=key)):
            return Taken(order=existing)
        raise


def _by_key(*, actor: Any, key: str) -> WorkOrder | None:
    return WorkOrder.objects.filter(created_by=actor, idempotency_key=key).first()


def _draft(*, actor: Any, request: IntakeRequest, key: str | None,
           suggest: Suggester | None) -> tuple[WorkOrder, str]:
    """The unsaved order, checked and classified; raises ServiceError on anything refused."""
    if not request.description.strip():
        raise ServiceError(_("Describe what happened."), code="description_required", field="description")
    if request.channel not in Channel.values:
        raise ServiceError(_("Unknown channel."), code="invalid_channel", field="channel")
    room, community = _where(actor=actor, request=request)
    order = WorkOrder(community=community, room=room, idempotency_key=key, created_by=actor,
                      channel=Channel.PORTAL if is_resident(actor) else request.channel,
                      location=request.location.strip()[:200], description=request.description.strip(),
                      expectation=request.expectation.strip(), preferred_visit=request.preferred_visit[:100],
                      media_sensitive=request.media_sensitive)
    _fill_contact(order=order, actor=actor, request=request)
    order.asset_key = normalize_asset_key(request.asset_key or ("" if room else order.location))
    suggestion = suggest_classification(order.description, community=community, suggest=suggest)
    source = _fill_classification(order=order, request=request, suggestion=suggestion)
    # First-responder ownership: staff who take the request own it; a resident's request is
    # owned by the first agent who acknowledges it.
    order.owner = None if is_resident(actor) else actor
    return order, source


@transaction.atomic
def _save(*, order: WorkOrder, actor: Any, source: str, photos: list[Any]) -> Taken:
    stored = photos_save(prepared=photos, actor=actor, community=order.community)
    order.save()
    classified = {"source": source, "kind": order.kind, "category": order.category, "urgency": order.urgency,
                  "department": order.department} if source else None
    created = event_created(order=order, actor=actor, photos=stored, classified=classified,
                            data={"channel": order.channel, "number": order.number})
    patterns_check(order=order)
    if order.owner_id is None:
        tell_desk(order=order, kind="new_request", body=order.description,
                  title=phrase(_("New request %(number)s from %(room)s"), number=order.number,
                               room=str(order.room or order.location)))
    return Taken(order=order, created=created, photos=stored)


def _where(*, actor: Any, request: IntakeRequest) -> tuple[Room | None, Community]:
    if is_resident(actor):
        return _resident_home(actor=actor, request=request)
    room = request.room or _room_by_id(request=request) or _room_by_code(request=request)
    if room is None and (request.room_code.strip() or request.room_id):
        raise ServiceError(_("No room %(code)s in this community.") % {"code": request.room_code},
                           code="unknown_room", field="room")
    community = request.community or (room.community if room else None)
    if community is None:
        raise ServiceError(_("Name the community, the room or the place."), code="community_required",
                           field="community")
    if room is not None and room.community_id != community.pk:
        raise ServiceError(_("This room is not in this community."), code="unknown_room", field="room")
    if room is None and not request.location.strip():
        raise ServiceError(_("Give a room or a place."), code="location_required", field="location")
    require_staff_in_community(actor=actor, community_id=community.pk)
    return room, community


def _resident_home(*, actor: Any, request: IntakeRequest) -> tuple[Room, Community]:
    """A resident files only for a home of theirs: looked up, checked and loaded in one query."""
    room = request.room or _room_by_code(request=request)
    if room is None and request.room_id is None and request.room_code.strip():
        raise ServiceError(_("No room %(code)s in this community.") % {"code": request.room_code},
                           code="unknown_room", field="room")
    wanted = room.pk if room is not None else request.room_id
    home = (rooms_for_resident(user=actor).select_related("community").filter(pk=wanted).first()
            if wanted is not None else None)
    if home is None:
        raise ServiceError(_("You can only file requests for your own home."), code="room_not_yours",
                           field="room", status=403)
    return home, home.community


def _room_by_id(*, request: IntakeRequest) -> Room | None:
    if request.room_id is None:
        return None
    return Room.objects.select_related("community").filter(pk=request.room_id).first()


def _room_by_code(*, request: IntakeRequest) -> Room | None:
    if not request.room_code.strip() or request.community is None:
        return None
    code = normalize_room_code(request.room_code) or request.room_code.strip()
    return Room.objects.filter(community=request.community, code=code).first()


def _fill_contact(*, order: WorkOrder, actor: Any, request: IntakeRequest) -> None:
    person = actor.person if is_resident(actor) else request.person
    if person is not None and person.company_id != order.community.company_id:
        raise ServiceError(_("Unknown person."), code="unknown_person", field="person")
    named = person is not None or bool(request.contact_name.strip() or request.contact_phone.strip())
    if not named and order.room is not None:
        # The desk named only the room (a patrol, a neighbour calling): the household's primary
        # contact hears about the order and can follow it, as if they had called themselves.
        person = room_primary_contact(room=order.room)
    order.person = person
    order.contact_name = (request.contact_name.strip() or (person.name if person else ""))[:64]
    if is_resident(actor):
        fallback_phone = actor.phone or ""
    elif request.contact_name.strip():
        fallback_phone = ""  # someone else was named: never text the register's person instead
    else:
        fallback_phone = person_phone(person=person) if person else ""
    order.contact_phone = (request.contact_phone.strip() or fallback_phone)[:20]


def room_primary_contact(*, room: Room) -> Person | None:
    """Who speaks for the household now: the current primary contact, else a current owner."""
    stay = (Occupancy.objects.filter(current_occupancy_q(), room=room)
            .filter(Q(is_primary_contact=True) | Q(relation=Relation.OWNER))
            .select_related("person").order_by("-is_primary_contact", "id").first())
    return stay.person if stay else None


def person_phone(*, person: Person) -> str:
    """The person's primary phone number from the register (any number if none is marked)."""
    return person.phones.order_by("-is_primary", "id").values_list("number", flat=True).first() or ""


def _fill_classification(*, order: WorkOrder, request: IntakeRequest,
                         suggestion: dict[str, Any] | None) -> str:
    """Explicit choices win; a suggestion pre-fills the rest. Returns where it came from."""
    order.triage_suggestion = suggestion or {}
    explicit = {k: getattr(request, k) for k in ("kind", "category", "urgency", "department")
                if getattr(request, k)}
    suggested = {k: v for k, v in (suggestion or {}).items()
                 if k in ("kind", "category", "urgency", "department") and v}
    if "department" in suggested and any(suggested.get(k) != explicit[k] for k in ("kind", "category")
                                         if k in explicit):
        # The person chose another kind or category: the suggested department followed the
        # suggested ones, so the taxonomy's default for the person's choice applies instead.
        del suggested["department"]
    chosen = {**suggested, **explicit}
    if not chosen:
        return ""
    clean = classification_clean(kind=chosen.get("kind", ""), category=chosen.get("category", ""),
                                 urgency=chosen.get("urgency") or Urgency.NORMAL,
                                 department=chosen.get("department", ""))
    for name, value in clean.items():
        setattr(order, name, value)
    return "intake" if explicit else "suggestion"


@transaction.atomic
def workorder_acknowledge(*, order: WorkOrder, actor: Any, note: str = "") -> WorkOrder:
    """An agent confirmed the details with the resident; the first one to do so owns the order."""
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    claim_if_unowned(order=order, actor=actor)
    workorder_transition(order=order, to=Status.ACKNOWLEDGED, actor=actor, event_type=EventType.ACKNOWLEDGED,
                         note=note, visibility="resident")
    return order


@transaction.atomic
def workorder_request_info(*, order: WorkOrder, actor: Any, questions: list[str]) -> WorkOrder:
    """Ask back before dispatch (REQ-1): which lift, anyone trapped, what symptoms."""
    order = lock_work_order(order_id=order.pk)
    require_staff(actor=actor, order=order)
    asked = [q.strip() for q in questions if q and q.strip()]
    if not asked:
        raise ServiceError(_("Ask at least one question."), code="questions_required", field="questions")
    claim_if_unowned(order=order, actor=actor)
    workorder_transition(order=order, to=Status.WAITING_INFO, actor=actor,
                         event_type=EventType.INFO_REQUESTED, note="\n".join(asked), visibility="resident",
                         data={"questions": asked})
    tell_resident(order=order, kind="info_requested", body="\n".join(asked),
                  title=phrase(_("A few questions about %(number)s"), number=order.number))
    return order


@transaction.atomic
def workorder_receive_info(*, order: WorkOrder, actor: Any, answer: str, photos: Iterable[Any] = ()) -> WorkOrder:
    """The resident answered (in the portal, or an agent records what they said on the phone)."""
    order = lock_work_order(order_id=order.pk)
    require_staff_or_household(actor=actor, order=order)
    require_status(order=order, allowed={Status.WAITING_INFO})
    if not answer.strip():
        raise ServiceError(_("Write the answer."), code="answer_required", field="answer")
    stored = photos_store(files=photos, actor=actor, community=order.community)
    back_to = Status.ACKNOWLEDGED if order.acknowledged_at else Status.NEW
    workorder_transition(order=order, to=back_to, actor=actor, event_type=EventType.INFO_RECEIVED,
                         note=answer.strip(), visibility="resident", photos=stored)
    return order
