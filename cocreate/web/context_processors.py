"""What every page needs: the navigation (only links whose pages exist and that the visitor may
use) and the site's name."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.notifications import unread_count
from cocreate.insights.permissions import can_view_any_dashboard
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.permissions import memberships_of

PUBLIC_NAV = [
    ("web:home", _("Home")),
    ("catalog:browse", _("Categories")),
    ("ideas:list", _("Ideas")),
    ("moderation:transparency", _("Transparency")),
    ("web:about", _("How it works")),
]
USER_NAV = [
    ("accounts:notifications", _("Notifications")),
    ("contributions:mine", _("My writing")),
    ("ledger:statement", _("My rewards")),
    ("insights:session-invitations", _("My test sessions")),
    ("accounts:profile", _("Profile")),
]
BRAND_NAV = [("insights:dashboard", _("Brand insights"))]
MODERATOR_NAV = [("moderation:queue", _("Moderation"))]
MALL_NAV = [("feeds:console", _("Mall console"))]
# Brands run test sessions; partner companies (any kind) read the sessions rented to them.
SESSIONS_NAV = [("insights:sessions", _("Test sessions"))]


def _links(entries: list[tuple[str, Any]], path: str) -> list[dict[str, Any]]:
    links = []
    for name, label in entries:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        links.append(
            {
                "url": url,
                "label": label,
                "active": (url != "/" and path.startswith(url)) or url == path,
            }
        )
    return links


def site(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    path = request.path
    account: list[dict[str, Any]] = []
    if user.is_authenticated:
        entries = list(USER_NAV)
        held = {(kind, role) for _org, kind, role in memberships_of(user)}
        if can_view_any_dashboard(user):
            entries += BRAND_NAV
        # Brand owners and moderators moderate idea submissions to their brand; mall members
        # never moderate anything.
        brand_moderator = any(
            kind == OrgKind.BRAND and role in (Role.MODERATOR, Role.OWNER) for kind, role in held
        )
        if user.is_staff or brand_moderator:
            entries += MODERATOR_NAV
        if any(kind == OrgKind.MALL for kind, _role in held):
            entries += MALL_NAV
        if held or user.is_staff:
            entries += SESSIONS_NAV
        account = _links(entries, path)
    unread = unread_count(user) if user.is_authenticated else 0
    return {
        "site_name": "cocreate",
        "nav_main": _links(PUBLIC_NAV, path),
        "nav_account": account,
        "unread_notifications": unread,
    }
