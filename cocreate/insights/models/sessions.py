"""Test sessions (surveys) a brand runs for a product or prototype: the questions, who is
invited, who answered what, and the partner companies a session is rented to."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.enums import AgeBand, Persona, Region
from cocreate.core.models import TimeStampedModel
from cocreate.insights.session_enums import QuestionKind, SessionStatus

__all__ = [
    "SessionAnswer",
    "SessionInvitation",
    "SessionQuestion",
    "SessionRental",
    "SessionResponse",
    "TestSession",
]

TITLE_MAX = 120
DESCRIPTION_MAX = 2000
PROTOTYPE_MAX = 120
PARTICIPANT_LIMIT_MAX = 10_000
REWARD_MAX_KRW = 1_000_000
PROMPT_MAX = 300
CHOICE_MAX = 100
CHOICES_MAX = 10
QUESTIONS_MAX = 20
SCALE_MIN, SCALE_MAX = 2, 10
ANSWER_TEXT_MAX = 2000


class TestSession(TimeStampedModel):
    """A brand's survey of a product (catalog) or a named prototype. `respondent_count` is
    raised with a conditional UPDATE in the transaction that stores a response, so it never
    passes `participant_limit`."""

    __test__ = False  # not a pytest test class, whatever its name

    org = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="test_sessions"
    )
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="test_sessions",
    )
    prototype_name = models.CharField(_("prototype"), max_length=PROTOTYPE_MAX, blank=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=SessionStatus.choices, default=SessionStatus.DRAFT
    )
    # The target segment; an empty field means anyone.
    target_persona = models.CharField(
        _("persona"), max_length=16, choices=Persona.choices, blank=True
    )
    target_age_band = models.CharField(
        _("age band"), max_length=8, choices=AgeBand.choices, blank=True
    )
    target_region = models.CharField(_("region"), max_length=16, choices=Region.choices, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    participant_limit = models.PositiveIntegerField(_("participant limit"), default=100)
    reward_krw = models.PositiveIntegerField(_("reward per participant (KRW)"), default=0)
    respondent_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SessionStatus.values), name="session_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(product__isnull=False) | ~Q(prototype_name=""),
                name="session_has_subject",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="session_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(participant_limit__gte=1, participant_limit__lte=PARTICIPANT_LIMIT_MAX),
                name="session_limit_range",
            ),
            models.CheckConstraint(
                condition=Q(reward_krw__lte=REWARD_MAX_KRW), name="session_reward_range"
            ),
            models.CheckConstraint(
                condition=Q(respondent_count__lte=F("participant_limit")),
                name="session_within_limit",
            ),
        ]
        indexes = [models.Index(fields=["org", "status"], name="session_org_status_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def subject_name(self) -> str:
        return self.product.name if self.product_id and self.product else self.prototype_name

    def takes_answers(self, now: datetime | None = None) -> bool:
        moment = now or timezone.now()
        return (
            self.status == SessionStatus.OPEN
            and self.opens_at <= moment < self.closes_at
            and self.respondent_count < self.participant_limit
        )


class SessionQuestion(models.Model):
    """One question, in `position` order. `choices` lists the options of choice questions;
    `scale_max` is the top of a 1..N scale."""

    session = models.ForeignKey(TestSession, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind"), max_length=8, choices=QuestionKind.choices)
    prompt = models.CharField(_("question"), max_length=PROMPT_MAX)
    choices = models.JSONField(default=list, blank=True)
    scale_max = models.PositiveSmallIntegerField(default=5)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "position"], name="session_question_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values), name="session_question_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(scale_max__gte=SCALE_MIN, scale_max__lte=SCALE_MAX),
                name="session_question_scale_range",
            ),
        ]

    def __str__(self) -> str:
        return self.prompt


class SessionInvitation(models.Model):
    """An invitation of one eligible person to one session."""

    session = models.ForeignKey(TestSession, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="session_invitation_unique"),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="session_invitation_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} invited to {self.session_id}"


class SessionResponse(models.Model):
    """One person's answers to one session (the unique constraint makes it one). The segment
    fields copy the person's persona, age band and region when they answered."""

    session = models.ForeignKey(TestSession, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="session_responses"
    )
    persona = models.CharField(max_length=16, blank=True)
    age_band = models.CharField(max_length=8, blank=True)
    region = models.CharField(max_length=16, blank=True)
    incentivised = models.BooleanField(_("rewarded answer"), default=False)
    reward_transaction_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="session_response_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} answered {self.session_id}"


class SessionAnswer(models.Model):
    """The answer to one question. Free text is shown only as `masked_text`, written by the
    analysis task with the sentiment and aspects, as for contributions."""

    response = models.ForeignKey(SessionResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SessionQuestion, on_delete=models.CASCADE, related_name="answers")
    scale_value = models.PositiveSmallIntegerField(null=True, blank=True)
    choice_indexes = models.JSONField(default=list, blank=True)
    text = models.TextField(max_length=ANSWER_TEXT_MAX, blank=True)
    masked_text = models.TextField(blank=True)
    sentiment = models.CharField(max_length=16, blank=True)
    aspects = models.JSONField(default=list, blank=True)
    analysis_model = models.CharField(max_length=64, blank=True)
    analysed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["response", "question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="session_answer_one_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"answer to {self.question_id}"


class SessionRental(models.Model):
    """The brand rents one session's results to a partner company for a period: the partner's
    members see that session's results, nothing else of the brand's."""

    session = models.ForeignKey(TestSession, on_delete=models.CASCADE, related_name="rentals")
    partner = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="rented_sessions"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["session", "partner"], name="session_rental_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="session_rental_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} rented to {self.partner_id}"
