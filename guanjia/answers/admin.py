from django.contrib import admin
from django.http import HttpRequest

from .models import AnswerFeedback, AnswerRevision, CommunityValue, StandardAnswer, UnansweredQuestion


class RevisionInline(admin.TabularInline):
    model = AnswerRevision
    extra = 0
    can_delete = False
    readonly_fields = ("at", "actor", "action", "before", "after", "note")

    def has_add_permission(self, request: HttpRequest, obj: StandardAnswer | None = None) -> bool:
        return False  # history is written by the services only


@admin.register(StandardAnswer)
class StandardAnswerAdmin(admin.ModelAdmin):
    list_display = ("code", "question", "category", "status", "usage_count", "helpful_count",
                    "unhelpful_count", "last_reviewed_at", "company")
    list_filter = ("status", "category", "company")
    search_fields = ("code", "question", "answer")
    # Status and approval change through the review page so every change leaves a revision.
    readonly_fields = ("status", "approved_by", "approved_at", "last_reviewed_at", "usage_count",
                       "helpful_count", "unhelpful_count", "created_by")
    inlines = [RevisionInline]


@admin.register(CommunityValue)
class CommunityValueAdmin(admin.ModelAdmin):
    list_display = ("community", "key", "value")
    list_filter = ("community",)
    search_fields = ("key", "value")


@admin.register(UnansweredQuestion)
class UnansweredQuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "community", "channel", "asked_at", "due_at", "answered_at", "resolved_by_answer")
    list_filter = ("community", "channel")
    search_fields = ("text",)
    raw_id_fields = ("resolved_by_answer", "work_order")


@admin.register(AnswerFeedback)
class AnswerFeedbackAdmin(admin.ModelAdmin):
    list_display = ("answer", "helpful", "source", "community", "at")
    list_filter = ("helpful", "source")
    raw_id_fields = ("answer",)
