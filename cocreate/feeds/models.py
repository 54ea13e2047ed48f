"""The B2B feed: the export store of masked, feed-ready records, what malls subscribe to, what
they were delivered, what they are billed, and where webhooks go."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cocreate.core.models import TimeStampedModel
from cocreate.feeds.enums import (
    Channel,
    DeliveryStatus,
    InvoiceStatus,
    TombstoneReason,
)


class Plan(TimeStampedModel):
    """What a mall pays: an integer number of KRW per record delivered in a billing period."""

    code = models.SlugField(max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=80)
    price_per_record_krw = models.PositiveIntegerField(_("price per record (KRW)"))

    class Meta:
        ordering = ["price_per_record_krw", "code"]

    def __str__(self) -> str:
        return self.name


class MallAccount(TimeStampedModel):
    """A mall's feed account: its plan and the secret that makes its author pseudonyms its own
    (HMAC of the author id), so two malls cannot join their data on an author."""

    org = models.OneToOneField(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="feed_account"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="accounts")
    pseudonym_secret = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"feed account of {self.org_id}"


class FeedHead(models.Model):
    """A single row, locked while feed items are written, so that sequence numbers commit in
    the order they were given: a reader's cursor never skips a record that commits later."""

    seq = models.PositiveBigIntegerField(default=0)
    enrichment_watermark = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="feedhead_single_row")]

    def __str__(self) -> str:
        return f"feed head #{self.seq}"


class FeedItem(models.Model):
    """The export copy of one contribution that may reach malls: published, consented, with a
    current enrichment. `record` holds only masked text and no personal data; the author's
    pseudonym is added per mall when it is served. Each change gives the item a new `seq`."""

    contribution = models.OneToOneField(
        "contributions.Contribution",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="feed_item",
    )
    seq = models.PositiveBigIntegerField(unique=True)
    # Denormalised for subscription filters; they mirror fields of `record`.
    kind = models.CharField(max_length=16)
    language = models.CharField(max_length=8, blank=True)
    sentiment = models.CharField(max_length=16, blank=True)
    category_path = models.CharField(max_length=120, blank=True)  # "/166/1604/"
    brand_id = models.BigIntegerField(null=True, blank=True)
    product_id = models.BigIntegerField(null=True, blank=True)
    author_id = models.BigIntegerField()  # never served; the pseudonym is
    record = models.TextField()  # the record as JSON text, served without re-parsing
    record_sha256 = models.CharField(max_length=64)
    updated_at = models.DateTimeField()  # when the record last changed

    class Meta:
        indexes = [
            models.Index(fields=["product_id", "seq"], name="feeditem_product_idx"),
            models.Index(fields=["updated_at"], name="feeditem_updated_idx"),
        ]

    def __str__(self) -> str:
        return f"feed item {self.contribution_id} #{self.seq}"


class Tombstone(models.Model):
    """A record that left the feed (withdrawn, hidden, consent withdrawn): malls delete it."""

    contribution_id = models.BigIntegerField()
    seq = models.PositiveBigIntegerField(unique=True)
    reason = models.CharField(max_length=24, choices=TombstoneReason.choices)
    kind = models.CharField(max_length=16)
    language = models.CharField(max_length=8, blank=True)
    sentiment = models.CharField(max_length=16, blank=True)
    category_path = models.CharField(max_length=120, blank=True)
    brand_id = models.BigIntegerField(null=True, blank=True)
    product_id = models.BigIntegerField(null=True, blank=True)
    deleted_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["deleted_at"], name="tombstone_deleted_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(reason__in=TombstoneReason.values), name="tombstone_reason_valid"
            )
        ]

    def __str__(self) -> str:
        return f"tombstone {self.contribution_id} ({self.reason})"


class Subscription(TimeStampedModel):
    """What part of the feed a mall takes. Each list narrows it; an empty list does not.
    A mall's feed is the union of its active subscriptions."""

    org = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="feed_subscriptions"
    )
    name = models.CharField(_("name"), max_length=80)
    category_ids = models.JSONField(_("categories"), default=list)  # Google ids; subtrees
    brand_ids = models.JSONField(_("brands"), default=list)
    product_ids = models.JSONField(_("products"), default=list)
    kinds = models.JSONField(_("kinds"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    active = models.BooleanField(_("active"), default=True)
    webhook_url = models.URLField(_("webhook URL"), max_length=500, blank=True)
    webhook_secret = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["org", "active"], name="subscription_org_idx")]

    def __str__(self) -> str:
        return self.name


class DeliveryLog(models.Model):
    """One delivery batch: an API page, an export or a webhook call. Holds counts and a hash
    of the record ids, never the records; each batch is also an event in the audit chain."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    org = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="feed_deliveries"
    )
    api_key = models.ForeignKey(
        "orgs.ApiKey", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subscription = models.ForeignKey(
        Subscription, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=16, choices=Channel.choices)
    endpoint = models.CharField(max_length=64)
    records = models.PositiveIntegerField()
    new_records = models.PositiveIntegerField()  # first delivery in the billing period
    tombstones = models.PositiveIntegerField(default=0)
    ids_sha256 = models.CharField(max_length=64)
    day = models.DateField()  # in the site's time zone
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["org", "day"], name="delivery_org_day_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="delivery_channel_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.records} records to {self.org_id}"


class DeliveredRecord(models.Model):
    """A record delivered to a mall in a billing period: billed once, however often it is
    fetched. The first key and day that received it are kept for usage reports."""

    org = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE, related_name="+")
    period = models.DateField()  # first day of the billing period (a calendar month)
    contribution_id = models.BigIntegerField()
    first_key = models.ForeignKey(
        "orgs.ApiKey", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["org", "period", "contribution_id"], name="delivered_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id} to {self.org_id} in {self.period:%Y-%m}"


class Invoice(TimeStampedModel):
    """What a mall owes for one billing period: records x the plan's price, in integer KRW."""

    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="invoices")
    period = models.DateField()
    period_end = models.DateField()  # exclusive
    plan_code = models.CharField(max_length=32)
    records = models.PositiveIntegerField()
    price_per_record_krw = models.PositiveIntegerField()
    amount_krw = models.PositiveBigIntegerField()
    status = models.CharField(
        max_length=8, choices=InvoiceStatus.choices, default=InvoiceStatus.ISSUED
    )
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period", "org_id"]
        constraints = [
            models.UniqueConstraint(fields=["org", "period"], name="invoice_once_per_period"),
            models.CheckConstraint(
                condition=Q(amount_krw=models.F("records") * models.F("price_per_record_krw")),
                name="invoice_amount_is_records_times_price",
            ),
            models.CheckConstraint(
                condition=Q(status__in=InvoiceStatus.values), name="invoice_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=InvoiceStatus.PAID, paid_at__isnull=False)
                | (~Q(status=InvoiceStatus.PAID) & Q(paid_at__isnull=True)),
                name="invoice_paid_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"invoice {self.org_id} {self.period:%Y-%m}"

    @property
    def key(self) -> str:
        return f"feeds-invoice-{self.org_id}-{self.period:%Y-%m}"


class WebhookDelivery(TimeStampedModel):
    """One webhook message to one subscription, retried with exponential backoff."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    event = models.CharField(max_length=32)
    url = models.URLField(max_length=500)
    payload = models.TextField()  # the exact body that is signed and sent
    contribution_ids = models.JSONField(default=list)
    tombstone_count = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_due_idx"),
            models.Index(fields=["subscription", "-created_at"], name="webhook_sub_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values), name="webhook_status_valid"
            )
        ]

    def __str__(self) -> str:
        return f"webhook {self.event} to {self.subscription_id}"


class WebhookAttempt(models.Model):
    """The delivery log: every attempt, with its answer or error."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_unique")
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}"
