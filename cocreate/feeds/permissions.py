"""Who may use a mall's console. Access helpers answer "not found" alike for a mall that does
not exist and one the caller does not belong to."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cocreate.core.errors import NotFound
from cocreate.feeds.models import Subscription
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Organisation
from cocreate.orgs.permissions import can_manage_api_keys, has_role, is_member


def can_view_console(user: Any, org: Organisation) -> bool:
    """Every member of the mall, and operators, see keys, usage and invoices."""
    return org.kind == OrgKind.MALL and (
        bool(getattr(user, "is_staff", False)) or is_member(user, org)
    )


def can_manage_feed(user: Any, org: Organisation) -> bool:
    """Owners (and operators) create keys and change subscriptions and webhooks."""
    return org.kind == OrgKind.MALL and (
        bool(getattr(user, "is_staff", False)) or has_role(user, org, Role.OWNER)
    )


def can_manage_keys(user: Any, org: Organisation) -> bool:
    return org.kind == OrgKind.MALL and can_manage_api_keys(user, org)


def mall_get_for_console(user: Any, slug: str) -> Organisation:
    org = Organisation.objects.filter(slug=slug, kind=OrgKind.MALL).first()
    if org is None or not can_view_console(user, org):
        raise NotFound("not_found", _("No such mall."))
    return org


def subscription_get_for_console(
    user: Any, org: Organisation, subscription_id: int
) -> Subscription:
    sub = Subscription.objects.filter(org=org, pk=subscription_id).first()
    if sub is None or not can_view_console(user, org):
        raise NotFound("not_found", _("No such subscription."))
    return sub
