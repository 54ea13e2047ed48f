"""Reads of moderation: the queue, replies under contributions, a contribution's moderation
history. Contributions are read only through blind subjects (see blind.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Max, Min, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from cocreate.contributions.enums import Kind, Status
from cocreate.contributions.models import Contribution
from cocreate.core.errors import NotFound
from cocreate.ideas.models import Idea
from cocreate.ideas.permissions import IDEA_RELATED, can_merge_idea
from cocreate.moderation import permissions as perms
from cocreate.moderation.blind import Subject, subjects_by_id
from cocreate.moderation.enums import AppealState, Reason
from cocreate.moderation.models import Appeal, Decision, Reply, Report
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.permissions import member_org_ids
from cocreate.textintel.models import DUPLICATE_KINDS, Enrichment

TABS = ("ideas", "reports", "appeals")
VISIBLE = (Status.PENDING, Status.PUBLISHED)
DUPLICATES_MODEL: str = "textintel.DuplicateCandidate"


@dataclass(frozen=True)
class Duplicate:
    """An open duplicate candidate found by text intelligence."""

    other_id: int
    other_title: str
    percent: int
    merge_url: str  # the ideas app's merge page, when the moderator may merge
    # content words only this contribution has, and only the other has
    mine_only: tuple[str, ...] = ()
    other_only: tuple[str, ...] = ()


@dataclass
class QueueItem:
    subject: Subject
    reports: list[Report] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    personal_data: dict[str, int] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    latest_decision: int = 0  # what the moderator saw, sent back with the decision

    @property
    def report_reasons(self) -> list[tuple[str, int]]:
        counts = Counter(r.reason for r in self.reports)
        return [(str(Reason(reason).label), n) for reason, n in counts.most_common()]

    @property
    def can_approve(self) -> bool:
        return "approved" in self.outcomes


@dataclass
class AppealItem:
    appeal: Appeal
    subject: Subject
    can_decide: bool


# --- the queue --------------------------------------------------------------------------------


def _pending_ideas(user: Any) -> QuerySet[Contribution]:
    qs = Contribution.objects.filter(kind=Kind.IDEA, status=Status.PENDING).exclude(author=user)
    if not perms.is_platform_moderator(user):
        orgs = member_org_ids(user, kind=OrgKind.BRAND, roles=(Role.MODERATOR,))
        qs = qs.filter(brand__org_id__in=orgs)
    return qs.order_by("created_at", "id")


def _reported(user: Any) -> QuerySet[Contribution]:
    if not perms.is_platform_moderator(user):
        return Contribution.objects.none()
    open_reports = Report.objects.filter(resolved_at__isnull=True)
    return (
        Contribution.objects.filter(
            status=Status.PUBLISHED, pk__in=open_reports.values("contribution_id")
        )
        .exclude(author=user)
        .annotate(
            first_report=Min("reports__created_at", filter=Q(reports__resolved_at__isnull=True))
        )
        .order_by("first_report", "id")
    )


def _open_appeals(user: Any) -> QuerySet[Appeal]:
    if not perms.is_platform_moderator(user):
        return Appeal.objects.none()
    return Appeal.objects.filter(state=AppealState.OPEN).order_by("created_at", "id")


def queue_counts(user: Any) -> dict[str, int]:
    return {
        "ideas": _pending_ideas(user).count(),
        "reports": _reported(user).count(),
        "appeals": _open_appeals(user).count(),
    }


def queue_ids(user: Any, tab: str) -> QuerySet[Any, Any]:
    """Ids in queue order (oldest first), to page through."""
    if tab == "reports":
        return _reported(user).values_list("id", flat=True)
    if tab == "appeals":
        return _open_appeals(user).values_list("id", flat=True)
    return _pending_ideas(user).values_list("id", flat=True)


def _personal_data(subjects: Iterable[Subject]) -> dict[int, dict[str, int]]:
    """What text intelligence found of personal data in the current version of each text."""
    by_id = {s.id: s for s in subjects}
    rows = Enrichment.objects.filter(contribution_id__in=by_id).values_list(
        "contribution_id", "body_sha256", "pii_counts"
    )
    return {
        cid: {k: int(v) for k, v in (counts or {}).items() if v}
        for cid, sha, counts in rows
        if by_id[cid].body_sha256 == sha
    }


def duplicate_candidates() -> Any:
    """Text intelligence's duplicate candidates (its DuplicateCandidate model), or None while
    that part of text intelligence is not installed."""
    try:
        return apps.get_model(DUPLICATES_MODEL)
    except LookupError:
        return None


def _duplicates(user: Any, subjects: Iterable[Subject]) -> dict[int, list[Duplicate]]:
    """Open duplicate candidates of each contribution (text intelligence), with a link to the
    ideas app's merge page for ideas this moderator may merge. Merging is the ideas app's."""
    model = duplicate_candidates()
    by_id = {s.id: s for s in subjects}
    if model is None or not by_id:
        return {}
    rows = (
        model.objects.filter(status="open", kind__in=DUPLICATE_KINDS)
        .filter(Q(first_id__in=by_id) | Q(second_id__in=by_id))
        .filter(first__status__in=VISIBLE, second__status__in=VISIBLE)
        .order_by("-score", "-id")
        .values_list(
            "first_id",
            "second_id",
            "score",
            "first__title",
            "second__title",
            "first_only_words",
            "second_only_words",
        )
    )
    mergeable = {
        pk
        for pk, idea in Idea.objects.select_related(*IDEA_RELATED)
        .in_bulk([s.id for s in by_id.values() if s.is_idea])
        .items()
        if can_merge_idea(user, idea)
    }
    found: dict[int, list[Duplicate]] = defaultdict(list)
    for first, second, score, first_title, second_title, first_only, second_only in rows:
        sides = (
            (first, second, second_title, first_only, second_only),
            (second, first, first_title, second_only, first_only),
        )
        for mine, other, title, mine_only, other_only in sides:
            if mine in by_id:
                merge = ""
                if mine in mergeable:
                    merge = f"{reverse('ideas:merge', args=[mine])}?target={other}"
                found[mine].append(
                    Duplicate(
                        other,
                        title,
                        round(score * 100),
                        merge,
                        tuple(mine_only),
                        tuple(other_only),
                    )
                )
    return found


def queue_items(user: Any, ids: Iterable[int]) -> list[QueueItem]:
    ids = list(ids)
    subjects = subjects_by_id(ids)
    reports: dict[int, list[Report]] = defaultdict(list)
    for report in (
        Report.objects.filter(contribution_id__in=ids, resolved_at__isnull=True)
        .select_related("org")
        .order_by("created_at", "id")
    ):
        reports[report.contribution_id].append(report)
    pii = _personal_data(subjects.values())
    duplicates = _duplicates(user, subjects.values())
    latest = dict(
        Decision.objects.filter(contribution_id__in=ids)
        .values("contribution_id")
        .annotate(latest=Max("id"))
        .values_list("contribution_id", "latest")
    )
    items = []
    for cid in ids:
        subject = subjects.get(cid)
        if subject is None:
            continue
        open_reports = reports.get(cid, [])
        items.append(
            QueueItem(
                subject=subject,
                reports=open_reports,
                outcomes=perms.decision_outcomes(user, subject, open_reports=len(open_reports)),
                personal_data=pii.get(cid, {}),
                duplicates=duplicates.get(cid, []),
                latest_decision=latest.get(cid, 0),
            )
        )
    return items


def queue_item(user: Any, contribution_id: int) -> QueueItem:
    subject = perms.subject_get_for_decision(user, contribution_id)
    if not perms.can_decide_contribution(user, subject):
        raise NotFound("not_found", _("Nothing to decide here."))
    item = queue_items(user, [subject.id])[0]
    item.decisions = list(decisions_for(subject.id))
    return item


def appeal_items(user: Any, ids: Iterable[int]) -> list[AppealItem]:
    appeals = list(
        Appeal.objects.filter(pk__in=list(ids))
        .select_related("decision", "decision__moderator")
        .order_by("created_at", "id")
    )
    subjects = subjects_by_id(a.decision.contribution_id for a in appeals)
    return [
        AppealItem(
            appeal=a,
            subject=subjects[a.decision.contribution_id],
            can_decide=perms.can_decide_appeal(user, a),
        )
        for a in appeals
        if a.decision.contribution_id in subjects
    ]


# --- under a contribution ---------------------------------------------------------------------


def replies_for(contribution_ids: Iterable[int]) -> dict[int, list[Reply]]:
    """Replies per contribution, oldest first, with their organisation."""
    grouped: dict[int, list[Reply]] = defaultdict(list)
    for reply in (
        Reply.objects.filter(contribution_id__in=set(contribution_ids))
        .select_related("org")
        .order_by("created_at", "id")
    ):
        grouped[reply.contribution_id].append(reply)
    return grouped


def decisions_for(contribution_id: int) -> QuerySet[Decision]:
    """A contribution's moderation history, newest first, with appeals."""
    return (
        Decision.objects.filter(contribution_id=contribution_id)
        .select_related("appeal")
        .order_by("-created_at", "-id")
    )


def open_report_count(contribution_id: int) -> int:
    return Report.objects.filter(contribution_id=contribution_id, resolved_at__isnull=True).count()
