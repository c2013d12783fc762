"""The audit log in the admin: read-only, because nothing may change what was recorded."""

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_repr", "community"]
    list_filter = ["action", "object_type", "community"]
    search_fields = ["object_repr", "object_id", "actor__username"]
    date_hierarchy = "at"
    list_select_related = ["actor", "community"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
