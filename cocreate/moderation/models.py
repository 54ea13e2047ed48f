"""Reports, replies, moderation decisions, appeals and standing relationship declarations.

Nothing here stores or refers to a rating or a sentiment: moderation is blind to both."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.contributions.enums import Relationship
from cocreate.moderation.enums import AppealState, Outcome, Reason, ReporterKind

NOTE_MAX = 1000
REPLY_MAX = 2000
STATEMENT_MAX = 2000


class Basis(models.TextChoices):
    """Why a decision was taken at all."""

    PRE_PUBLICATION = "pre_publication", _("Before publication")
    REPORTS = "reports", _("After reports")
    MODERATOR = "moderator", _("Found by a moderator")


class Report(models.Model):
    """Someone asks a neutral moderator to look at a published contribution, with a reason
    from the published list. A report hides nothing by itself."""

    contribution = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_reports",
    )
    api_key = models.ForeignKey(
        "orgs.ApiKey", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    org = models.ForeignKey(
        "orgs.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_reports",
    )
    reporter_kind = models.CharField(max_length=8, choices=ReporterKind.choices)
    reason = models.CharField(_("reason"), max_length=24, choices=Reason.choices)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decision = models.ForeignKey(
        "Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reason__in=Reason.values), name="report_reason_valid"
            ),
            models.CheckConstraint(
                condition=Q(reporter_kind__in=ReporterKind.values), name="report_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(reporter__isnull=False) | Q(api_key__isnull=False),
                name="report_has_reporter",
            ),
            models.UniqueConstraint(
                fields=["contribution", "reporter"],
                condition=Q(resolved_at__isnull=True, reporter__isnull=False),
                name="report_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["contribution", "api_key"],
                condition=Q(resolved_at__isnull=True, api_key__isnull=False),
                name="report_one_open_per_key",
            ),
        ]
        indexes = [
            models.Index(fields=["contribution", "resolved_at"], name="report_open_idx"),
            models.Index(fields=["resolved_at", "created_at"], name="report_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"report {self.pk} on {self.contribution_id}: {self.reason}"


class Reply(models.Model):
    """A brand's or a mall's public answer, shown under the contribution with the
    organisation's name. A reply never changes the contribution."""

    contribution = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="replies"
    )
    org = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="moderation_replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    api_key = models.ForeignKey(
        "orgs.ApiKey", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("reply"), max_length=REPLY_MAX)
    body_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="reply_body_not_blank"),
        ]
        indexes = [models.Index(fields=["contribution", "created_at"], name="reply_contrib_idx")]

    def __str__(self) -> str:
        return f"reply {self.pk} by {self.org_id} on {self.contribution_id}"


class Decision(models.Model):
    """A moderator approved or hid a contribution, with a reason from the published list when
    hiding. Decisions are never changed; an appeal may overturn one."""

    contribution = models.ForeignKey(
        "contributions.Contribution", on_delete=models.CASCADE, related_name="decisions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="moderation_decisions"
    )
    outcome = models.CharField(_("decision"), max_length=16, choices=Outcome.choices)
    reason = models.CharField(_("reason"), max_length=24, choices=Reason.choices, blank=True)
    note = models.TextField(_("note to the author"), max_length=NOTE_MAX, blank=True)
    basis = models.CharField(max_length=16, choices=Basis.choices)
    version = models.PositiveIntegerField()  # the version of the text the moderator saw
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="decision_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(basis__in=Basis.values), name="decision_basis_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome=Outcome.HIDDEN, reason__in=Reason.values)
                | Q(outcome=Outcome.APPROVED, reason=""),
                name="decision_hide_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["contribution", "-created_at"], name="decision_contrib_idx"),
            models.Index(fields=["created_at"], name="decision_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.outcome} {self.contribution_id} ({self.reason or '-'})"


class Appeal(models.Model):
    """The author asks for a hiding decision to be looked at again. Once per decision, and
    decided by a moderator other than the one who decided first (the database checks it)."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="appeal")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="moderation_appeals"
    )
    first_moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    statement = models.TextField(_("why it should be shown"), max_length=STATEMENT_MAX)
    state = models.CharField(max_length=16, choices=AppealState.choices, default=AppealState.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="moderation_appeal_decisions",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer to the author"), max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=AppealState.values), name="appeal_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state=AppealState.OPEN, decided_by__isnull=True)
                | (~Q(state=AppealState.OPEN) & Q(decided_by__isnull=False)),
                name="appeal_decided_when_closed",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("first_moderator")),
                name="appeal_decided_by_another_moderator",
            ),
            models.CheckConstraint(condition=~Q(statement=""), name="appeal_statement_not_blank"),
        ]
        indexes = [models.Index(fields=["state", "created_at"], name="appeal_queue_idx")]

    def __str__(self) -> str:
        return f"appeal of decision {self.decision_id}: {self.state}"


class StandingRelationship(models.Model):
    """An author's declaration that they are related to a brand (employee, family, partner).
    While it stands, their contributions about the brand carry the label."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standing_relationships"
    )
    brand = models.ForeignKey("catalog.Brand", on_delete=models.CASCADE, related_name="+")
    relationship = models.CharField(_("relationship"), max_length=16, choices=Relationship.choices)
    include_earlier = models.BooleanField(_("also label what I wrote before"), default=True)
    declared_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-declared_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(relationship__in=Relationship.values),
                name="standing_relationship_valid",
            ),
            models.UniqueConstraint(
                fields=["user", "brand"],
                condition=Q(ended_at__isnull=True),
                name="standing_relationship_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.relationship} of {self.brand_id}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None
