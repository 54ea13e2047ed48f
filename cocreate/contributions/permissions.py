"""Who may see and change a contribution. Access helpers answer "not found" alike for what is
missing and what the caller may not see."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cocreate.contributions.enums import Status
from cocreate.contributions.models import Contribution
from cocreate.core.errors import NotFound
from cocreate.core.ids import is_storable_id
from cocreate.orgs.enums import Role
from cocreate.orgs.permissions import has_role


def _brand_org_id(contribution: Contribution) -> int | None:
    brand = contribution.brand
    return brand.org_id if brand is not None else None


def is_author(user: Any, contribution: Contribution) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and contribution.author_id == user.pk


def is_brand_moderator(user: Any, contribution: Contribution) -> bool:
    return has_role(user, _brand_org_id(contribution), Role.MODERATOR)


def can_view_contribution(user: Any, contribution: Contribution) -> bool:
    if contribution.status == Status.PUBLISHED:
        return True
    if is_author(user, contribution) or getattr(user, "is_staff", False):
        return contribution.status != Status.WITHDRAWN or is_author(user, contribution)
    # Moderators see what waits for them and what they hid; drafts and withdrawals are private.
    return contribution.status in (Status.PENDING, Status.HIDDEN) and is_brand_moderator(
        user, contribution
    )


def can_edit_contribution(user: Any, contribution: Contribution) -> bool:
    return is_author(user, contribution) and contribution.status in (
        Status.DRAFT,
        Status.PENDING,
        Status.PUBLISHED,
        Status.HIDDEN,
    )


def can_withdraw_contribution(user: Any, contribution: Contribution) -> bool:
    return is_author(user, contribution) and contribution.status != Status.WITHDRAWN


def can_view_versions(user: Any, contribution: Contribution) -> bool:
    """Every version of a visible contribution is public: edits are never silent."""
    return can_view_contribution(user, contribution)


def _get(contribution_id: int) -> Contribution:
    if not is_storable_id(contribution_id):
        raise NotFound("not_found", _("No such contribution."))
    c = (
        Contribution.objects.select_related(
            "author", "product", "product__brand", "brand", "category"
        )
        .filter(pk=contribution_id)
        .first()
    )
    if c is None:
        raise NotFound("not_found", _("No such contribution."))
    return c


def contribution_get_for_view(user: Any, contribution_id: int) -> Contribution:
    c = _get(contribution_id)
    if not can_view_contribution(user, c):
        raise NotFound("not_found", _("No such contribution."))
    return c


def contribution_get_for_edit(user: Any, contribution_id: int) -> Contribution:
    c = _get(contribution_id)
    if not can_view_contribution(user, c) or not can_edit_contribution(user, c):
        raise NotFound("not_found", _("No such contribution."))
    return c
