from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cocreate.core.models import TimeStampedModel
from cocreate.orgs.enums import OrgKind, Role

API_KEY_RATE_LIMIT_MAX = 100_000


def default_rate_limit() -> int:
    return int(settings.API_KEY_RATE_LIMIT_DEFAULT)


class Organisation(TimeStampedModel):
    """A tenant: a brand that runs its co-creation community, or a mall that buys the feed."""

    kind = models.CharField(_("kind"), max_length=8, choices=OrgKind.choices)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address name"), max_length=60, unique=True, allow_unicode=False)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrgKind.values), name="org_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["org", "user", "role"], name="membership_unique_role"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} @ {self.org_id}"


class ApiKey(TimeStampedModel):
    """An organisation's key for the API. The full key is shown once at creation as
    `cck_<prefix>_<secret>`; only the prefix and SHA-256 of the secret are kept."""

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=12, unique=True)
    secret_digest = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Requests per minute this key may make; over it the API answers 429 with Retry-After.
    rate_limit_per_minute = models.PositiveIntegerField(
        _("requests per minute"), default=default_rate_limit
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    rate_limit_per_minute__gte=1, rate_limit_per_minute__lte=API_KEY_RATE_LIMIT_MAX
                ),
                name="apikey_rate_limit_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
