"""Django admin for the register, shaped for a Chinese-speaking administrator.

Derived columns (a room's code, a phone's last 4 digits) are computed here on save exactly
as the services compute them; lists show phone and ID numbers masked.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from guanjia.core.masking import mask_id_number, mask_phone

from .identifiers import clean_phone, clean_plate
from .models import Building, Community, Company, Occupancy, Person, PhoneNumber, Room, Unit, Vehicle, Zone
from .roomcodes import normalize_part, room_code


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class ZoneInline(admin.TabularInline):
    model = Zone
    extra = 0
    autocomplete_fields = ["manager"]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "company", "service_phone", "address"]
    list_filter = ["company"]
    search_fields = ["name", "code", "address"]
    inlines = [ZoneInline]


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "manager"]
    list_filter = ["community"]
    search_fields = ["name", "community__name"]
    autocomplete_fields = ["manager"]


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["number", "community", "zone", "floors"]
    list_filter = ["community"]
    search_fields = ["number", "community__name"]
    list_select_related = ["community", "zone"]
    inlines = [UnitInline]

    def save_model(self, request: HttpRequest, obj: Building, form: Any, change: bool) -> None:
        obj.number = normalize_part(obj.number)
        super().save_model(request, obj, form, change)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["__str__", "building"]
    list_filter = ["building__community"]
    search_fields = ["building__number", "number"]
    autocomplete_fields = ["building"]


class OccupancyInline(admin.TabularInline):
    model = Occupancy
    extra = 0
    autocomplete_fields = ["person", "room"]
    fields = ["person", "room", "relation", "moved_in", "moved_out", "is_primary_contact"]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["code", "community", "floor", "area", "state"]
    list_filter = ["community", "state"]
    search_fields = ["=code", "=number"]
    readonly_fields = ["code"]
    exclude = ["community"]
    autocomplete_fields = ["unit"]
    list_select_related = ["community"]
    inlines = [OccupancyInline]

    def save_model(self, request: HttpRequest, obj: Room, form: Any, change: bool) -> None:
        building = obj.unit.building
        obj.number = normalize_part(obj.number)
        obj.community_id = building.community_id
        obj.code = room_code(building=building.number, unit=obj.unit.number, number=obj.number)
        super().save_model(request, obj, form, change)


class PhoneInline(admin.TabularInline):
    model = PhoneNumber
    extra = 0
    fields = ["number", "label", "is_primary"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "masked_phone", "masked_id_number", "company", "preferred_language"]
    list_filter = ["company", "occupancies__relation"]
    search_fields = ["name", "=phones__number", "=phones__last4"]
    inlines = [PhoneInline, OccupancyInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        return super().get_queryset(request).select_related("company").prefetch_related("phones")

    @admin.display(description=_("phone"))
    def masked_phone(self, obj: Person) -> str:
        phones = list(obj.phones.all())
        return mask_phone(phones[0].number) if phones else ""

    @admin.display(description=_("ID number"))
    def masked_id_number(self, obj: Person) -> str:
        return mask_id_number(obj.id_number)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is PhoneNumber:
            for phone_form in formset.forms:
                phone = phone_form.instance
                if phone.number:
                    phone.number = clean_phone(phone.number) or phone.number
                    phone.last4 = phone.number[-4:]
        super().save_formset(request, form, formset, change)


@admin.register(Occupancy)
class OccupancyAdmin(admin.ModelAdmin):
    list_display = ["person", "room", "relation", "moved_in", "moved_out", "is_primary_contact"]
    list_filter = ["relation", "room__community"]
    search_fields = ["person__name", "=room__code"]
    autocomplete_fields = ["person", "room"]
    list_select_related = ["person", "room"]


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ["plate", "person", "community"]
    list_filter = ["community"]
    search_fields = ["plate", "person__name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "community"]

    def save_model(self, request: HttpRequest, obj: Vehicle, form: Any, change: bool) -> None:
        obj.plate = clean_plate(obj.plate)
        super().save_model(request, obj, form, change)
