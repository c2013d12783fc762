"""The property register (台账): company → community → zone → building → unit → room,
and the people who live in or own each room (a room and its people form a household)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from guanjia.core.models import TimeStampedModel

from .choices import Relation, RoomState


def default_desk_hours() -> list[list[str]]:
    # Two windows with a lunch break: working-time clocks stop between them.
    return [["08:30", "12:00"], ["13:30", "17:30"]]


class Company(TimeStampedModel):
    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=32, unique=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Community(TimeStampedModel):
    """A project/residential community (项目/小区) served by one service centre."""

    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.PROTECT,
                                related_name="communities")
    name = models.CharField(_("name"), max_length=100)
    # Prefix of work-order numbers (WT-20261122-0007), unique within the company.
    code = models.CharField(_("short code"), max_length=8)
    address = models.CharField(_("address"), max_length=200, blank=True)
    service_phone = models.CharField(_("service-centre phone"), max_length=32, blank=True)
    desk_hours = models.JSONField(_("desk hours"), default=default_desk_hours,
                                  help_text=_('Opening windows on working days, e.g. [["08:30", "12:00"], '
                                              '["13:30", "17:30"]].'))

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["company_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "code"], name="community_code_unique_in_company"),
        ]

    def __str__(self) -> str:
        return self.name


class Zone(TimeStampedModel):
    """A zone (片区) of a community, looked after by its zone manager (管家)."""

    community = models.ForeignKey(Community, verbose_name=_("community"), on_delete=models.CASCADE,
                                  related_name="zones")
    name = models.CharField(_("name"), max_length=64)
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("zone manager"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="managed_zones")

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["community_id", "name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="zone_name_unique")]

    def __str__(self) -> str:
        return f"{self.community} · {self.name}"


class Building(TimeStampedModel):
    community = models.ForeignKey(Community, verbose_name=_("community"), on_delete=models.CASCADE,
                                  related_name="buildings")
    zone = models.ForeignKey(Zone, verbose_name=_("zone"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="buildings")
    number = models.CharField(_("number"), max_length=16, help_text=_("As written in room codes: 3, A, 12."))
    floors = models.PositiveSmallIntegerField(_("floors"), null=True, blank=True)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["community_id", "number"]
        constraints = [models.UniqueConstraint(fields=["community", "number"], name="building_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}栋"


class Unit(TimeStampedModel):
    building = models.ForeignKey(Building, verbose_name=_("building"), on_delete=models.CASCADE,
                                 related_name="units")
    number = models.CharField(_("number"), max_length=16)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["building_id", "number"]
        constraints = [models.UniqueConstraint(fields=["building", "number"], name="unit_number_unique")]

    def __str__(self) -> str:
        return f"{self.building.number}-{self.number}"


class Room(TimeStampedModel):
    """A room (房号). Its ``code`` (``3-2-1502``) is stored normalised for instant lookup."""

    community = models.ForeignKey(Community, verbose_name=_("community"), on_delete=models.CASCADE,
                                  related_name="rooms")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="rooms")
    number = models.CharField(_("room number"), max_length=16)
    code = models.CharField(_("room code"), max_length=48, editable=False)
    floor = models.SmallIntegerField(_("floor"), null=True, blank=True)
    area = models.DecimalField(_("area (m²)"), max_digits=8, decimal_places=2, null=True, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=RoomState.choices, default=RoomState.OCCUPIED)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["community_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="room_code_unique"),
            models.UniqueConstraint(fields=["unit", "number"], name="room_number_unique_in_unit"),
        ]
        indexes = [models.Index(fields=["community", "number"], name="room_number_idx")]

    def __str__(self) -> str:
        return self.code


class Person(TimeStampedModel):
    """An owner, tenant, family member or company contact known to the company."""

    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.CASCADE,
                                related_name="people")
    name = models.CharField(_("name"), max_length=64, db_index=True)
    id_number = models.CharField(_("ID number"), max_length=32, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=10, default="zh-hans")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class PhoneNumber(TimeStampedModel):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("number"), max_length=20)
    # The desk finds a caller by the last 4 digits; kept as its own indexed column.
    last4 = models.CharField(_("last 4 digits"), max_length=4, editable=False, db_index=True)
    label = models.CharField(_("label"), max_length=32, blank=True)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        ordering = ["person_id", "-is_primary", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "number"], name="phone_unique_per_person")]

    def __str__(self) -> str:
        from guanjia.core.masking import mask_phone

        return mask_phone(self.number)


class Occupancy(TimeStampedModel):
    """How a person relates to a room, and for how long (move-in / move-out)."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="occupancies")
    room = models.ForeignKey(Room, verbose_name=_("room"), on_delete=models.CASCADE, related_name="occupancies")
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    moved_in = models.DateField(_("moved in"), null=True, blank=True)
    moved_out = models.DateField(_("moved out"), null=True, blank=True)
    is_primary_contact = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        verbose_name = _("occupancy")
        verbose_name_plural = _("occupancies")
        ordering = ["room_id", "relation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "room", "relation"], condition=Q(moved_out__isnull=True),
                                    name="occupancy_current_unique"),
            models.CheckConstraint(name="occupancy_dates_ordered",
                                   condition=Q(moved_out__isnull=True) | Q(moved_in__isnull=True)
                                   | Q(moved_out__gte=F("moved_in"))),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_relation_display()} · {self.room}"


class Vehicle(TimeStampedModel):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="vehicles")
    community = models.ForeignKey(Community, verbose_name=_("community"), on_delete=models.CASCADE,
                                  related_name="vehicles")
    plate = models.CharField(_("plate number"), max_length=16, db_index=True)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["plate"]
        constraints = [models.UniqueConstraint(fields=["community", "plate"], name="vehicle_plate_unique")]

    def __str__(self) -> str:
        return self.plate
