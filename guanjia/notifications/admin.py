from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Delivery, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username"]
    raw_id_fields = ["recipient", "order", "community"]
    date_hierarchy = "created_at"


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Where an operator sees what failed to send (status "gave up") and why (last error)."""

    list_display = ["created_at", "transport", "address", "title", "status", "attempts", "next_retry_at"]
    list_filter = ["status", "transport"]
    search_fields = ["address", "title", "last_error"]
    raw_id_fields = ["notification", "recipient", "person", "order", "community"]
    readonly_fields = ["attempts", "last_error", "last_attempt_at", "sent_at"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]

    @admin.action(description=_("Retry the selected deliveries at the next sweep"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        count = services.delivery_retry_now(delivery_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(count)d deliveries will be retried.") % {"count": count})
