"""Every write of test sessions: creating one, its questions (only while a draft), opening and
closing it, inviting eligible people, answering once, renting the results to a partner, and
the analysis of free-text answers (run by session_tasks, never in a web process)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from cocreate.accounts.enums import AgeBand, Persona, Region
from cocreate.accounts.models import User
from cocreate.accounts.notifications import notify
from cocreate.catalog.models import Product
from cocreate.core.audit import audit_record
from cocreate.core.errors import Conflict, Forbidden, ValidationFailed
from cocreate.core.tasks import enqueue_path_on_commit
from cocreate.insights.models import (
    SessionAnswer,
    SessionInvitation,
    SessionQuestion,
    SessionRental,
    SessionResponse,
    TestSession,
)
from cocreate.insights.models.sessions import (
    ANSWER_TEXT_MAX,
    CHOICE_MAX,
    CHOICES_MAX,
    DESCRIPTION_MAX,
    PARTICIPANT_LIMIT_MAX,
    PROMPT_MAX,
    PROTOTYPE_MAX,
    QUESTIONS_MAX,
    REWARD_MAX_KRW,
    SCALE_MAX,
    SCALE_MIN,
    TITLE_MAX,
)
from cocreate.insights.permissions import can_create_session, can_manage_session
from cocreate.insights.session_answers import check_answers
from cocreate.insights.session_enums import QuestionKind, SessionStatus
from cocreate.insights.session_enums import SessionErrorCode as Code
from cocreate.insights.session_selectors import eligible_people, is_eligible
from cocreate.ledger.enums import SourceType
from cocreate.ledger.services import reward_credit
from cocreate.orgs.models import Organisation

INVITE_BATCH_MAX = 500
# The tasks module imports this one; its tasks are named by path.
TASKS = "cocreate.insights.session_tasks"


def _invalid(code: str, errors: dict[str, list[str]]) -> ValidationFailed:
    return ValidationFailed(code, _("Some fields need attention."), fields=errors)


def _forbidden() -> Forbidden:
    return Forbidden(Code.FORBIDDEN, _("Only the brand's owners can manage its test sessions."))


def _check_session_fields(
    *,
    org: Organisation,
    title: str,
    description: str,
    product: Product | None,
    prototype_name: str,
    target: Mapping[str, str],
    opens_at: datetime,
    closes_at: datetime,
    participant_limit: int,
    reward_krw: int,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not 1 <= len(title) <= TITLE_MAX:
        errors["title"] = [_("Give a title of 1 to %(n)d characters.") % {"n": TITLE_MAX}]
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = [_("At most %(n)d characters.") % {"n": DESCRIPTION_MAX}]
    if product is None and not prototype_name:
        errors["product"] = [_("Choose one of the brand's products or name a prototype.")]
    if product is not None and (product.brand.org_id != org.pk):
        errors["product"] = [_("Choose one of the brand's own products.")]
    if len(prototype_name) > PROTOTYPE_MAX:
        errors["prototype_name"] = [_("At most %(n)d characters.") % {"n": PROTOTYPE_MAX}]
    allowed = {"persona": Persona.values, "age_band": AgeBand.values, "region": Region.values}
    for field, values in allowed.items():
        if target.get(field, "") not in ("", *values):
            errors[f"target_{field}"] = [_("Choose one of the listed values.")]
    if closes_at <= opens_at:
        errors["closes_at"] = [_("The session must close after it opens.")]
    elif closes_at <= timezone.now():
        errors["closes_at"] = [_("The closing date must be in the future.")]
    if not 1 <= participant_limit <= PARTICIPANT_LIMIT_MAX:
        errors["participant_limit"] = [
            _("Between 1 and %(n)d participants.") % {"n": PARTICIPANT_LIMIT_MAX}
        ]
    if not 0 <= reward_krw <= REWARD_MAX_KRW:
        errors["reward_krw"] = [_("Between 0 and %(n)d won.") % {"n": REWARD_MAX_KRW}]
    return errors


def session_create(
    *,
    actor: Any,
    org: Organisation,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    description: str = "",
    product: Product | None = None,
    prototype_name: str = "",
    target: Mapping[str, str] | None = None,
    participant_limit: int = 100,
    reward_krw: int = 0,
) -> TestSession:
    """A brand owner drafts a session; questions are added before it opens."""
    if not can_create_session(actor, org):
        raise _forbidden()
    title, prototype_name = " ".join(title.split()), " ".join(prototype_name.split())
    description = description.strip()
    target = dict(target or {})
    errors = _check_session_fields(
        org=org,
        title=title,
        description=description,
        product=product,
        prototype_name=prototype_name,
        target=target,
        opens_at=opens_at,
        closes_at=closes_at,
        participant_limit=participant_limit,
        reward_krw=reward_krw,
    )
    if errors:
        raise _invalid(Code.INVALID, errors)
    with transaction.atomic():
        session = TestSession.objects.create(
            org=org,
            product=product,
            prototype_name=prototype_name,
            title=title,
            description=description,
            target_persona=target.get("persona", ""),
            target_age_band=target.get("age_band", ""),
            target_region=target.get("region", ""),
            opens_at=opens_at,
            closes_at=closes_at,
            participant_limit=participant_limit,
            reward_krw=reward_krw,
            created_by=actor,
        )
        audit_record(
            "test_session.created",
            actor=actor,
            subject=session,
            payload={"org": org.pk, "limit": participant_limit, "reward_krw": reward_krw},
        )
    return session


def _clean_choices(kind: str, choices: Sequence[str]) -> list[str]:
    if kind not in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return []
    cleaned = [" ".join(str(c).split()) for c in choices]
    cleaned = [c for c in cleaned if c]
    if not 2 <= len(cleaned) <= CHOICES_MAX or any(len(c) > CHOICE_MAX for c in cleaned):
        raise _invalid(
            Code.QUESTION_INVALID,
            {
                "choices": [
                    _("Give 2 to %(n)d options of at most %(m)d characters each.")
                    % {"n": CHOICES_MAX, "m": CHOICE_MAX}
                ]
            },
        )
    if len(set(cleaned)) != len(cleaned):
        raise _invalid(Code.QUESTION_INVALID, {"choices": [_("Each option only once.")]})
    return cleaned


def _locked_draft(session: TestSession) -> TestSession:
    current = TestSession.objects.select_for_update().get(pk=session.pk)
    if current.status != SessionStatus.DRAFT:
        raise Conflict(Code.NOT_DRAFT, _("Questions can change only while the session is a draft."))
    return current


def question_add(
    *,
    actor: Any,
    session: TestSession,
    kind: str,
    prompt: str,
    choices: Sequence[str] = (),
    scale_max: int = 5,
    required: bool = True,
) -> SessionQuestion:
    if not can_manage_session(actor, session):
        raise _forbidden()
    prompt = " ".join(prompt.split())
    errors: dict[str, list[str]] = {}
    if kind not in QuestionKind.values:
        errors["kind"] = [_("Choose one of the listed kinds.")]
    if not 1 <= len(prompt) <= PROMPT_MAX:
        errors["prompt"] = [_("Give a question of 1 to %(n)d characters.") % {"n": PROMPT_MAX}]
    if kind == QuestionKind.SCALE and not SCALE_MIN <= scale_max <= SCALE_MAX:
        errors["scale_max"] = [
            _("A scale goes from 1 to between %(a)d and %(b)d.") % {"a": SCALE_MIN, "b": SCALE_MAX}
        ]
    if errors:
        raise _invalid(Code.QUESTION_INVALID, errors)
    options = _clean_choices(kind, choices)
    with transaction.atomic():
        current = _locked_draft(session)
        count = current.questions.count()
        if count >= QUESTIONS_MAX:
            raise _invalid(
                Code.QUESTION_INVALID,
                {"prompt": [_("At most %(n)d questions.") % {"n": QUESTIONS_MAX}]},
            )
        last = current.questions.order_by("-position").values_list("position", flat=True).first()
        question = SessionQuestion.objects.create(
            session=current,
            position=(last or 0) + 1,
            kind=kind,
            prompt=prompt,
            choices=options,
            scale_max=scale_max if kind == QuestionKind.SCALE else 5,
            required=required,
        )
        audit_record(
            "test_session.question_added",
            actor=actor,
            subject=current,
            payload={"question": question.pk, "kind": kind},
        )
    return question


def question_remove(*, actor: Any, question: SessionQuestion) -> None:
    session = question.session
    if not can_manage_session(actor, session):
        raise _forbidden()
    with transaction.atomic():
        _locked_draft(session)
        SessionQuestion.objects.filter(pk=question.pk).delete()
        audit_record(
            "test_session.question_removed",
            actor=actor,
            subject=session,
            payload={"question": question.pk},
        )


def _set_status(actor: Any, session: TestSession, to: str) -> TestSession:
    allowed = {SessionStatus.DRAFT: SessionStatus.OPEN, SessionStatus.OPEN: SessionStatus.CLOSED}
    with transaction.atomic():
        current = TestSession.objects.select_for_update().get(pk=session.pk)
        if allowed.get(SessionStatus(current.status)) != to:
            raise Conflict(Code.NOT_ALLOWED, _("The session cannot change that way."))
        if to == SessionStatus.OPEN:
            if not current.questions.exists():
                raise Conflict(Code.NO_QUESTIONS, _("Add at least one question first."))
            if current.closes_at <= timezone.now():
                raise Conflict(Code.NOT_ALLOWED, _("The closing date has passed."))
        current.status = to
        current.save(update_fields=["status", "updated_at"])
        audit_record(
            "test_session.status_changed", actor=actor, subject=current, payload={"to": to}
        )
    return current


def session_open(*, actor: Any, session: TestSession) -> TestSession:
    """Draft → open. From then on the questions are fixed; answers are taken from `opens_at`."""
    if not can_manage_session(actor, session):
        raise _forbidden()
    return _set_status(actor, session, SessionStatus.OPEN)


def session_close(*, actor: Any, session: TestSession) -> TestSession:
    """Open → closed: no more answers. `actor` None is the scheduled close at `closes_at`."""
    if actor is not None and not can_manage_session(actor, session):
        raise _forbidden()
    return _set_status(actor, session, SessionStatus.CLOSED)


def sessions_close_due(now: datetime | None = None) -> int:
    """Close every open session whose closing time has passed (a periodic task)."""
    moment = now or timezone.now()
    closed = 0
    for session in TestSession.objects.filter(status=SessionStatus.OPEN, closes_at__lte=moment):
        try:
            session_close(actor=None, session=session)
        except Conflict:
            continue  # closed meanwhile by its owner
        closed += 1
    return closed


def _create_invitations(actor: Any, session: TestSession, user_ids: Sequence[int]) -> int:
    existing = set(
        SessionInvitation.objects.filter(session=session, user_id__in=user_ids).values_list(
            "user_id", flat=True
        )
    )
    new = [uid for uid in user_ids if uid not in existing]
    SessionInvitation.objects.bulk_create(
        [SessionInvitation(session=session, user_id=uid, invited_by=actor) for uid in new],
        ignore_conflicts=True,
    )
    if new:
        audit_record(
            "test_session.invited", actor=actor, subject=session, payload={"people": len(new)}
        )
        enqueue_path_on_commit(f"{TASKS}.notify_session_invitations", session.pk, new)
    return len(new)


def session_invite_eligible(*, actor: Any, session: TestSession, limit: int) -> int:
    """Invite up to `limit` eligible people not invited yet; returns how many were invited."""
    if not can_manage_session(actor, session):
        raise _forbidden()
    if not 1 <= limit <= INVITE_BATCH_MAX:
        raise _invalid(
            Code.INVALID,
            {
                "limit": [
                    _("Invite between 1 and %(n)d people at a time.") % {"n": INVITE_BATCH_MAX}
                ]
            },
        )
    if session.status != SessionStatus.OPEN:
        raise Conflict(Code.NOT_OPEN, _("Invite people once the session is open."))
    with transaction.atomic():
        ids = list(eligible_people(session).values_list("pk", flat=True)[:limit])
        return _create_invitations(actor, session, ids)


def session_invite(*, actor: Any, session: TestSession, user: Any) -> SessionInvitation:
    """Invite one person; they must be eligible (see session_selectors.eligible_people)."""
    if not can_manage_session(actor, session):
        raise _forbidden()
    if session.status != SessionStatus.OPEN:
        raise Conflict(Code.NOT_OPEN, _("Invite people once the session is open."))
    if not is_eligible(session, user):
        raise _invalid(
            Code.NOT_ELIGIBLE, {"user": [_("This person is not eligible for the session.")]}
        )
    with transaction.atomic():
        _create_invitations(actor, session, [user.pk])
    return SessionInvitation.objects.get(session=session, user=user)


def session_answer_submit(
    *, actor: Any, session: TestSession, answers: Mapping[str, Any]
) -> SessionResponse:
    """An invited person answers once, while the session is open and below its participant
    limit. `answers` maps question ids (as strings) to the raw values of the form. A reward,
    when the session has one, is booked through the ledger in the same transaction and the
    response marked as a rewarded answer."""
    questions = list(session.questions.order_by("position"))
    checked = check_answers(questions, answers)
    now = timezone.now()
    with transaction.atomic():
        invitation = (
            SessionInvitation.objects.select_for_update()
            .filter(session_id=session.pk, user_id=actor.pk)
            .first()
        )
        if invitation is None:
            raise Forbidden(Code.NOT_INVITED, _("Only invited people can answer this session."))
        if invitation.answered_at is not None:
            raise Conflict(Code.ALREADY_ANSWERED, _("You have already answered this session."))
        # The limit holds under concurrency: one conditional UPDATE decides who gets a place.
        took_place = TestSession.objects.filter(
            pk=session.pk,
            status=SessionStatus.OPEN,
            opens_at__lte=now,
            closes_at__gt=now,
            respondent_count__lt=F("participant_limit"),
        ).update(respondent_count=F("respondent_count") + 1)
        if not took_place:
            current = TestSession.objects.get(pk=session.pk)
            if current.respondent_count >= current.participant_limit:
                raise Conflict(Code.FULL, _("The session has reached its participant limit."))
            raise Conflict(Code.NOT_OPEN, _("The session is not taking answers."))
        try:
            with transaction.atomic():
                response = SessionResponse.objects.create(
                    session=session,
                    user=actor,
                    persona=actor.persona,
                    age_band=actor.age_band,
                    region=actor.region,
                    created_at=now,
                )
        except IntegrityError:
            raise Conflict(
                Code.ALREADY_ANSWERED, _("You have already answered this session.")
            ) from None
        SessionAnswer.objects.bulk_create(
            [SessionAnswer(response=response, **fields) for fields in checked]
        )
        invitation.answered_at = now
        invitation.save(update_fields=["answered_at"])
        audit_record(
            "test_session.answered",
            actor=actor,
            subject=session,
            payload={"response": response.pk, "answers": len(checked)},
        )
        if session.reward_krw:
            _reward(session, response)
        if any(f.get("text") for f in checked):
            enqueue_path_on_commit(f"{TASKS}.analyse_session_answers", response.pk)
    return response


def _reward(session: TestSession, response: SessionResponse) -> None:
    txn = reward_credit(
        idempotency_key=f"test-session:{session.pk}:response:{response.pk}",
        user=response.user,
        amount_krw=session.reward_krw,
        reason=f"test session {session.pk}",
        source_type=SourceType.TEST_SESSION,
        source_ref=str(session.pk),
        source_url=f"/insights/sessions/{session.pk}/answer/",
        funded_by_org=session.org,
        actor=None,
    )
    SessionResponse.objects.filter(pk=response.pk).update(
        incentivised=True, reward_transaction_id=txn.pk
    )
    response.incentivised, response.reward_transaction_id = True, txn.pk


def session_rent(
    *,
    actor: Any,
    session: TestSession,
    partner: Organisation,
    starts_on: date,
    ends_on: date,
) -> SessionRental:
    """Rent the session's results to a partner company for a period (the experience-centre
    model): the partner's members then read this session's results and nothing else."""
    if not can_manage_session(actor, session):
        raise _forbidden()
    errors: dict[str, list[str]] = {}
    if partner.pk == session.org_id:
        errors["partner"] = [_("Rent the session to another company.")]
    if ends_on < starts_on:
        errors["ends_on"] = [_("The rental must end on or after its first day.")]
    if errors:
        raise _invalid(Code.RENTAL_INVALID, errors)
    with transaction.atomic():
        rental, created = SessionRental.objects.update_or_create(
            session=session,
            partner=partner,
            defaults={"starts_on": starts_on, "ends_on": ends_on, "created_by": actor},
        )
        audit_record(
            "test_session.rented",
            actor=actor,
            subject=session,
            payload={
                "partner": partner.pk,
                "from": starts_on.isoformat(),
                "until": ends_on.isoformat(),
                "new": created,
            },
        )
    return rental


def session_rental_end(*, actor: Any, rental: SessionRental) -> None:
    if not can_manage_session(actor, rental.session):
        raise _forbidden()
    with transaction.atomic():
        SessionRental.objects.filter(pk=rental.pk).delete()
        audit_record(
            "test_session.rental_ended",
            actor=actor,
            subject=rental.session,
            payload={"partner": rental.partner_id},
        )


def invitations_notify(session_id: int, user_ids: Sequence[int]) -> int:
    """Tell invited people, in the app and by email, each in their own language."""
    session = TestSession.objects.select_related("org").filter(pk=session_id).first()
    if session is None:
        return 0
    people = list(
        User.objects.filter(
            pk__in=list(user_ids),
            session_invitations__session=session,
            session_invitations__answered_at__isnull=True,
        )
    )
    by_language: dict[str, list[User]] = defaultdict(list)
    for person in people:
        by_language[person.preferred_language or settings.LANGUAGE_CODE].append(person)
    url = reverse("insights:session-answer", args=[session.pk])
    for language, group in by_language.items():
        with translation.override(language):
            notify(
                group,
                kind="test_session.invited",
                title=_("%(brand)s invites you to a test session") % {"brand": session.org.name},
                body=_(
                    "%(title)s: answer by %(date)s. Answering is up to you, and you answer once."
                )
                % {
                    "title": session.title,
                    "date": formats.date_format(timezone.localtime(session.closes_at), "Y.m.d"),
                },
                url=url,
            )
    return len(people)


def answers_analyse(response_id: int) -> int:
    """Mask and classify the free-text answers of one response the way contributions are
    enriched (same masking, same models). Idempotent: analysed answers are skipped. Loads Kiwi
    and the models: call it from the task worker only."""
    from cocreate.textintel.masking import mask_many
    from cocreate.textintel.ml.api import analyse

    pending = list(
        SessionAnswer.objects.filter(response_id=response_id, analysed_at__isnull=True).exclude(
            text=""
        )
    )
    if not pending:
        return 0
    masked = mask_many([a.text for a in pending])
    analyses = analyse([a.text for a in pending])
    now = timezone.now()
    for answer, mask, analysis in zip(pending, masked, analyses, strict=True):
        answer.masked_text = mask.text[:ANSWER_TEXT_MAX]
        answer.sentiment = analysis.sentiment.label if analysis.sentiment else ""
        answer.aspects = [
            {"aspect": a.aspect, "polarity": a.polarity, "confidence": round(a.confidence, 4)}
            for a in analysis.aspects
        ]
        answer.analysis_model = analysis.sentiment.model if analysis.sentiment else ""
        answer.analysed_at = now
    with transaction.atomic():
        SessionAnswer.objects.bulk_update(
            pending, ["masked_text", "sentiment", "aspects", "analysis_model", "analysed_at"]
        )
    return len(pending)
