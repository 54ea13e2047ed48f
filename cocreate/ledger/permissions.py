"""Who may see and do what in the ledger. A contributor sees only their own wallet; a brand's
members see what their brand owes; payouts and corrections are for platform staff."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cocreate.core.errors import NotFound
from cocreate.ledger.enums import AccountKind
from cocreate.ledger.models import Entry, PayoutBatch, SalesReport, Transaction
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


def can_view_sales_report(user: Any, report: SalesReport) -> bool:
    """Staff, the brand's readers, and the people the report paid a royalty to."""
    if is_staff(user) or can_view_org_statement(user, report.org):
        return True
    return (
        getattr(user, "is_authenticated", False)
        and report.transaction_id is not None
        and Entry.objects.filter(
            transaction_id=report.transaction_id,
            account__kind=AccountKind.WALLET,
            account__user_id=user.pk,
        ).exists()
    )


def sales_report_get_for_view(user: Any, report_id: int) -> SalesReport:
    report = (
        SalesReport.objects.select_related("org", "product", "idea", "transaction")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not can_view_sales_report(user, report):
        raise NotFound("not_found", _("No such sales report."))
    return report


def can_view_transaction(user: Any, txn: Transaction) -> bool:
    """Staff; anyone whose wallet it touched; the readers of an organisation it touched."""
    if is_staff(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    touched = Entry.objects.filter(transaction=txn).select_related("account__org")
    for entry in touched:
        account = entry.account
        if account.kind == AccountKind.WALLET and account.user_id == user.pk:
            return True
        if account.org is not None and can_view_org_statement(user, account.org):
            return True
    return False


def transaction_get_for_view(user: Any, txn_id: int) -> Transaction:
    txn = Transaction.objects.filter(pk=txn_id).first()
    if txn is None or not can_view_transaction(user, txn):
        raise NotFound("not_found", _("No such booking."))
    return txn
