from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    """Where one message to one recipient through one transport stands."""

    PENDING = "pending", _("Waiting to be sent")  # stored; the after-commit task has not run yet
    SENDING = "sending", _("Sending")  # claimed by a worker; the claim expires at next_retry_at
    SENT = "sent", _("Sent")  # the transport accepted it
    FAILED = "failed", _("Failed, will retry")  # the last attempt failed; retried at next_retry_at
    GAVE_UP = "gave_up", _("Gave up")  # every retry failed; needs a person to look at last_error


# Statuses the retry sweep may claim once their next_retry_at has passed.
CLAIMABLE_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.FAILED)
