"""Admin for staff and resident accounts and their roles; phones shown masked in lists."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from guanjia.core.masking import mask_phone

from .models import StaffRole, User


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    fk_name = "user"
    extra = 0
    fields = ["company", "community", "role"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "display_name", "kind", "department", "masked_phone", "is_active"]
    list_filter = ["kind", "department", "is_active", "roles__role", "roles__community"]
    search_fields = ["username", "display_name", "=phone"]
    autocomplete_fields = ["person"]
    inlines = [StaffRoleInline]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Guanjia"), {"fields": ("kind", "display_name", "phone", "department", "skills", "preferred_language",
                                   "person")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Guanjia"), {"fields": ("kind", "display_name", "phone", "department")}),
    )

    @admin.display(description=_("phone"))
    def masked_phone(self, obj: User) -> str:
        return mask_phone(obj.phone)


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "community", "company"]
    list_filter = ["role", "company", "community"]
    search_fields = ["user__username", "user__display_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "community", "company"]
