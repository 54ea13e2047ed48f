from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    BRAND = "brand", _("Brand")
    MALL = "mall", _("Mall")


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    MODERATOR = "moderator", _("Moderator")
    REVIEWER = "reviewer", _("Reviewer")
    ANALYST = "analyst", _("Analyst")


class Scope(models.TextChoices):
    """What an API key may do. Brands post orders and invitations; malls read feeds."""

    ORDERS_WRITE = "orders:write", _("Post orders and review invitations")
    FEED_READ = "feed:read", _("Read the data feed")
    SALES_WRITE = "sales:write", _("Report sales of launched products")


class OrgErrorCode:
    INVALID_NAME = "invalid_org_name"
    SLUG_TAKEN = "org_slug_taken"
    NOT_A_MEMBER = "not_a_member"
    INVALID_SCOPE = "invalid_scope"
    KEY_REVOKED = "key_revoked"
    INVALID_RATE_LIMIT = "invalid_rate_limit"
    RATE_LIMITED = "rate_limited"
    LAST_OWNER = "last_owner"
