from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy


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
    # sha256 of title + body as analysed: with the model names above it decides whether a
    # re-run has anything to rewrite.
    text_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["sentiment"], name="enrichment_sentiment_idx"),
            models.Index(fields=["category"], name="enrichment_category_idx"),
        ]

    def __str__(self) -> str:
        return f"enrichment of {self.contribution_id} v{self.version_number}"


class SearchDocument(models.Model):
    """The searchable form of a contribution: Kiwi's content morphemes of its masked title and
    body (plain lower-cased words for English), space-separated. SQLite indexes `terms` in an
    FTS5 table kept in step by triggers; PostgreSQL in a GIN index over to_tsvector('simple',
    terms). Personal data is masked before indexing, so nobody can search for a phone number."""

    contribution = models.OneToOneField(
        "contributions.Contribution",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    kind = models.CharField(max_length=16)
    language = models.CharField(max_length=8, blank=True)
    terms = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"search document of {self.contribution_id}"


class ContributionVector(models.Model):
    """A contribution's sentence embedding (float32, L2-normalised) for similar ideas and
    duplicates. Each process keeps an in-memory matrix of these, refreshed by `updated_at`."""

    contribution = models.OneToOneField(
        "contributions.Contribution",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="vector",
    )
    kind = models.CharField(max_length=16)
    # The contribution's status, mirrored: only published ones are suggested to anyone;
    # pending ones are still compared for duplicates.
    status = models.CharField(max_length=16)
    model = models.CharField(max_length=64)
    dimensions = models.PositiveSmallIntegerField()
    vector = models.BinaryField()
    text_sha256 = models.CharField(max_length=64)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["updated_at"], name="vector_updated_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dimensions__gte=1), name="vector_dimensions_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"vector of {self.contribution_id} ({self.model})"


class DuplicateStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("duplicate pair", "Open")
    MERGED = "merged", pgettext_lazy("duplicate pair", "Merged")
    DISMISSED = "dismissed", pgettext_lazy("duplicate pair", "Not duplicates")


FEW_DIFFERING_WORDS = 2
# Only ideas are offered as duplicates: an idea can be merged into another with its authors and
# supporters kept. A review or complaint is one customer's own account: two customers with the
# same complaint are two voices, never a duplicate to merge away.
DUPLICATE_KINDS = ("idea",)


class DuplicateCandidate(models.Model):
    """Two contributions of one kind whose similarity passed the duplicate threshold, offered
    to moderators. `first` is always the older (smaller id) of the two."""

    first = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16)
    score = models.FloatField()
    model = models.CharField(max_length=64)
    # the content words only one of the two texts has (duplicates.differing_words), shown so
    # that a moderator sees at once when the two ask for different things
    first_only_words = models.JSONField(default=list, blank=True)
    second_only_words = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=16, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-score", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_unique"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="duplicate_pair_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DuplicateStatus.values),
                name="duplicate_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "-score"], name="duplicate_status_idx")]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id} ({self.score:.2f})"

    @property
    def differs_in_a_word_or_two(self) -> bool:
        """Each text says one or two words the other does not: two texts of one frame that
        often ask for different things ("손잡이" / "빨대"); a paraphrase tends to differ in
        more. A hint for the moderator, measured in docs/textintel.md."""
        return all(
            1 <= len(words) <= FEW_DIFFERING_WORDS
            for words in (self.first_only_words, self.second_only_words)
        )
