from django.contrib import admin
from django.http import HttpRequest

from cocreate.orgs.models import ApiKey, Membership, Organisation


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "slug", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    inlines = [MembershipInline]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin[ApiKey]):
    list_display = ["name", "org", "prefix", "scopes", "revoked_at", "last_used_at"]
    list_filter = ["org__kind"]
    readonly_fields = ["prefix", "secret_digest", "last_used_at", "created_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # keys are created by the owners in the console, which shows the secret once
