"""Who may see and do what in the ledger. A contributor sees only their own wallet; a brand's
members see what their brand owes; payouts and corrections are for platform staff."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cocreate.core.errors import NotFound
from cocreate.ledger.models import PayoutBatch
from cocreate.orgs.enums import OrgKind, Role
from cocreate.orgs.models import Organisation
from cocreate.orgs.permissions import has_role


def is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_staff", False))


def can_manage_payouts(user: Any) -> bool:
    return is_staff(user)


def can_reverse_transaction(user: Any) -> bool:
    return is_staff(user)


def can_view_org_statement(user: Any, org: Organisation) -> bool:
    return is_staff(user) or has_role(user, org, Role.ANALYST, Role.REVIEWER)


def can_report_sales(user: Any, org: Organisation) -> bool:
    return org.kind == OrgKind.BRAND and (is_staff(user) or has_role(user, org, Role.OWNER))


def org_get_for_statement(user: Any, slug: str) -> Organisation:
    """The organisation whose ledger `user` may read; NotFound alike when missing or hidden."""
    org = Organisation.objects.filter(slug=slug).first()
    if org is None or not can_view_org_statement(user, org):
        raise NotFound("not_found", _("No such organisation."))
    return org


def org_get_for_sales_report(user: Any, slug: str) -> Organisation:
    org = Organisation.objects.filter(slug=slug).first()
    if org is None or not can_view_org_statement(user, org):
        raise NotFound("not_found", _("No such organisation."))
    return org


def payout_batch_get_for_manage(user: Any, batch_id: int) -> PayoutBatch:
    batch = PayoutBatch.objects.filter(pk=batch_id).first()
    if batch is None or not can_manage_payouts(user):
        raise NotFound("not_found", _("No such payout batch."))
    return batch
