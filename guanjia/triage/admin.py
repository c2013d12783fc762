from django.contrib import admin

from .models import TriageDecision, TriageModel


@admin.register(TriageDecision)
class TriageDecisionAdmin(admin.ModelAdmin):
    list_display = ("at", "community", "text", "corrected", "decided_by")
    list_filter = ("corrected", "community")
    search_fields = ("text",)
    readonly_fields = ("at", "company", "community", "work_order", "text", "suggested", "final", "corrected",
                       "decided_by")


@admin.register(TriageModel)
class TriageModelAdmin(admin.ModelAdmin):
    list_display = ("created_at", "company", "community", "trained_on", "accuracy_before", "accuracy_after",
                    "active")
    list_filter = ("active", "company")
    exclude = ("weights",)
    readonly_fields = ("created_at", "company", "community", "created_by", "trained_on", "held_back",
                       "accuracy_before", "accuracy_after", "metrics")
