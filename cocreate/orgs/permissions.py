"""Who may act for an organisation. Every role check in the product goes through here."""

from __future__ import annotations

from typing import Any

from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Membership, Organisation


def memberships_of(user: Any) -> list[tuple[int, str, str]]:
    """(org id, org kind, role) for every membership of `user`, read once and kept on the user
    object for the rest of the request (every permission check reuses it)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[tuple[int, str, str]] | None = getattr(user, "_org_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).values_list("org_id", "org__kind", "role")
        )
        user._org_memberships = cached
    return cached


def forget_memberships(user: Any) -> None:
    """Drop the cached memberships after they change."""
    if hasattr(user, "_org_memberships"):
        del user._org_memberships


def roles_in(user: Any, org: Organisation | int | None) -> frozenset[str]:
    """The roles `user` holds in `org`."""
    if org is None:
        return frozenset()
    org_id = org if isinstance(org, int) else org.pk
    return frozenset(role for m_org, _kind, role in memberships_of(user) if m_org == org_id)


def has_role(user: Any, org: Organisation | int | None, *roles: str) -> bool:
    held = roles_in(user, org)
    return bool(held) and (not roles or bool(held & set(roles)) or Role.OWNER in held)


def is_member(user: Any, org: Organisation | int | None) -> bool:
    return bool(roles_in(user, org))


def can_manage_org(user: Any, org: Organisation) -> bool:
    return bool(getattr(user, "is_staff", False)) or has_role(user, org, Role.OWNER)


def can_manage_api_keys(user: Any, org: Organisation) -> bool:
    return can_manage_org(user, org)


def member_org_ids(user: Any, *, kind: str | None = None, roles: tuple[str, ...] = ()) -> set[int]:
    """Ids of organisations where `user` holds one of `roles` (any role when empty; owners hold
    every role)."""
    wanted = {*roles, Role.OWNER} if roles else None
    return {
        org_id
        for org_id, org_kind, role in memberships_of(user)
        if (kind is None or org_kind == kind) and (wanted is None or role in wanted)
    }


def is_brand(org: Organisation) -> bool:
    return org.kind == OrgKind.BRAND


def is_mall(org: Organisation) -> bool:
    return org.kind == OrgKind.MALL
