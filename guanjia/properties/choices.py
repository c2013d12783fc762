from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RoomState(models.TextChoices):
    OCCUPIED = "occupied", _("Occupied")  # someone lives there: counts in interaction and visit quotas
    VACANT = "vacant", _("Vacant")  # handed over but empty: patrolled by the zone manager
    RENOVATING = "renovating", _("Renovating")  # under renovation: permit, debris and noise rules apply


class Relation(models.TextChoices):
    OWNER = "owner", pgettext_lazy("relation to a room", "Owner")  # 业主, not the owner of a work order
    TENANT = "tenant", _("Tenant")
    FAMILY = "family", _("Family member")
    COMPANY_CONTACT = "company_contact", _("Company contact")
