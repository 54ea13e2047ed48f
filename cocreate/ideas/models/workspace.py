"""Co-development of an accepted idea: its workspace (stage, tasks, comments, files, decision
log), the royalty agreement the proposer accepts, and the launch."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.ideas.enums import Stage
from cocreate.ideas.models.campaigns import ROYALTY_PERCENT_MAX
from cocreate.ideas.models.ideas import Idea

TEXT_MAX = 4000
TITLE_MAX = 200


class Workspace(models.Model):
    idea = models.OneToOneField(
        Idea, on_delete=models.CASCADE, primary_key=True, related_name="workspace"
    )
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.PLANNING)
    opened_at = models.DateTimeField(default=timezone.now)
    stage_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="workspace_stage_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"workspace of {self.idea_id}"


class WorkspaceTask(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=TITLE_MAX)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["workspace", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="task_stage_valid"),
            models.CheckConstraint(condition=~Q(title=""), name="task_title_not_blank"),
        ]

    def __str__(self) -> str:
        return self.title


class WorkspaceComment(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=TEXT_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["workspace", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="comment_body_not_blank"),
        ]

    def __str__(self) -> str:
        return self.body[:40]


class WorkspaceFile(models.Model):
    """An attachment. Stored under a generated name; served only to the workspace's people,
    as a download, with the type that was checked at upload."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="files")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to="ideas/workspace/", max_length=200)
    name = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=80)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["workspace", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="file_size_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class WorkspaceDecision(models.Model):
    """An entry of the decision log: append-only, never edited."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="decisions")
    title = models.CharField(_("decision"), max_length=TITLE_MAX)
    body = models.TextField(_("why"), max_length=TEXT_MAX, blank=True)
    stage = models.CharField(max_length=16, choices=Stage.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["workspace", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="decision_title_not_blank"),
        ]

    def __str__(self) -> str:
        return self.title


class RoyaltyAgreement(models.Model):
    """The royalty the brand offers on an accepted idea and the proposer's acceptance. Once
    accepted it is fixed; a launch may raise the percentage, never lower it."""

    idea = models.OneToOneField(
        Idea, on_delete=models.CASCADE, primary_key=True, related_name="royalty"
    )
    royalty_percent = models.DecimalField(max_digits=4, decimal_places=2)
    terms = models.TextField(max_length=TEXT_MAX, blank=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    offered_at = models.DateTimeField(default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(royalty_percent__gt=0, royalty_percent__lte=ROYALTY_PERCENT_MAX),
                name="agreement_royalty_range",
            ),
            models.CheckConstraint(
                condition=Q(accepted_by__isnull=True, accepted_at__isnull=True)
                | Q(accepted_by__isnull=False, accepted_at__isnull=False),
                name="agreement_acceptance_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.royalty_percent}% on {self.idea_id}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None


class Launch(models.Model):
    """A launched idea: the product it became and the royalty (% of reported net sales) its
    credited proposers earn. The ledger computes royalties from it."""

    idea = models.OneToOneField(
        Idea, on_delete=models.PROTECT, primary_key=True, related_name="launch"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.PROTECT, related_name="idea_launches"
    )
    royalty_percent = models.DecimalField(max_digits=4, decimal_places=2)
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    launched_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-launched_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(royalty_percent__gt=0, royalty_percent__lte=ROYALTY_PERCENT_MAX),
                name="launch_royalty_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.idea_id} → {self.product_id}"
