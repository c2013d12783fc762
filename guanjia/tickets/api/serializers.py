"""Explicit input and output serializers, one pair per endpoint. Outputs never leak internals to
residents: their events are the resident-visible ones, with only the data fields meant for them."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from guanjia.core.masking import mask_phone
from guanjia.core.taxonomy import Category, Channel, Department, Kind, Urgency

from ..choices import RatingLevel, Visibility
from ..models import WorkOrder, WorkOrderEvent

# What of an event's data a resident may see (worker, times, questions); ids of staff stay inside.
RESIDENT_EVENT_DATA = frozenset({"worker_name", "worker_phone", "expected_arrival", "visit_at", "questions",
                                 "level", "promise_due_at", "schedule", "number", "into", "follow_up_of"})

# Declared fields named like a serializer's own attributes (``data``, ``source``), or redeclared
# by a subclass as another kind of field, are ``type: ignore[assignment]``: the stubs read them as
# those attributes, but the serializer's metaclass takes declared fields out of the class.

# The largest primary key (BigAutoField): a bigger number is refused, never sent to the database.
MAX_ID = 2**63 - 1


def id_field(**kwargs: Any) -> serializers.IntegerField:
    """An id in a request body: a positive number the database can hold."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _photos() -> serializers.ListField:
    return serializers.ListField(child=serializers.FileField(), required=False, default=list, max_length=9,
                                 help_text=_("Up to 9 photos (JPEG, PNG, WebP or HEIC), multipart."))


class PhotoOutput(serializers.Serializer):
    uuid = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    def get_url(self, photo: Any) -> str:
        return photo.image.url if photo.image else ""

    def get_thumbnail_url(self, photo: Any) -> str:
        return photo.thumbnail.url if photo.thumbnail else ""


class EventOutput(serializers.Serializer):
    type = serializers.CharField()
    type_label = serializers.CharField(source="get_type_display")
    at = serializers.DateTimeField()
    actor_name = serializers.SerializerMethodField()
    note = serializers.CharField()
    visibility = serializers.CharField()
    data = serializers.SerializerMethodField()  # type: ignore[assignment]  # a declared field (see the top)
    photos = PhotoOutput(many=True, source="photos.all")

    def get_actor_name(self, event: WorkOrderEvent) -> str:
        return str(event.actor) if event.actor_id else ""

    @extend_schema_field(serializers.DictField())
    def get_data(self, event: WorkOrderEvent) -> dict[str, Any]:
        if self.context.get("staff"):
            return event.data
        return {k: v for k, v in (event.data or {}).items() if k in RESIDENT_EVENT_DATA}


class ResidentPlanOutput(serializers.Serializer):
    uuid = serializers.UUIDField()
    resident_text = serializers.CharField()
    schedule = serializers.CharField()
    created_at = serializers.DateTimeField()


class PlanOutput(ResidentPlanOutput):
    status = serializers.CharField()
    solution = serializers.CharField()
    cost = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    parties = serializers.ListField(child=serializers.CharField())
    needs_approval = serializers.BooleanField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()


class RatingOutput(serializers.Serializer):
    level = serializers.CharField()
    comment = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a declared field (see the top)
    at = serializers.DateTimeField()


class _OrderBase(serializers.Serializer):
    uuid = serializers.UUIDField()
    number = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    kind = serializers.CharField()
    category = serializers.CharField()
    urgency = serializers.CharField()
    channel = serializers.CharField()
    community_name = serializers.CharField(source="community.name")
    room_code = serializers.SerializerMethodField()
    location = serializers.CharField()
    description = serializers.CharField()
    created_at = serializers.DateTimeField()
    resolved_at = serializers.DateTimeField(allow_null=True)

    def get_room_code(self, order: WorkOrder) -> str:
        return order.room.code if order.room is not None else ""


class ResidentOrderOutput(_OrderBase):
    tracking_token = serializers.CharField()


class ResidentOrderDetailOutput(ResidentOrderOutput):
    expectation = serializers.CharField()
    preferred_visit = serializers.CharField()
    visit_at = serializers.DateTimeField(allow_null=True)
    events = EventOutput(many=True, source="visible_events")
    plans = ResidentPlanOutput(many=True, source="visible_plans")
    ratings = RatingOutput(many=True, source="ratings.all")


class TakenEventOutput(EventOutput):
    """An event written in this request: its photos are the ones just stored (context ``photos``)."""

    photos = serializers.SerializerMethodField()  # type: ignore[assignment]  # a declared field (see the top)

    def get_photos(self, event: WorkOrderEvent) -> Any:
        return PhotoOutput(self.context["photos"], many=True).data


class ResidentTakenOutput(ResidentOrderDetailOutput):
    """The 201 answer to a resident's new request, from what intake wrote (context ``created``, ``photos``).

    A new order's timeline as the resident sees it is its creation, and it has no plan or rating
    yet; the order itself was just saved. So the answer is the same as ``ResidentOrderDetailOutput``
    of a re-read (a test compares them) without the six queries of reading it back.
    """

    events = serializers.SerializerMethodField()  # type: ignore[assignment]  # a declared field (see the top)
    plans = serializers.SerializerMethodField()  # type: ignore[assignment]  # a declared field (see the top)
    ratings = serializers.SerializerMethodField()  # type: ignore[assignment]  # a declared field (see the top)

    def get_events(self, order: WorkOrder) -> Any:
        return TakenEventOutput([self.context["created"]], many=True, context=self.context).data

    def get_plans(self, order: WorkOrder) -> list[Any]:
        return []

    def get_ratings(self, order: WorkOrder) -> list[Any]:
        return []


class StaffOrderOutput(_OrderBase):
    department = serializers.CharField()
    contact_name = serializers.CharField()
    contact_phone = serializers.SerializerMethodField(
        help_text=_("Masked (PRV-1); POST …/reveal-phone/ shows it in full and is audited."))
    owner_name = serializers.SerializerMethodField()
    assignee_name = serializers.SerializerMethodField()
    is_repeat = serializers.BooleanField()
    is_hotspot = serializers.BooleanField()
    for_review = serializers.BooleanField()
    media_sensitive = serializers.BooleanField()
    escalation_level = serializers.IntegerField()

    def get_contact_phone(self, order: WorkOrder) -> str:
        return mask_phone(order.contact_phone)

    def get_owner_name(self, order: WorkOrder) -> str:
        return str(order.owner) if order.owner_id else ""

    def get_assignee_name(self, order: WorkOrder) -> str:
        return str(order.assignee) if order.assignee_id else ""


class StaffOrderDetailOutput(StaffOrderOutput):
    expectation = serializers.CharField()
    preferred_visit = serializers.CharField()
    visit_at = serializers.DateTimeField(allow_null=True)
    asset_key = serializers.CharField()
    triage_suggestion = serializers.DictField()
    classification_confirmed_at = serializers.DateTimeField(allow_null=True)
    group_case = serializers.UUIDField(source="group_case.uuid", allow_null=True, default=None)
    merged_into = serializers.CharField(source="merged_into.number", allow_null=True, default=None)
    follow_up_of = serializers.CharField(source="follow_up_of.number", allow_null=True, default=None)
    events = EventOutput(many=True, source="visible_events")
    plans = PlanOutput(many=True, source="visible_plans")
    ratings = RatingOutput(many=True, source="ratings.all")


class PhoneOutput(serializers.Serializer):
    contact_phone = serializers.CharField()


class MyHouseholdOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    community_name = serializers.CharField(source="community.name")


# ---- inputs -------------------------------------------------------------------------------------

class ResidentCreateInput(serializers.Serializer):
    room = id_field(help_text=_("One of my households (GET resident/households/)."))
    description = serializers.CharField(max_length=2000)
    expectation = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)
    preferred_visit = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    photos = _photos()


class StaffCreateInput(serializers.Serializer):
    channel = serializers.ChoiceField(choices=Channel.choices)
    community = id_field(required=False, allow_null=True, default=None)
    room = id_field(required=False, allow_null=True, default=None)
    room_code = serializers.CharField(max_length=48, required=False, default="", allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    person = id_field(required=False, allow_null=True, default=None)
    contact_name = serializers.CharField(max_length=64, required=False, default="", allow_blank=True)
    contact_phone = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    description = serializers.CharField(max_length=2000)
    expectation = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)
    preferred_visit = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    asset_key = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    kind = serializers.ChoiceField(choices=Kind.choices, required=False, default="", allow_blank=True)
    category = serializers.ChoiceField(choices=Category.choices, required=False, default="", allow_blank=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False, default="", allow_blank=True)
    department = serializers.ChoiceField(choices=Department.choices, required=False, default="", allow_blank=True)
    media_sensitive = serializers.BooleanField(required=False, default=False)
    photos = _photos()


class ClassifyInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    category = serializers.ChoiceField(choices=Category.choices)
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    department = serializers.ChoiceField(choices=Department.choices, required=False, default="", allow_blank=True)
    confirm = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)


class NoteTextInput(serializers.Serializer):
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)


class RequiredNoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=2000)


class ResolveInput(RequiredNoteInput):
    photos = _photos()


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class RequestInfoInput(serializers.Serializer):
    questions = serializers.ListField(child=serializers.CharField(max_length=200), min_length=1, max_length=10)


class AnswerInput(serializers.Serializer):
    answer = serializers.CharField(max_length=2000)
    photos = _photos()


class DispatchInput(serializers.Serializer):
    assignee = id_field(required=False, allow_null=True, default=None)
    department = serializers.ChoiceField(choices=Department.choices, required=False, default="", allow_blank=True)
    note = serializers.CharField(max_length=2000, help_text=_("Request, background and what the resident expects."))


class SetOutInput(serializers.Serializer):
    expected_arrival = serializers.DateTimeField(required=False, allow_null=True, default=None)


class MaterialInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    # An int default, passed on as it is: a Decimal would change what a note without quantities stores.
    quantity = serializers.DecimalField(max_digits=10, decimal_places=2, required=False, default=1)  # type: ignore[arg-type]
    unit = serializers.CharField(max_length=16, required=False, default="", allow_blank=True)


class ProgressNoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=2000)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False, default=Visibility.RESIDENT)
    # ``many=True`` makes a ListSerializer, which takes ``max_length``; the stubs check the child's arguments.
    materials = MaterialInput(many=True, required=False, default=list, max_length=50)  # type: ignore[call-arg]
    photos = _photos()


class VisitInput(serializers.Serializer):
    visit_at = serializers.DateTimeField()
    impact = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class HandOverInput(serializers.Serializer):
    new_owner = id_field()
    promise = serializers.CharField(max_length=500)
    promise_due_at = serializers.DateTimeField()


class CallbackInput(serializers.Serializer):
    note = serializers.CharField(max_length=2000)
    level = serializers.ChoiceField(choices=RatingLevel.choices, required=False, default="", allow_blank=True)
    comment = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)


class RateInput(serializers.Serializer):
    level = serializers.ChoiceField(choices=RatingLevel.choices)
    comment = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)


class MergeInput(serializers.Serializer):
    into = serializers.UUIDField(help_text=_("The order that carries on."))
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)


class LinkGroupInput(serializers.Serializer):
    group_case = serializers.UUIDField()


class GroupCaseInput(serializers.Serializer):
    community = id_field()
    title = serializers.CharField(max_length=200)
    media_sensitive = serializers.BooleanField(required=False, default=False)


class GroupCaseOutput(serializers.Serializer):
    uuid = serializers.UUIDField()
    title = serializers.CharField()
    community_name = serializers.CharField(source="community.name")
    media_sensitive = serializers.BooleanField()
    households = serializers.IntegerField()
    open_orders = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class PlanInput(serializers.Serializer):
    solution = serializers.CharField(max_length=4000)
    resident_text = serializers.CharField(max_length=2000)
    cost = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True, default=None)
    schedule = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    parties = serializers.ListField(child=serializers.CharField(max_length=100), required=False, default=list,
                                    max_length=20)


class PlanDecideInput(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)


class SuggestionOutput(serializers.Serializer):
    user_id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    load = serializers.IntegerField()
    zone_manager = serializers.BooleanField()
    skill_match = serializers.BooleanField()
    department_match = serializers.BooleanField()


class BoardOutput(serializers.Serializer):
    due_soon = serializers.IntegerField()
    late = serializers.IntegerField()
    escalated = serializers.IntegerField()
    follow_ups = serializers.IntegerField()
    for_review = serializers.IntegerField()
    group_cases = serializers.IntegerField()
