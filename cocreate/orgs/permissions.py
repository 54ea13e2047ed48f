"""Who may act for an organisation. Every role check in the product goes through here."""

from __future__ import annotations

from typing import Any

from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Membership, Organisation


def roles_in(user: Any, org: Organisation | int | None) -> frozenset[str]:
    """The roles `user` holds in `org`; cached on the user object for the request."""
    if org is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    org_id = org if isinstance(org, int) else org.pk
    cache: dict[int, frozenset[str]] | None = getattr(user, "_org_roles", None)
    if cache is None:
        cache = {}
        for m_org, role in Membership.objects.filter(user=user).values_list("org_id", "role"):
            cache[m_org] = cache.get(m_org, frozenset()) | {role}
        user._org_roles = cache
    return cache.get(org_id, frozenset())


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
    """Ids of organisations where `user` holds one of `roles` (any role when empty)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    qs = Membership.objects.filter(user=user)
    if kind:
        qs = qs.filter(org__kind=kind)
    if roles:
        qs = qs.filter(role__in=(*roles, Role.OWNER))
    return set(qs.values_list("org_id", flat=True))


def is_brand(org: Organisation) -> bool:
    return org.kind == OrgKind.BRAND


def is_mall(org: Organisation) -> bool:
    return org.kind == OrgKind.MALL
