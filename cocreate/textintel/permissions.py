"""Who may see and decide duplicate candidates: staff for every pair; a brand's moderators for
pairs that touch their brand, when they may see both contributions."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cocreate.contributions.permissions import can_view_contribution, is_brand_moderator
from cocreate.core.errors import NotFound
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.permissions import member_org_ids
from cocreate.textintel.models import DuplicateCandidate, DuplicateStatus


def moderated_org_ids(user: Any) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(member_org_ids(user, kind=OrgKind.BRAND, roles=(Role.MODERATOR,)))


def can_view_duplicates(user: Any) -> bool:
    return bool(getattr(user, "is_staff", False)) or bool(moderated_org_ids(user))


def can_view_duplicate(user: Any, candidate: DuplicateCandidate) -> bool:
    pair = (candidate.first, candidate.second)
    if not all(can_view_contribution(user, c) for c in pair):
        return False
    return bool(getattr(user, "is_staff", False)) or any(is_brand_moderator(user, c) for c in pair)


def can_decide_duplicate(user: Any, candidate: DuplicateCandidate) -> bool:
    return candidate.status == DuplicateStatus.OPEN and can_view_duplicate(user, candidate)


def duplicate_get_for_decide(user: Any, candidate_id: int) -> DuplicateCandidate:
    candidate = (
        DuplicateCandidate.objects.select_related(
            "first__brand", "first__author", "second__brand", "second__author"
        )
        .filter(pk=candidate_id)
        .first()
    )
    if candidate is None or not can_view_duplicate(user, candidate):
        raise NotFound("not_found", _("No such pair."))
    return candidate
