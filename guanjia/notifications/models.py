"""The staff inbox (in-app notifications) and the record of every delivery through a transport."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import CLAIMABLE_STATUSES, DeliveryStatus


class Notification(models.Model):
    """One message in one person's in-app inbox."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"),
                                  on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    order = models.ForeignKey("tickets.WorkOrder", verbose_name=_("work order"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="notifications")
    community = models.ForeignKey("properties.Community", verbose_name=_("community"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_created_idx"),
            # The unread badge is counted on every console page: keep it an index-only lookup.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notif_unread_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Delivery(models.Model):
    """One message to one address through one transport, with every attempt counted.

    The message is copied here (not only referenced) because residents without an account
    have no Notification row, and a retry must send exactly what was meant at the time.
    """

    transport = models.CharField(_("transport"), max_length=20)
    notification = models.ForeignKey(Notification, verbose_name=_("notification"), null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    person = models.ForeignKey("properties.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    address = models.CharField(_("address"), max_length=200, blank=True,
                               help_text=_("Phone number, e-mail address or user name, by transport."))
    kind = models.CharField(_("kind"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    order = models.ForeignKey("tickets.WorkOrder", verbose_name=_("work order"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="deliveries")
    community = models.ForeignKey("properties.Community", verbose_name=_("community"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    next_retry_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The retry sweep's one query: what is still to send and due now.
            models.Index(fields=["next_retry_at"], condition=Q(status__in=CLAIMABLE_STATUSES),
                         name="delivery_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.transport} → {self.address or self.recipient_id}: {self.get_status_display()}"
