from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from cocreate.accounts.forms import AdminUserCreationForm
from cocreate.accounts.models import ConsentRecord, User


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    add_form = AdminUserCreationForm
    ordering = ["-date_joined"]
    list_display = [
        "email",
        "display_name",
        "persona",
        "age_band",
        "region",
        "b2b_consent",
        "is_staff",
    ]
    list_filter = ["is_staff", "persona", "age_band", "region", "b2b_consent"]
    search_fields = ["email", "display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password", "display_name", "preferred_language")}),
        ("Persona", {"fields": ("persona", "age_band", "region")}),
        ("Consent", {"fields": ("b2b_consent", "b2b_consent_changed_at", "email_verified_at")}),
        (
            "Permissions",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name", "password1", "password2", "usable_password"),
            },
        ),
    )
    readonly_fields = ["b2b_consent_changed_at"]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin[ConsentRecord]):
    list_display = ["user", "granted", "notice_version", "created_at"]
    readonly_fields = ["user", "granted", "notice_version", "created_at"]
