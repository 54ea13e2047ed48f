"""Who may do what in insights.

Dashboards: a brand's owners and analysts, and operators. A brand sees only its own; the access
helper answers "not found" alike for a brand that does not exist and one the caller may not see.

Test sessions:

- The brand's owners (and staff) manage a session: questions, opening, closing, invitations,
  rentals.
- Owners and analysts read its results; moderators and reviewers do not (they handle what
  people write in public, not survey results).
- Members of a partner company read the results of a session rented to them, while the rental
  runs, and nothing else of the brand's.
- An invited person answers once, while the session is open and not full.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.catalog.models import Brand
from cocreate.core.errors import NotFound
from cocreate.core.ids import is_storable_id
from cocreate.insights.models import SessionInvitation, SessionRental, TestSession
from cocreate.insights.session_enums import SessionErrorCode as Code
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


# --- test sessions ---------------------------------------------------------------------------


def can_manage_session(user: Any, session: TestSession) -> bool:
    return _is_staff(user) or has_role(user, session.org_id, Role.OWNER)


def can_create_session(user: Any, org: Any) -> bool:
    return (
        org is not None
        and org.kind == OrgKind.BRAND
        and (_is_staff(user) or has_role(user, org.pk, Role.OWNER))
    )


def is_renting_partner(user: Any, session: TestSession) -> bool:
    orgs = member_org_ids(user)
    if not orgs:
        return False
    today = timezone.localdate()
    return SessionRental.objects.filter(
        session_id=session.pk, partner_id__in=orgs, starts_on__lte=today, ends_on__gte=today
    ).exists()


def can_view_session_results(user: Any, session: TestSession) -> bool:
    if _is_staff(user) or has_role(user, session.org_id, Role.ANALYST):
        return True
    return is_renting_partner(user, session)


def can_answer_session(user: Any, session: TestSession) -> bool:
    if not getattr(user, "is_authenticated", False) or not session.takes_answers():
        return False
    return SessionInvitation.objects.filter(
        session_id=session.pk, user_id=user.pk, answered_at__isnull=True
    ).exists()


def sessions_visible_to(user: Any) -> QuerySet[TestSession]:
    """Sessions whose page `user` may open: their brands' (owners, analysts), the ones rented
    to their companies, and everything for staff."""
    sessions = TestSession.objects.select_related("org", "product")
    if _is_staff(user):
        return sessions
    brands = member_org_ids(user, kind=OrgKind.BRAND, roles=(Role.ANALYST,))
    partners = member_org_ids(user)
    today = timezone.localdate()
    rented = SessionRental.objects.filter(
        partner_id__in=partners, starts_on__lte=today, ends_on__gte=today
    ).values("session_id")
    return sessions.filter(Q(org_id__in=brands) | Q(pk__in=rented))


def _session_get(session_id: int) -> TestSession:
    if not is_storable_id(session_id):
        raise NotFound(Code.FORBIDDEN, _("No such test session."))
    session = TestSession.objects.select_related("org", "product").filter(pk=session_id).first()
    if session is None:
        raise NotFound(Code.FORBIDDEN, _("No such test session."))
    return session


def session_get_for_manage(user: Any, session_id: int) -> TestSession:
    session = _session_get(session_id)
    if not can_manage_session(user, session):
        raise NotFound(Code.FORBIDDEN, _("No such test session."))
    return session


def session_get_for_results(user: Any, session_id: int) -> TestSession:
    session = _session_get(session_id)
    if not can_view_session_results(user, session):
        raise NotFound(Code.FORBIDDEN, _("No such test session."))
    return session


def session_get_for_view(user: Any, session_id: int) -> TestSession:
    """The session page: for those who manage it or read its results."""
    session = _session_get(session_id)
    if not (can_manage_session(user, session) or can_view_session_results(user, session)):
        raise NotFound(Code.FORBIDDEN, _("No such test session."))
    return session


def session_get_for_answer(user: Any, session_id: int) -> TestSession:
    """The session an invited person opens: NotFound unless they were invited."""
    session = _session_get(session_id)
    invited = (
        getattr(user, "is_authenticated", False)
        and SessionInvitation.objects.filter(session_id=session.pk, user_id=user.pk).exists()
    )
    if not invited:
        raise NotFound(Code.FORBIDDEN, _("No such test session."))
    return session
