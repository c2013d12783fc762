"""What the desk decided, and the models retrained from it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TriageDecision(models.Model):
    """A supervisor confirmed or corrected a classification (REQ-3). Append-only training data."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    company = models.ForeignKey("properties.Company", verbose_name=_("company"), on_delete=models.CASCADE,
                                related_name="+")
    community = models.ForeignKey("properties.Community", verbose_name=_("community"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="+")
    work_order = models.ForeignKey("tickets.WorkOrder", verbose_name=_("work order"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("text"))
    suggested = models.JSONField(_("suggested classification"), default=dict, blank=True)
    final = models.JSONField(_("final classification"))
    # True when the supervisor changed at least one of the four fields: the cases that teach most.
    corrected = models.BooleanField(_("corrected"), default=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("triage decision")
        verbose_name_plural = _("triage decisions")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["community", "at"], name="triage_decision_scope_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.final.get('kind', '')}/{self.final.get('category', '')}"


class TriageModel(models.Model):
    """A model retrained for one community, or for a whole company when ``community`` is empty."""

    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    company = models.ForeignKey("properties.Company", verbose_name=_("company"), on_delete=models.CASCADE,
                                related_name="+")
    community = models.ForeignKey("properties.Community", verbose_name=_("community"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    trained_on = models.PositiveIntegerField(_("examples trained on"), default=0)
    held_back = models.PositiveIntegerField(_("decisions held back"), default=0)
    accuracy_before = models.FloatField(_("accuracy before"), null=True, blank=True)
    accuracy_after = models.FloatField(_("accuracy after"), null=True, blank=True)
    metrics = models.JSONField(_("metrics"), default=dict, blank=True)
    weights = models.JSONField(_("weights"))
    active = models.BooleanField(_("active"), default=False)

    class Meta:
        verbose_name = _("triage model")
        verbose_name_plural = _("triage models")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One active model per scope: the classifier must never have to choose between two.
            models.UniqueConstraint(fields=["community"], condition=Q(active=True, community__isnull=False),
                                    name="triage_model_one_active_per_community"),
            models.UniqueConstraint(fields=["company"], condition=Q(active=True, community__isnull=True),
                                    name="triage_model_one_active_per_company"),
        ]

    def __str__(self) -> str:
        scope = self.community_id and f"community {self.community_id}" or f"company {self.company_id}"
        return f"{scope} {self.created_at:%Y-%m-%d %H:%M}{' (active)' if self.active else ''}"
