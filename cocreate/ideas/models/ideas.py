from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.ideas.enums import ActorRole, CreditRole, EventKind, IdeaState
from cocreate.ideas.models.campaigns import Campaign, ReviewBatch

REASON_MAX = 2000


class Idea(models.Model):
    """The lifecycle of an idea contribution; its id is the contribution's id. `support_count`
    equals the number of Support rows: both change in the same transaction, the counter with
    F(). While gathering support, `next_goal` is the supporters needed for the next milestone
    and `deadline` the time by which they must be reached."""

    contribution = models.OneToOneField(
        "contributions.Contribution",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="idea",
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="ideas")
    state = models.CharField(
        _("state"), max_length=16, choices=IdeaState.choices, default=IdeaState.DRAFT
    )
    state_changed_at = models.DateTimeField(default=timezone.now)
    support_count = models.PositiveIntegerField(_("supporters"), default=0)
    milestones_reached = models.PositiveSmallIntegerField(default=0)
    next_goal = models.PositiveIntegerField(null=True, blank=True)
    deadline = models.DateTimeField(null=True, blank=True)
    support_started_at = models.DateTimeField(null=True, blank=True)
    review_batch = models.ForeignKey(
        ReviewBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="ideas"
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_ideas"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-support_started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=IdeaState.values), name="idea_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state=IdeaState.GATHERING)
                | Q(
                    deadline__isnull=False,
                    next_goal__isnull=False,
                    support_started_at__isnull=False,
                ),
                name="idea_gathering_has_goal",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(state=IdeaState.ARCHIVED),
                name="idea_merged_is_archived",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("contribution")),
                name="idea_not_merged_into_itself",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "deadline"], name="idea_state_deadline_idx"),
            models.Index(fields=["state", "-support_count"], name="idea_state_support_idx"),
            models.Index(fields=["campaign", "state"], name="idea_campaign_state_idx"),
            models.Index(fields=["state", "-support_started_at"], name="idea_state_started_idx"),
        ]

    def __str__(self) -> str:
        return f"idea {self.pk} ({self.state})"


class IdeaCredit(models.Model):
    """Who is credited for an idea: its proposer, and the proposers of ideas merged into it.
    Credited people cannot support the idea; rewards for it go to them."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="credits")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="idea_credits"
    )
    role = models.CharField(max_length=16, choices=CreditRole.choices)
    source_idea = models.ForeignKey(
        Idea, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["idea", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="idea_credit_unique"),
            models.CheckConstraint(
                condition=Q(role__in=CreditRole.values), name="idea_credit_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} credited on {self.idea_id}"


class Support(models.Model):
    """One account's support of one idea (the unique constraint makes it one). A support moved
    by a merge keeps its time and names the idea it came from."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports"
    )
    created_at = models.DateTimeField(default=timezone.now)
    merged_from = models.ForeignKey(
        Idea, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="support_one_per_account"),
        ]
        indexes = [
            models.Index(fields=["idea", "created_at"], name="support_idea_time_idx"),
            models.Index(fields=["user", "-created_at"], name="support_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} supports {self.idea_id}"


class IdeaEvent(models.Model):
    """The public timeline of an idea and the record the ledger pays from. Append-only.
    `from_state`/`to_state` are set when the event changes the state. `payload` holds ids and
    numbers: milestone_reached {"milestone": n, "supporters": goal, "of": count},
    consolation {"supporters": n, "threshold": goal}, merged_in {"source": id, "moved": n},
    launched {"product": id, "royalty_percent": "1.00"}, evidence_linked {"contribution": id}."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    from_state = models.CharField(max_length=16, choices=IdeaState.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=IdeaState.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(max_length=16, choices=ActorRole.choices)
    org = models.ForeignKey(
        "orgs.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(max_length=REASON_MAX, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
            models.CheckConstraint(
                condition=Q(actor_role__in=ActorRole.values), name="event_actor_role_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["idea", "created_at"], name="event_idea_time_idx"),
            models.Index(fields=["kind", "id"], name="event_kind_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id} {self.kind}"

    @property
    def changes_state(self) -> bool:
        return bool(self.to_state) and self.to_state != self.from_state


class IdeaEvidence(models.Model):
    """A published complaint or review that the brand says led to an adopted upgrade."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="evidence")
    contribution = models.ForeignKey(
        "contributions.Contribution", on_delete=models.PROTECT, related_name="led_to_ideas"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["idea", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "contribution"], name="evidence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id} led to {self.idea_id}"
