from django.db import models
from django.utils.translation import gettext_lazy as _


class IdeaState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for moderation")
    GATHERING = "gathering", _("Gathering support")
    EXPIRED = "expired", _("Expired")
    IN_REVIEW = "in_review", _("In review")
    ACCEPTED = "accepted", _("Accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    IN_DEVELOPMENT = "in_development", _("In development")
    LAUNCHED = "launched", _("Launched")
    ARCHIVED = "archived", _("Archived")


# States in which an idea is shown to everyone (when its contribution is published).
PUBLIC_STATES = frozenset(
    {
        IdeaState.GATHERING,
        IdeaState.EXPIRED,
        IdeaState.IN_REVIEW,
        IdeaState.ACCEPTED,
        IdeaState.NOT_ACCEPTED,
        IdeaState.IN_DEVELOPMENT,
        IdeaState.LAUNCHED,
        IdeaState.ARCHIVED,
    }
)
# States after a positive decision: the co-development workspace exists.
ADOPTED_STATES = frozenset({IdeaState.ACCEPTED, IdeaState.IN_DEVELOPMENT, IdeaState.LAUNCHED})


class EventKind(models.TextChoices):
    CREATED = "created", _("Proposed")
    SUBMITTED = "submitted", _("Sent for moderation")
    PUBLISHED = "published", _("Published: gathering support")
    MODERATION_REFUSED = "moderation_refused", _("Not published by moderation")
    MODERATION_HIDDEN = "moderation_hidden", _("Hidden by moderation")
    MODERATION_RESTORED = "moderation_restored", _("Shown again by moderation")
    MILESTONE_REACHED = "milestone_reached", _("Milestone reached")
    EXPIRED = "expired", _("Expired")
    QUALIFIED = "qualified", _("Reached the final milestone: in review")
    BATCHED = "batched", _("Scheduled for a review")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Not accepted")
    CONSOLATION = "consolation", _("Consolation reward")
    MERGED_AWAY = "merged_away", _("Merged into another idea")
    MERGED_IN = "merged_in", _("Another idea was merged into this one")
    TERMS_OFFERED = "terms_offered", _("Royalty terms offered")
    TERMS_ACCEPTED = "terms_accepted", _("Royalty terms accepted")
    DEVELOPMENT_STARTED = "development_started", _("Development started")
    STAGE_CHANGED = "stage_changed", _("Development stage changed")
    EVIDENCE_LINKED = "evidence_linked", _("Customer feedback linked")
    LAUNCHED = "launched", _("Launched")
    ARCHIVED = "archived", _("Archived")


class ActorRole(models.TextChoices):
    """In which capacity someone acted; the public timeline names people by this role."""

    SYSTEM = "system", _("cocreate")
    AUTHOR = "author", _("Proposer")
    BRAND = "brand", _("Brand")
    MODERATOR = "moderator", _("Moderator")
    STAFF = "staff", _("Platform operator")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CreditRole(models.TextChoices):
    PROPOSER = "proposer", _("Proposer")
    MERGED = "merged", _("Proposer of a merged idea")


class Stage(models.TextChoices):
    PLANNING = "planning", _("Planning")
    DESIGN = "design", _("Design")
    TECHNICAL = "technical", _("Technical refinement")


STAGE_ORDER = [Stage.PLANNING, Stage.DESIGN, Stage.TECHNICAL]


class IdeaErrorCode:
    INVALID = "invalid_idea"
    NOT_ALLOWED = "transition_not_allowed"
    STATE_CHANGED = "idea_state_changed"
    ALREADY_SUPPORTED = "already_supported"
    NOT_SUPPORTED = "not_supported"
    OWN_IDEA = "own_idea"
    EMAIL_NOT_VERIFIED = "email_not_verified"
    SUPPORT_CLOSED = "support_closed"
    MERGE_INVALID = "merge_invalid"
    CAMPAIGN_INVALID = "campaign_invalid"
    CAMPAIGN_CLOSED = "campaign_closed"
    MILESTONES_INVALID = "milestones_invalid"
    REASON_REQUIRED = "reason_required"
    FILE_INVALID = "file_invalid"
    FILE_TOO_LARGE = "file_too_large"
    WORKSPACE_FULL = "workspace_full"
    TERMS_INVALID = "terms_invalid"
    TERMS_NOT_ACCEPTED = "terms_not_accepted"
    RATE_INVALID = "royalty_rate_invalid"
    EVIDENCE_INVALID = "evidence_invalid"
    ALREADY_LINKED = "already_linked"
    FORBIDDEN = "forbidden"
