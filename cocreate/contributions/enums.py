from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REVIEW = "review", _("Review")
    COMPLAINT = "complaint", _("Complaint")
    IDEA = "idea", _("Idea")


class IdeaType(models.TextChoices):
    UPGRADE = "upgrade", _("Upgrade of a product")
    NEW = "new", _("New product")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by moderation")
    WITHDRAWN = "withdrawn", _("Withdrawn by the author")


class Language(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other")


class VerificationMethod(models.TextChoices):
    ORDER = "order", _("Order posted by the seller")
    INVITATION = "invitation", _("Review invitation")


class Relationship(models.TextChoices):
    """A relationship with the brand that the author declares (FTC 16 CFR 465.5, KFTC)."""

    EMPLOYEE = "employee", _("Employee of the brand")
    FAMILY = "family", _("Family of an employee")
    PARTNER = "partner", _("Business partner of the brand")


class Source(models.TextChoices):
    WEB = "web", _("Web")
    API = "api", _("API")
    IMPORT = "import", _("Import")


class ContributionErrorCode:
    INVALID = "invalid_contribution"
    PRODUCT_REQUIRED = "product_required"
    NOT_EDITABLE = "not_editable"
    NOT_AUTHOR = "not_author"
    UNCHANGED = "unchanged"
    INVITATION_INVALID = "invitation_invalid"
    INVITATION_EXPIRED = "invitation_expired"
    INVITATION_USED = "invitation_used"
    INVITATION_WRONG_PRODUCT = "invitation_wrong_product"
    ORDER_INVALID = "order_invalid"
    IMPORT_FAILED = "import_failed"
