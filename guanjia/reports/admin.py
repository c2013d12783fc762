from django.contrib import admin

from .models import Export, ImprovementAction, ImprovementUpdate, MonthlyReview


@admin.register(MonthlyReview)
class MonthlyReviewAdmin(admin.ModelAdmin):
    list_display = ("community", "month", "generated_at", "filed_at")
    list_filter = ("community",)
    # The archive is written by the generate service; the admin only reads it.
    readonly_fields = ("community", "month", "figures", "generated_at", "generated_by", "filed_at", "filed_by")


class ImprovementUpdateInline(admin.TabularInline):
    model = ImprovementUpdate
    extra = 0
    readonly_fields = ("at", "author", "text", "published", "households_notified")


@admin.register(ImprovementAction)
class ImprovementActionAdmin(admin.ModelAdmin):
    list_display = ("title", "community", "source", "status", "starts_on", "due_on", "owner")
    list_filter = ("status", "source", "community")
    inlines = [ImprovementUpdateInline]


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    list_display = ("kind", "requested_by", "status", "progress", "rows", "created_at")
    list_filter = ("kind", "status")
    readonly_fields = ("uuid", "requested_by", "kind", "params", "status", "progress", "rows", "file", "error",
                       "finished_at")
