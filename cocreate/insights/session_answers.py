"""Checking the answers to a session's questions: every value within its question's limits,
required questions answered. Bad input raises ValidationFailed naming each question."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from cocreate.core.errors import ValidationFailed
from cocreate.insights.models import SessionQuestion
from cocreate.insights.models.sessions import ANSWER_TEXT_MAX
from cocreate.insights.session_enums import QuestionKind
from cocreate.insights.session_enums import SessionErrorCode as Code


def field_name(question: SessionQuestion) -> str:
    return f"q{question.pk}"


def _values(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, list | tuple):
        return [str(v).strip() for v in raw if str(v).strip()]
    value = str(raw).strip()
    return [value] if value else []


def _index(value: str, size: int) -> int | None:
    return int(value) if value.isdigit() and int(value) < size else None


def _check_one(question: SessionQuestion, raw: Any) -> tuple[dict[str, Any] | None, str]:
    """(answer fields or None when unanswered, error message or "")."""
    values = _values(raw)
    if not values:
        return None, _("Answer this question.") if question.required else ""
    if question.kind == QuestionKind.SCALE:
        n = int(values[0]) if len(values) == 1 and values[0].isdigit() else 0
        if not 1 <= n <= question.scale_max:
            return None, _("Choose a number from 1 to %(n)d.") % {"n": question.scale_max}
        return {"scale_value": n}, ""
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        indexes = [_index(v, len(question.choices)) for v in values]
        if None in indexes or len(set(indexes)) != len(indexes):
            return None, _("Choose among the listed options.")
        if question.kind == QuestionKind.SINGLE and len(indexes) != 1:
            return None, _("Choose one option.")
        return {"choice_indexes": sorted(i for i in indexes if i is not None)}, ""
    text = "\n".join(values).strip()
    if len(text) > ANSWER_TEXT_MAX:
        return None, _("At most %(n)d characters.") % {"n": ANSWER_TEXT_MAX}
    return {"text": text}, ""


def check_answers(
    questions: Sequence[SessionQuestion], answers: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Answer fields ready for SessionAnswer(question=..., ...), one per answered question."""
    checked: list[dict[str, Any]] = []
    errors: dict[str, list[str]] = {}
    for question in questions:
        fields, error = _check_one(question, answers.get(str(question.pk)))
        if error:
            errors[field_name(question)] = [error]
        elif fields is not None:
            checked.append({"question": question, **fields})
    if errors:
        raise ValidationFailed(
            Code.ANSWER_INVALID, _("Some answers need attention."), fields=errors
        )
    if not checked:
        raise ValidationFailed(Code.ANSWER_INVALID, _("Answer at least one question."), fields={})
    return checked
