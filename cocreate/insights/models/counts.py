"""Pre-aggregated daily counts behind the brand dashboards. Only `insights.aggregation` writes
them; the dashboards read nothing else (never the raw contributions).

Every row is one (brand, Asia/Seoul calendar day, segment, dimensions) slice. `segment` is ""
(everyone) or one profile value such as "persona:dealer", "age:30s", "region:seoul", so a
contribution is counted in at most four rows per dimension set and a segment filter reads
only its own rows. `people` is the number of distinct authors behind the row; `few_people`
holds their ids only while they are fewer than the small-cell threshold, so that the distinct
people of a cell summed over days and rows can be computed exactly where it matters (see
docs/insights.md)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

__all__ = ["AspectCount", "ComplaintTheme", "DailyCount", "FillMark", "RisingIdea"]


class CountBase(models.Model):
    brand = models.ForeignKey("catalog.Brand", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    segment = models.CharField(max_length=40, blank=True)
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(
        "catalog.Category", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    people = models.PositiveIntegerField()
    few_people = models.JSONField(default=list)

    class Meta:
        abstract = True


class DailyCount(CountBase):
    """Published contributions of one kind, rating and sentiment on one day."""

    kind = models.CharField(max_length=16)
    rating = models.PositiveSmallIntegerField(default=0)  # 0: not rated (not a review)
    sentiment = models.CharField(max_length=16, blank=True)  # positive | negative | ""
    contributions = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(rating__lte=5), name="insights_count_rating"),
            models.CheckConstraint(
                condition=Q(contributions__gte=1, people__gte=1), name="insights_count_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["brand", "segment", "day"], name="insights_count_slice_idx"),
            models.Index(fields=["brand", "day"], name="insights_count_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.brand_id} {self.day} {self.segment} {self.kind}: {self.contributions}"


class AspectCount(CountBase):
    """Mentions of one aspect with one polarity in published contributions on one day."""

    aspect = models.CharField(max_length=16)
    polarity = models.CharField(max_length=16)
    mentions = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(mentions__gte=1, people__gte=1), name="insights_aspect_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["brand", "segment", "day"], name="insights_aspect_slice_idx"),
            models.Index(fields=["brand", "day"], name="insights_aspect_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.brand_id} {self.day} {self.aspect} {self.polarity}: {self.mentions}"


class ComplaintTheme(models.Model):
    """A cluster of similar published complaints of a brand within the last `window_days`,
    counted per segment, with the complaint closest to the cluster's centre as its face."""

    brand = models.ForeignKey("catalog.Brand", on_delete=models.CASCADE, related_name="+")
    window_days = models.PositiveSmallIntegerField()
    segment = models.CharField(max_length=40, blank=True)
    rank = models.PositiveSmallIntegerField()
    representative = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="+"
    )
    complaints = models.PositiveIntegerField()
    people = models.PositiveIntegerField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["brand", "window_days", "segment", "rank"], name="insights_theme_rank"
            ),
        ]

    def __str__(self) -> str:
        return f"theme {self.rank} of {self.brand_id} ({self.window_days} days): {self.complaints}"


class RisingIdea(models.Model):
    """Support velocity of a brand's published idea: supports in the last seven days against
    the seven before, counted per supporter segment."""

    brand = models.ForeignKey("catalog.Brand", on_delete=models.CASCADE, related_name="+")
    segment = models.CharField(max_length=40, blank=True)
    idea = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="+"
    )
    recent = models.PositiveIntegerField()
    previous = models.PositiveIntegerField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recent", "previous", "idea_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["brand", "segment", "idea"], name="insights_rising_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"idea {self.idea_id}: {self.recent} against {self.previous}"


class FillMark(models.Model):
    """How far the periodic catch-up has looked (one row per name)."""

    name = models.CharField(max_length=40, primary_key=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} @ {self.at:%Y-%m-%d %H:%M:%S}"
