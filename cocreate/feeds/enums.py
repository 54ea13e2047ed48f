from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    API = "api", _("API")
    EXPORT = "export", _("Export")
    WEBHOOK = "webhook", _("Webhook")


class TombstoneReason(models.TextChoices):
    WITHDRAWN = "withdrawn", _("Withdrawn by the author")
    HIDDEN = "hidden", _("Hidden by moderation")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Sharing consent withdrawn")
    UNPUBLISHED = "unpublished", _("No longer published")
    DELETED = "deleted", _("Deleted")


class InvoiceStatus(models.TextChoices):
    ISSUED = "issued", _("Issued")
    PAID = "paid", _("Paid")
    VOID = "void", _("Void")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class ExportFormat(models.TextChoices):
    JSONL = "jsonl", "JSON Lines"
    CSV = "csv", "CSV"
    GOOGLE = "google", _("Google product review feed (XML 2.4)")


class FeedErrorCode:
    BAD_CURSOR = "invalid_cursor"
    INVALID_SUBSCRIPTION = "invalid_subscription"
    SUBSCRIPTION_NOT_FOUND = "subscription_not_found"
    PRODUCT_NOT_FOUND = "product_not_found"
    NOT_A_MALL = "not_a_mall"
    WEBHOOK_URL_REFUSED = "webhook_url_refused"
    INVOICE_NOT_FOUND = "invoice_not_found"
    INVOICE_NOT_PAYABLE = "invoice_not_payable"
    INVALID_PERIOD = "invalid_period"
    INVALID_PLAN = "invalid_plan"
