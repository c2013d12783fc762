from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guanjia.core.models import TimeStampedModel
from guanjia.core.taxonomy import Department

from .choices import Role, UserKind


class User(AbstractUser):
    """A person who logs in: staff (by username) or a resident (by phone number)."""

    kind = models.CharField(_("kind"), max_length=16, choices=UserKind.choices, default=UserKind.STAFF)
    display_name = models.CharField(_("display name"), max_length=64, blank=True)
    # Residents log in with their phone number; staff may have one for notifications.
    phone = models.CharField(_("phone"), max_length=20, null=True, blank=True, unique=True)
    department = models.CharField(_("department"), max_length=32, choices=Department.choices, blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True,
                              help_text=_("Trades this person can be dispatched for, e.g. lift, plumbing."))
    preferred_language = models.CharField(_("preferred language"), max_length=10, default="zh-hans")
    person = models.OneToOneField(
        "properties.Person", verbose_name=_("resident record"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="account",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                name="resident_has_person",
                condition=~Q(kind=UserKind.RESIDENT) | Q(person__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_resident(self) -> bool:
        return self.kind == UserKind.RESIDENT


class StaffRole(TimeStampedModel):
    """A staff member holds a role in a community; a company-wide role has no community."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles")
    company = models.ForeignKey("properties.Company", verbose_name=_("company"), on_delete=models.CASCADE,
                                related_name="staff_roles")
    community = models.ForeignKey("properties.Community", verbose_name=_("community"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="staff_roles")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        ordering = ["user_id", "community_id", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "community", "role"], name="staffrole_unique_per_community"),
            models.UniqueConstraint(fields=["user", "company", "role"], condition=Q(community__isnull=True),
                                    name="staffrole_unique_company_wide"),
        ]

    def __str__(self) -> str:
        where = self.community or self.company
        return f"{self.user} · {self.get_role_display()} · {where}"
