"""Reads on accounts."""

from __future__ import annotations

from django.db.models import QuerySet

from cocreate.accounts.models import ConsentRecord, User


def consent_history(user: User) -> QuerySet[ConsentRecord]:
    """Every change of the person's sharing consent, newest first."""
    return ConsentRecord.objects.filter(user=user).order_by("-created_at", "-id")
