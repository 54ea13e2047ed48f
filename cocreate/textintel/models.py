from __future__ import annotations

from django.db import models
from django.utils import timezone


class Enrichment(models.Model):
    """What text intelligence knows about the newest version of a contribution. One row per
    contribution, rewritten when a new version is analysed (idempotent on `body_sha256`).
    Feeds, moderation and insights read it; only textintel writes it.

    `masked_title` / `masked_body` are the only texts that may leave the vault (feeds, exports):
    personal data replaced by typed placeholders such as [전화번호]. Every prediction carries the
    model that made it ("name@version") and its confidence."""

    contribution = models.OneToOneField(
        "contributions.Contribution",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="enrichment",
    )
    version_number = models.PositiveIntegerField()
    body_sha256 = models.CharField(max_length=64)
    language = models.CharField(max_length=8, blank=True)  # ko | en | other

    masked_title = models.CharField(max_length=300, blank=True)
    masked_body = models.TextField(blank=True)
    pii_counts = models.JSONField(default=dict)  # {"phone": 1, "email": 1, ...}
    masking_version = models.CharField(max_length=64, blank=True)

    sentiment = models.CharField(max_length=16, blank=True)  # positive | negative
    sentiment_score = models.FloatField(null=True, blank=True)  # probability of positive
    sentiment_confidence = models.FloatField(null=True, blank=True)
    sentiment_model = models.CharField(max_length=64, blank=True)

    kind = models.CharField(max_length=16, blank=True)  # review | complaint | idea | question
    kind_confidence = models.FloatField(null=True, blank=True)
    kind_model = models.CharField(max_length=64, blank=True)

    category = models.ForeignKey(
        "catalog.Category", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    category_confidence = models.FloatField(null=True, blank=True)
    category_model = models.CharField(max_length=64, blank=True)

    # [{"aspect": "delivery", "polarity": "negative", "confidence": 0.91}, ...]
    aspects = models.JSONField(default=list)
    aspects_model = models.CharField(max_length=64, blank=True)

    enriched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["sentiment"], name="enrichment_sentiment_idx"),
            models.Index(fields=["category"], name="enrichment_category_idx"),
        ]

    def __str__(self) -> str:
        return f"enrichment of {self.contribution_id} v{self.version_number}"
