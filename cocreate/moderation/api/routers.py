"""/api/v1/transparency/: the public report, the audit chain head, the published reasons and
replies (anyone); reports and replies (people with a session, or an organisation's API key);
the queue, decisions and appeals (moderators and authors, with a session).

There is no endpoint to hide, edit, delete or reorder a contribution for a brand or a mall."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.security import HttpBearer
from pydantic import Field

from cocreate.contributions.enums import Status as ContributionStatus
from cocreate.core.api import session_auth
from cocreate.core.audit import audit_head
from cocreate.core.errors import NotFound
from cocreate.core.models import AuditEvent
from cocreate.moderation import permissions as perms
from cocreate.moderation import selectors, services
from cocreate.moderation.api.schemas import (
    AppealDecisionIn,
    AppealIn,
    AppealOut,
    ChainEventOut,
    DecisionIn,
    DecisionOut,
    HeadOut,
    QueueItemOut,
    QueuePage,
    QueueReportOut,
    ReasonOut,
    ReplyIn,
    ReplyOut,
    ReportIn,
    ReportOut,
)
from cocreate.moderation.api.transparency import report_router
from cocreate.moderation.blind import subject_get
from cocreate.moderation.enums import published_reasons
from cocreate.moderation.models import Appeal, Decision, Reply, Report
from cocreate.orgs.enums import Scope
from cocreate.orgs.models import ApiKey, Organisation
from cocreate.orgs.services import api_key_authenticate

router = Router(tags=["transparency"])
router.add_router("", report_router)

ORG_KEY_SCOPES = (Scope.FEED_READ, Scope.ORDERS_WRITE)


class OrgKeyAuth(HttpBearer):
    """A brand's or a mall's API key (scope feed:read or orders:write): enough to reply and
    to report, never to hide."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        key = api_key_authenticate(token)
        if key is None or not any(scope in key.scopes for scope in ORG_KEY_SCOPES):
            return None
        return key


org_key_auth = OrgKeyAuth()


def _actor(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


# --- public -----------------------------------------------------------------------------------


@router.get("/head", response=HeadOut, operation_id="transparency_head", summary="Audit chain head")
def head(request: HttpRequest) -> HeadOut:
    h = audit_head()
    if h is None:
        return HeadOut(seq=0, hash="0" * 64, updated_at=None)
    return HeadOut(seq=h.seq, hash=h.hash, updated_at=h.updated_at)


@router.get(
    "/chain/{seq}",
    response=ChainEventOut,
    operation_id="transparency_chain_event",
    summary="The hash of one audit event, to check that history was not rewritten",
)
def chain_event(request: HttpRequest, seq: int) -> ChainEventOut:
    event = (
        AuditEvent.objects.filter(seq=seq)
        .values("seq", "hash", "prev_hash", "event_type", "created_at")
        .first()
    )
    if event is None:
        raise NotFound("not_found", _("No such event."))
    return ChainEventOut(**event)


@router.get(
    "/reasons",
    response=list[ReasonOut],
    operation_id="transparency_reasons",
    summary="The published, closed list of moderation reasons",
)
def reasons(request: HttpRequest) -> list[ReasonOut]:
    return [ReasonOut(code=c, label=lbl, description=d) for c, lbl, d in published_reasons()]


def _reply_out(reply: Reply) -> ReplyOut:
    return ReplyOut(
        id=reply.pk,
        contribution_id=reply.contribution_id,
        org_id=reply.org_id,
        org_name=reply.org.name,
        org_kind=reply.org.kind,
        body=reply.body,
        created_at=reply.created_at,
    )


@router.get(
    "/contributions/{contribution_id}/replies",
    response=list[ReplyOut],
    operation_id="transparency_replies",
    summary="Replies by brands and malls under a published contribution",
)
def replies(request: HttpRequest, contribution_id: int) -> list[ReplyOut]:
    subject = subject_get(contribution_id)
    if subject.status != ContributionStatus.PUBLISHED:
        raise NotFound("not_found", _("No such contribution."))
    return [_reply_out(r) for r in selectors.replies_for([subject.id]).get(subject.id, [])]


# --- reports and replies (a session or an organisation's key) ---------------------------------


@router.post(
    "/contributions/{contribution_id}/reports",
    response={201: ReportOut},
    auth=[org_key_auth, session_auth],
    operation_id="transparency_report_contribution",
    summary="Report a published contribution to a neutral moderator; it hides nothing",
)
def report_contribution(
    request: HttpRequest, contribution_id: int, payload: ReportIn
) -> Status[ReportOut]:
    r: Report = services.report_file(
        actor=_actor(request),
        contribution_id=contribution_id,
        reason=payload.reason,
        note=payload.note,
    )
    return Status(
        201,
        ReportOut(
            id=r.pk,
            contribution_id=r.contribution_id,
            reason=r.reason,
            reporter_kind=r.reporter_kind,
            org_id=r.org_id,
            created_at=r.created_at,
            resolved=r.resolved_at is not None,
        ),
    )


@router.post(
    "/contributions/{contribution_id}/replies",
    response={201: ReplyOut},
    auth=[org_key_auth, session_auth],
    operation_id="transparency_reply",
    summary="Reply in public for a brand or a mall",
)
def reply(request: HttpRequest, contribution_id: int, payload: ReplyIn) -> Status[ReplyOut]:
    org = None
    if payload.org_id is not None:
        org = Organisation.objects.filter(pk=payload.org_id).first()
        if org is None:
            raise NotFound("not_found", _("No such organisation."))
    r = services.reply_post(
        actor=_actor(request), contribution_id=contribution_id, body=payload.body, org=org
    )
    return Status(201, _reply_out(Reply.objects.select_related("org").get(pk=r.pk)))


# --- moderators and authors (a session) --------------------------------------------------------


class QueueParams(Schema):
    tab: Literal["ideas", "reports"] = "ideas"
    limit: int = Field(default=20, ge=1, le=100)
    offset: int = Field(default=0, ge=0, le=1_000_000)


@router.get(
    "/queue",
    response=QueuePage,
    auth=session_auth,
    operation_id="moderation_queue",
    summary="What waits for the moderator, oldest first; never with its rating",
)
def queue(request: HttpRequest, params: Query[QueueParams]) -> dict[str, Any]:
    user = request.user
    if not perms.can_see_in_queue(user):
        raise NotFound("not_found", _("Nothing to moderate here."))
    ids_qs = selectors.queue_ids(user, params.tab)
    ids = list(ids_qs[params.offset : params.offset + params.limit])
    items = [
        QueueItemOut(
            id=item.subject.id,
            kind=item.subject.kind,
            status=item.subject.status,
            title=item.subject.title,
            body=item.subject.body,
            version=item.subject.version,
            verified_purchase=item.subject.verified_purchase,
            incentivised=item.subject.incentivised,
            declared_relationship=item.subject.declared_relationship,
            brand=item.subject.brand_name,
            product=item.subject.product_name,
            created_at=item.subject.created_at,
            open_reports=[
                QueueReportOut(
                    reason=r.reason,
                    reporter_kind=r.reporter_kind,
                    org_name=r.org.name if r.org else None,
                    created_at=r.created_at,
                )
                for r in item.reports
            ],
            outcomes=item.outcomes,
        )
        for item in selectors.queue_items(user, ids)
    ]
    return {"items": items, "count": ids_qs.count(), "limit": params.limit, "offset": params.offset}


def _decision_out(d: Decision) -> DecisionOut:
    return DecisionOut(
        id=d.pk,
        contribution_id=d.contribution_id,
        outcome=d.outcome,
        reason=d.reason,
        basis=d.basis,
        version=d.version,
        created_at=d.created_at,
    )


def _appeal_out(a: Appeal) -> AppealOut:
    return AppealOut(
        id=a.pk,
        decision_id=a.decision_id,
        state=a.state,
        created_at=a.created_at,
        decided_at=a.decided_at,
    )


@router.post(
    "/contributions/{contribution_id}/decisions",
    response={201: DecisionOut},
    auth=session_auth,
    operation_id="moderation_decide",
    summary="Approve, or hide with a published reason (moderators only)",
)
def decide(request: HttpRequest, contribution_id: int, payload: DecisionIn) -> Status[DecisionOut]:
    decision = services.decision_make(
        actor=request.user,
        contribution_id=contribution_id,
        outcome=payload.outcome,
        reason=payload.reason,
        note=payload.note,
        seen_decision=payload.seen_decision,
    )
    return Status(201, _decision_out(decision))


@router.post(
    "/decisions/{decision_id}/appeal",
    response={201: AppealOut},
    auth=session_auth,
    operation_id="moderation_appeal",
    summary="The author appeals a hiding decision, once",
)
def appeal(request: HttpRequest, decision_id: int, payload: AppealIn) -> Status[AppealOut]:
    a = services.appeal_file(
        actor=request.user, decision_id=decision_id, statement=payload.statement
    )
    return Status(201, _appeal_out(a))


@router.post(
    "/appeals/{appeal_id}/decision",
    response=AppealOut,
    auth=session_auth,
    operation_id="moderation_appeal_decide",
    summary="Another platform moderator upholds or overturns",
)
def appeal_decide(request: HttpRequest, appeal_id: int, payload: AppealDecisionIn) -> AppealOut:
    a = services.appeal_decide(
        actor=request.user, appeal_id=appeal_id, overturn=payload.overturn, answer=payload.answer
    )
    return _appeal_out(a)
