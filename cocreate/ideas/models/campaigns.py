from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.core.models import TimeStampedModel
from cocreate.ideas.enums import CampaignStatus

# (supporters, days): 100 within 60 days, then 1,000 within 365 more, 5,000 within 182 more,
# 10,000 within 182 more; the last milestone sends the idea to review.
DEFAULT_MILESTONES: tuple[tuple[int, int], ...] = (
    (100, 60),
    (1000, 365),
    (5000, 182),
    (10000, 182),
)
ROYALTY_PERCENT_DEFAULT = Decimal("1.00")
ROYALTY_PERCENT_MAX = Decimal("6.00")
REVIEWS_PER_YEAR_CHOICES = (1, 2, 3, 4, 6, 12)


class Campaign(TimeStampedModel):
    """A brand's idea campaign, or a platform campaign (brand empty). Exactly one platform
    campaign is the default: it takes ideas no brand campaign takes. Milestones are fixed once
    the campaign opens, so no idea's rules change while it gathers support."""

    brand = models.ForeignKey(
        "catalog.Brand",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="idea_campaigns",
    )
    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("address name"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    guidelines = models.TextField(_("guidelines"), max_length=4000, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    is_default = models.BooleanField(default=False)
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(_("takes ideas until"), null=True, blank=True)
    reviews_per_year = models.PositiveSmallIntegerField(_("reviews a year"), default=3)
    royalty_percent = models.DecimalField(
        _("royalty (% of net sales)"),
        max_digits=4,
        decimal_places=2,
        default=ROYALTY_PERCENT_DEFAULT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CampaignStatus.values), name="campaign_status_valid"
            ),
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="campaign_one_default"
            ),
            models.CheckConstraint(
                condition=Q(is_default=False) | Q(brand__isnull=True),
                name="campaign_default_is_platform",
            ),
            models.CheckConstraint(
                condition=Q(reviews_per_year__in=REVIEWS_PER_YEAR_CHOICES),
                name="campaign_reviews_per_year_valid",
            ),
            models.CheckConstraint(
                condition=Q(royalty_percent__gt=0, royalty_percent__lte=ROYALTY_PERCENT_MAX),
                name="campaign_royalty_range",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="campaign_closes_after_opening",
            ),
        ]
        indexes = [models.Index(fields=["brand", "status"], name="campaign_brand_status_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def org_id(self) -> int | None:
        """The organisation that runs the campaign; None for platform campaigns."""
        return self.brand.org_id if self.brand_id and self.brand else None

    def takes_ideas(self, now: datetime | None = None) -> bool:
        moment = now or timezone.now()
        return self.status == CampaignStatus.OPEN and (
            self.closes_at is None or self.closes_at > moment
        )


class CampaignMilestone(models.Model):
    """Stage `position` of a campaign: reach `supporters` within `days` more."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField()
    supporters = models.PositiveIntegerField()
    days = models.PositiveIntegerField()

    class Meta:
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "position"], name="milestone_position_unique"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="milestone_position_pos"),
            models.CheckConstraint(condition=Q(supporters__gte=1), name="milestone_supporters_pos"),
            models.CheckConstraint(
                condition=Q(days__gte=1, days__lte=3650), name="milestone_days_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supporters} / {self.days}d"


class ReviewBatch(models.Model):
    """One review of a campaign: ideas that reach the final milestone before `cutoff` are
    decided in it. Batches are dated by the campaign's reviews a year (three: January, May,
    September, as at LEGO Ideas)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="batches")
    cutoff = models.DateTimeField(_("qualification deadline"))
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["campaign", "cutoff"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "cutoff"], name="batch_cutoff_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.cutoff:%Y-%m-%d}"
