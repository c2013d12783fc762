"""Explicit output shapes for households; masking is decided by the view, never by the client."""

from typing import Any

from rest_framework import serializers

from guanjia.core.masking import mask_id_number, mask_phone

from ..models import Occupancy, PhoneNumber
from ..selectors import Household


class HouseholdSearchInput(serializers.Serializer):
    q = serializers.CharField(max_length=64, trim_whitespace=True)
    community = serializers.IntegerField(required=False, min_value=1)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=50, default=10)


class HouseholdRevealPhoneInput(serializers.Serializer):
    phone_id = serializers.IntegerField(min_value=1)


class HouseholdCommunityOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.CharField()


class HouseholdRoomOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    community = HouseholdCommunityOutput()
    building = serializers.CharField(source="unit.building.number")
    unit = serializers.CharField(source="unit.number")
    number = serializers.CharField()
    floor = serializers.IntegerField(allow_null=True)
    area = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    state = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    zone = serializers.CharField(source="unit.building.zone.name", default="", allow_null=True)


class HouseholdPhoneOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.SerializerMethodField()
    masked = serializers.BooleanField(default=True)
    is_primary = serializers.BooleanField()
    # Named like ``Field.label``, which the stubs see shadowed; the serializer's metaclass takes
    # declared fields out of the class, so nothing is.
    label = serializers.CharField()  # type: ignore[assignment]

    def get_number(self, phone: PhoneNumber) -> str:
        return phone.number if self.context.get("show_phones") else mask_phone(phone.number)

    def to_representation(self, instance: PhoneNumber) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["masked"] = not self.context.get("show_phones")
        return data


class HouseholdOccupantOutput(serializers.Serializer):
    person_id = serializers.IntegerField()
    name = serializers.CharField(source="person.name")
    relation = serializers.CharField()
    relation_label = serializers.CharField(source="get_relation_display")
    is_primary_contact = serializers.BooleanField()
    moved_in = serializers.DateField(allow_null=True)
    moved_out = serializers.DateField(allow_null=True)
    phones = HouseholdPhoneOutput(source="person.phones.all", many=True)


class HouseholdOccupantDetailOutput(HouseholdOccupantOutput):
    id_number = serializers.SerializerMethodField()
    preferred_language = serializers.CharField(source="person.preferred_language")

    def get_id_number(self, occupancy: Occupancy) -> str:
        number = occupancy.person.id_number
        return number if self.context.get("show_id_numbers") else mask_id_number(number)


class HouseholdHitOutput(serializers.Serializer):
    room = HouseholdRoomOutput()
    matched_by = serializers.CharField()
    occupants = HouseholdOccupantOutput(source="occupancies", many=True)


class HouseholdSearchOutput(serializers.Serializer):
    results = HouseholdHitOutput(many=True)


class HouseholdVehicleOutput(serializers.Serializer):
    plate = serializers.CharField()
    person_id = serializers.IntegerField()


class HouseholdOutput(serializers.Serializer):
    room = HouseholdRoomOutput()
    occupants = HouseholdOccupantDetailOutput(source="occupancies", many=True)
    former_occupants = HouseholdOccupantDetailOutput(source="former_occupancies", many=True)
    vehicles = HouseholdVehicleOutput(many=True)
    phones_masked = serializers.SerializerMethodField()
    can_reveal_phones = serializers.BooleanField(source="can_see_phones")

    def get_phones_masked(self, household: Household) -> bool:
        return not household.can_see_phones


class HouseholdRevealPhoneOutput(serializers.Serializer):
    phone_id = serializers.IntegerField(source="id")
    number = serializers.CharField()
