"""Every read of the notifications app. A person only ever reads their own inbox."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from .choices import CLAIMABLE_STATUSES
from .models import Delivery, Notification


def notifications_for_user(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    notes = Notification.objects.filter(recipient_id=user.pk).select_related("order")
    if unread_only:
        notes = notes.filter(read_at__isnull=True)
    return notes


def unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def deliveries_due(*, limit: int) -> list[int]:
    """Ids of deliveries the retry sweep should attempt now, oldest due first."""
    due = Delivery.objects.filter(status__in=CLAIMABLE_STATUSES, next_retry_at__lte=timezone.now())
    return list(due.order_by("next_retry_at", "id").values_list("pk", flat=True)[:limit])
