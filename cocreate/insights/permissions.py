"""Who may see a brand's dashboards: its owners and analysts, and operators. A brand sees only
its own; the access helper answers "not found" alike for a brand that does not exist and one
the caller may not see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cocreate.catalog.models import Brand
from cocreate.core.errors import NotFound
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.permissions import has_role, member_org_ids

DASHBOARD_ROLES = (Role.OWNER, Role.ANALYST)


def _is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_staff", False)) and bool(getattr(user, "is_active", False))


def can_view_dashboard(user: Any, brand: Brand) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if _is_staff(user):
        return True
    return brand.org_id is not None and has_role(user, brand.org_id, *DASHBOARD_ROLES)


def dashboard_org_ids(user: Any) -> set[int]:
    return member_org_ids(user, kind=OrgKind.BRAND, roles=DASHBOARD_ROLES)


def can_view_any_dashboard(user: Any) -> bool:
    """For the navigation: the link is shown only to people who may open a dashboard."""
    if not getattr(user, "is_authenticated", False):
        return False
    return _is_staff(user) or bool(dashboard_org_ids(user))


def dashboard_brands(user: Any) -> QuerySet[Brand]:
    if not getattr(user, "is_authenticated", False):
        return Brand.objects.none()
    if _is_staff(user):
        return Brand.objects.filter(org__isnull=False).order_by("name")
    return Brand.objects.filter(org_id__in=dashboard_org_ids(user)).order_by("name")


def brand_get_for_dashboard(user: Any, slug: str) -> Brand:
    brand = Brand.objects.filter(slug=slug[:80]).first()
    if brand is None or not can_view_dashboard(user, brand):
        raise NotFound("not_found", _("No such brand."))
    return brand
