from django.contrib import admin
from django.http import HttpRequest

from .models import CalendarDay, Clock, SlaPolicy


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = ("community", "clock_type", "kind", "urgency", "category", "duration", "unit",
                    "working_time", "pauses", "active")
    list_filter = ("community", "clock_type", "active")
    list_select_related = ("community",)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working_day", "name")
    list_filter = ("is_working_day",)
    date_hierarchy = "date"
    search_fields = ("name",)


@admin.register(Clock)
class ClockAdmin(admin.ModelAdmin):
    """Read-only: clocks move only with the order's events and the sweep."""

    list_display = ("order", "type", "state", "started_at", "due_at", "met_at", "breached_at",
                    "escalation_level")
    list_filter = ("state", "type")
    list_select_related = ("order",)
    search_fields = ("order__number",)
    raw_id_fields = ("order",)

    def has_add_permission(self, request: HttpRequest, obj: Clock | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Clock | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Clock | None = None) -> bool:
        return False
