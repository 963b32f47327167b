from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import ApiToken, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "credit_code", "region", "status", "is_demo")
    list_filter = ("kind", "status", "is_demo")
    search_fields = ("name", "credit_code")
    autocomplete_fields = ("region",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("PilotHub", {"fields": ("role", "organisation", "region", "display_name", "phone")}))
    list_display = ("username", "display_name", "role", "organisation", "region", "is_active")
    list_filter = ("role", "is_active")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("key_hash", "prefix", "created_at", "last_used_at")
