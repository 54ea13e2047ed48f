"""Choices and error codes of test sessions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Rating scale")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")


class Segment(models.TextChoices):
    """The ways results are broken down: everyone, or by a field people chose in their profile."""

    ALL = "all", _("Everyone")
    PERSONA = "persona", _("Persona")
    AGE_BAND = "age_band", _("Age band")
    REGION = "region", _("Region")


class SessionErrorCode:
    INVALID = "session_invalid"
    QUESTION_INVALID = "session_question_invalid"
    NOT_DRAFT = "session_not_draft"
    NOT_ALLOWED = "session_transition_not_allowed"
    NO_QUESTIONS = "session_no_questions"
    NOT_OPEN = "session_not_open"
    FULL = "session_full"
    NOT_INVITED = "session_not_invited"
    NOT_ELIGIBLE = "session_not_eligible"
    ALREADY_ANSWERED = "session_already_answered"
    ANSWER_INVALID = "session_answer_invalid"
    RENTAL_INVALID = "session_rental_invalid"
    FORBIDDEN = "session_forbidden"
