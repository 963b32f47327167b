from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ApiToken, Organisation, User
from .two_factor import two_factor_reset


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "credit_code", "region", "status", "is_demo")
    list_filter = ("kind", "status", "is_demo")
    search_fields = ("name", "credit_code")
    autocomplete_fields = ("region",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("PilotHub", {"fields": ("role", "organisation", "region", "display_name", "phone", "password_changed_at")}))
    readonly_fields = ("password_changed_at",)
    list_display = ("username", "display_name", "role", "organisation", "region", "is_active")
    list_filter = ("role", "is_active")
    actions = ["reset_two_factor"]

    @admin.action(description=_("重置双因素认证（手机丢失时；用户下次登录重新绑定）"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor_reset(user=user, actor=request.user)
        count = queryset.count()
        self.message_user(request, ngettext("已重置 %(count)d 个用户的双因素认证。", "已重置 %(count)d 个用户的双因素认证。",
                                            count) % {"count": count}, messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("key_hash", "prefix", "created_at", "last_used_at")


def _login_through_the_site(request, extra_context=None):
    """The admin signs in through accounts:login like everyone else: one login path, with the
    lockout, the second factor and password expiry (the admin's own form would skip the code)."""
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("accounts:login"))


admin.site.login = _login_through_the_site  # type: ignore[method-assign]
