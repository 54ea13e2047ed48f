"""The published moderation reasons and the states of reports, decisions and appeals.

The reason list is closed and public. No reason refers to a rating, a sentiment or to anything
derived from them: a contribution is never hidden for being negative."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise


class Reason(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("Personal data")
    ABUSE = "abuse", _("Abuse")
    SPAM = "spam", _("Spam")
    OFF_TOPIC = "off_topic", _("Off-topic")
    ILLEGAL = "illegal", _("Illegal content")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("Conflict of interest")


REASON_DESCRIPTIONS: dict[str, StrOrPromise] = {
    Reason.PERSONAL_DATA: _(
        "It shows someone's phone number, address, email, resident registration, card or "
        "account number, order or waybill number, or full name. The author can remove it and "
        "appeal."
    ),
    Reason.ABUSE: _(
        "Insults, harassment, threats, hate or sexual content aimed at a person or a group. "
        "Harsh criticism of a product or a company is not abuse."
    ),
    Reason.SPAM: _(
        "Advertising, links to sell something, the same text posted again and again, or text "
        "that says nothing."
    ),
    Reason.OFF_TOPIC: _(
        "It is not about the product, the purchase or the brand it is posted under, for "
        "example a review of a different product."
    ),
    Reason.ILLEGAL: _(
        "Content whose publication is against the law, such as defamation established by a "
        "court, infringing material, or instructions for a crime."
    ),
    Reason.CONFLICT_OF_INTEREST: _(
        "Written by someone related to the brand or to a competitor without declaring it, or "
        "paid for without saying so."
    ),
}


class Outcome(models.TextChoices):
    """What a moderator decides. Nothing else is possible: no edit, no down-ranking."""

    APPROVED = "approved", _("Approved")
    HIDDEN = "hidden", _("Hidden")


class AppealState(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    UPHELD = "upheld", _("Decision upheld")
    OVERTURNED = "overturned", _("Decision overturned")


class ReporterKind(models.TextChoices):
    """Who filed a report, as shown in the transparency report."""

    PERSON = "person", _("People")
    BRAND = "brand", _("Brands")
    MALL = "mall", _("Malls")


class ModerationErrorCode:
    INVALID = "invalid_moderation"
    NOT_REPORTABLE = "not_reportable"
    ALREADY_REPORTED = "already_reported"
    OWN_CONTRIBUTION = "own_contribution"
    NOT_REPLYABLE = "not_replyable"
    TOO_MANY_REPLIES = "too_many_replies"
    NOTHING_TO_DECIDE = "nothing_to_decide"
    DECIDED_MEANWHILE = "decided_meanwhile"
    NOT_APPEALABLE = "not_appealable"
    ALREADY_APPEALED = "already_appealed"
    APPEAL_CLOSED = "appeal_closed"
    APPEAL_TOO_LATE = "appeal_too_late"
    SAME_MODERATOR = "same_moderator"
    RELATIONSHIP_EXISTS = "relationship_exists"


def published_reasons() -> list[tuple[str, str, str]]:
    """(code, label, description) of every reason, in the reader's language."""
    return [(value, str(label), str(REASON_DESCRIPTIONS[value])) for value, label in Reason.choices]
