from django.contrib import admin

from cocreate.insights.models import (
    SessionInvitation,
    SessionQuestion,
    SessionRental,
    SessionResponse,
    TestSession,
)


class QuestionInline(admin.TabularInline[SessionQuestion, TestSession]):
    model = SessionQuestion
    extra = 0
    readonly_fields = ("position", "kind", "prompt", "choices", "scale_max", "required")
    can_delete = False


@admin.register(TestSession)
class TestSessionAdmin(admin.ModelAdmin[TestSession]):
    list_display = ("title", "org", "status", "respondent_count", "participant_limit", "closes_at")
    list_filter = ("status",)
    search_fields = ("title",)
    # Writes go through the services (audit chain, limits); the admin only reads.
    readonly_fields = [f.name for f in TestSession._meta.fields]
    inlines = [QuestionInline]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(SessionRental)
class SessionRentalAdmin(admin.ModelAdmin[SessionRental]):
    list_display = ("session", "partner", "starts_on", "ends_on")
    readonly_fields = ("session", "partner", "starts_on", "ends_on", "created_by", "created_at")

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(SessionInvitation)
class SessionInvitationAdmin(admin.ModelAdmin[SessionInvitation]):
    list_display = ("session", "user", "created_at", "answered_at")
    readonly_fields = ("session", "user", "invited_by", "created_at", "answered_at")

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(SessionResponse)
class SessionResponseAdmin(admin.ModelAdmin[SessionResponse]):
    list_display = ("session", "created_at", "incentivised")
    readonly_fields = (
        "session",
        "user",
        "persona",
        "age_band",
        "region",
        "incentivised",
        "reward_transaction_id",
        "created_at",
    )

    def has_add_permission(self, request: object) -> bool:
        return False
