from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.contributions.enums import (
    IdeaType,
    Kind,
    Language,
    Relationship,
    Source,
    Status,
    VerificationMethod,
)
from cocreate.core.models import TimeStampedModel

TITLE_MAX = 200
BODY_MAX = 5000


class Contribution(TimeStampedModel):
    """A review, complaint or idea. `title`, `body` and `rating` mirror the newest version;
    every version, the first included, stays in ContributionVersion."""

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contributions"
    )
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    brand = models.ForeignKey(
        "catalog.Brand",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    category = models.ForeignKey(
        "catalog.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    idea_type = models.CharField(
        _("idea type"), max_length=16, choices=IdeaType.choices, blank=True
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX, blank=True)
    body = models.TextField(_("text"), max_length=BODY_MAX)
    body_sha256 = models.CharField(max_length=64)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PUBLISHED
    )
    status_reason = models.CharField(max_length=32, blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    b2b_consent = models.BooleanField(_("may be shared with malls"), default=False)
    verified_purchase = models.BooleanField(_("verified purchase"), default=False)
    verification_method = models.CharField(
        max_length=16, choices=VerificationMethod.choices, blank=True
    )
    incentivised = models.BooleanField(_("incentivised"), default=False)
    incentive_note = models.CharField(max_length=200, blank=True)
    declared_relationship = models.CharField(
        max_length=16, choices=Relationship.choices, blank=True
    )

    version_count = models.PositiveIntegerField(default=1)
    edited_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.WEB)
    import_key = models.CharField(max_length=80, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="contribution_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="contribution_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="contribution_rating_range",
            ),
            models.CheckConstraint(
                condition=~Q(kind=Kind.REVIEW) | Q(rating__isnull=False, product__isnull=False),
                name="review_has_rating_and_product",
            ),
            models.CheckConstraint(
                condition=Q(kind=Kind.REVIEW) | Q(rating__isnull=True), name="only_reviews_rated"
            ),
            models.CheckConstraint(
                condition=~Q(kind=Kind.IDEA) | (~Q(title="") & Q(idea_type__in=IdeaType.values)),
                name="idea_has_title_and_type",
            ),
            models.CheckConstraint(
                condition=Q(kind=Kind.IDEA) | Q(idea_type=""), name="only_ideas_typed"
            ),
            models.CheckConstraint(
                condition=~Q(kind=Kind.IDEA, idea_type=IdeaType.UPGRADE) | Q(product__isnull=False),
                name="upgrade_idea_has_product",
            ),
            models.CheckConstraint(
                condition=~Q(kind=Kind.IDEA, idea_type=IdeaType.NEW) | Q(category__isnull=False),
                name="new_idea_has_category",
            ),
            models.CheckConstraint(
                condition=Q(verified_purchase=False, verification_method="")
                | Q(verified_purchase=True, verification_method__in=VerificationMethod.values),
                name="verified_purchase_has_method",
            ),
            models.CheckConstraint(condition=~Q(body=""), name="contribution_body_not_blank"),
        ]
        indexes = [
            models.Index(
                fields=["kind", "status", "-published_at"], name="contrib_kind_status_pub_idx"
            ),
            models.Index(fields=["product", "kind", "status"], name="contrib_product_kind_idx"),
            models.Index(fields=["author", "-created_at"], name="contrib_author_idx"),
            models.Index(fields=["updated_at", "id"], name="contrib_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.body[:60]

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_edited(self) -> bool:
        return self.version_count > 1


class ContributionVersion(models.Model):
    """One version of a contribution's text. Never updated or deleted."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    body = models.TextField(max_length=BODY_MAX)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    body_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["contribution", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "number"], name="version_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id} v{self.number}"


class PurchaseOrder(TimeStampedModel):
    """An order a brand or mall posted, so that its buyer's review counts as verified. The
    buyer's email is kept only as a keyed digest. Cancelling never touches the review."""

    org = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="orders")
    external_id = models.CharField(max_length=64)
    email_digest = models.CharField(max_length=64, db_index=True)
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="orders")
    purchased_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["org", "external_id", "product"], name="order_line_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_id}:{self.external_id}"


class ReviewInvitation(TimeStampedModel):
    """A signed, expiring, single-use invitation to review one product."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    org = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="invitations"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="invitations"
    )
    order = models.ForeignKey(PurchaseOrder, on_delete=models.SET_NULL, null=True, blank=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    contribution = models.OneToOneField(
        Contribution, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )

    def __str__(self) -> str:
        return str(self.id)
