"""Configuration in the admin: per-community numbers and group cases. Work orders, their events
and ratings are read-only here: they change only through ``tickets.services`` (and its events)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import GroupCase, Plan, Rating, TicketSettings, WorkOrder, WorkOrderEvent


@admin.register(TicketSettings)
class TicketSettingsAdmin(admin.ModelAdmin):
    list_display = ("community", "repeat_window_days", "hotspot_threshold", "hotspot_window_days", "recent_days")
    list_select_related = ("community",)


@admin.register(GroupCase)
class GroupCaseAdmin(admin.ModelAdmin):
    list_display = ("title", "community", "media_sensitive", "created_at")
    list_filter = ("community", "media_sensitive")
    search_fields = ("title",)
    readonly_fields = ("uuid", "created_by")


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(admin.TabularInline):
    model = WorkOrderEvent
    fields = ("at", "type", "actor", "visibility", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WorkOrder)
class WorkOrderAdmin(_ReadOnly):
    list_display = ("number", "community", "status", "kind", "category", "urgency", "owner", "created_at")
    list_filter = ("status", "urgency", "kind", "community")
    list_select_related = ("community", "owner")
    search_fields = ("number",)
    show_full_result_count = False  # a million orders: no COUNT(*) on every page
    inlines = [EventInline]


@admin.register(Plan)
class PlanAdmin(_ReadOnly):
    list_display = ("order", "status", "needs_approval", "created_at")
    list_filter = ("status", "needs_approval")
    list_select_related = ("order",)


@admin.register(Rating)
class RatingAdmin(_ReadOnly):
    list_display = ("order", "level", "source", "at")
    list_filter = ("level", "source")
    list_select_related = ("order",)
