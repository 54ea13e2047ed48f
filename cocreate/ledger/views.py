"""Pages under /rewards/: a contributor's statement, an organisation's statement (what a brand
owes, what a mall paid), sales-report upload for brands, and payout batches for staff."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cocreate.core.charts import bar_chart, column_chart
from cocreate.core.errors import DomainError, NotFound, ValidationFailed
from cocreate.core.htmx import render_page_or_partial
from cocreate.ledger import selectors
from cocreate.ledger.enums import LedgerErrorCode
from cocreate.ledger.forms import PayoutBatchForm, SalesUploadForm
from cocreate.ledger.permissions import (
    can_manage_payouts,
    can_report_sales,
    org_get_for_sales_report,
    org_get_for_statement,
    payout_batch_get_for_manage,
    sales_report_get_for_view,
    transaction_get_for_view,
)
from cocreate.ledger.presentation import describe, source_label, statement_line
from cocreate.ledger.services import (
    payout_batch_create,
    payout_batch_mark_paid,
    sales_reports_import,
)
from cocreate.ledger.services.idea_rewards import idea_url
from cocreate.orgs.enums import OrgKind

PAGE_SIZE = 25
MAX_SALES_CSV_BYTES = 1_048_576


def _page(request: HttpRequest, summary: selectors.Summary) -> Any:
    entries = selectors.account_entries(summary.account)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    debit_normal = summary.account.is_debit_normal if summary.account else False
    lines: Any = [statement_line(e, debit_normal=debit_normal) for e in page.object_list]
    page.object_list = lines
    return page


def _charts(summary: selectors.Summary, *, title: str) -> list[Any]:
    charts = [column_chart(title, summary.by_month, unit=_(" won"))]
    if summary.by_kind:
        charts.append(bar_chart(_("By kind of reward"), summary.by_kind, unit=_(" won")))
    return charts


@login_required
def statement(request: HttpRequest) -> HttpResponse:
    summary = selectors.wallet_summary(request.user)
    return render_page_or_partial(
        request,
        "ledger/statement.html",
        "lines",
        {
            "summary": summary,
            "page": _page(request, summary),
            "charts": _charts(summary, title=_("Earnings by month")),
            "minimum": settings.LEDGER_PAYOUT_MINIMUM_KRW,
            "orgs": selectors.orgs_with_ledger_for(request.user),
            "can_pay_out": can_manage_payouts(request.user),
        },
    )


@login_required
def org_statement(request: HttpRequest, slug: str) -> HttpResponse:
    org = org_get_for_statement(request.user, slug)
    is_brand = org.kind == OrgKind.BRAND
    summary = selectors.org_summary(org)
    context = {
        "org": org,
        "is_brand": is_brand,
        "summary": summary,
        "page": _page(request, summary),
        "charts": _charts(summary, title=_("Owed per month") if is_brand else _("Paid per month"))[
            :1
        ],
        "reports": selectors.sales_reports_for(org)[:24] if is_brand else [],
        "can_report": can_report_sales(request.user, org),
    }
    return render_page_or_partial(request, "ledger/org_statement.html", "lines", context)


@login_required
def payouts(request: HttpRequest) -> HttpResponse:
    if not can_manage_payouts(request.user):
        raise NotFound("not_found", _("No such page."))
    form = PayoutBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = payout_batch_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Payout batch ready: export it, then mark it paid."))
            return redirect("ledger:payout-batch", batch_id=batch.pk)
    minimum = form.data.get("minimum_krw") if form.is_bound else None
    try:
        due_min = int(minimum) if minimum else int(form.fields["minimum_krw"].initial)
    except ValueError:
        due_min = int(form.fields["minimum_krw"].initial)
    due_count, due_total = selectors.wallets_due(max(due_min, 1))
    return render(
        request,
        "ledger/payouts.html",
        {
            "form": form,
            "batches": selectors.payout_batches()[:50],
            "due_count": due_count,
            "due_total": due_total,
        },
        status=422 if form.errors else 200,
    )


@login_required
def payout_batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = payout_batch_get_for_manage(request.user, batch_id)
    payouts_ = batch.payouts.select_related("user").order_by("user_id")
    return render(request, "ledger/payout_batch.html", {"batch": batch, "payouts": payouts_})


@login_required
def payout_batch_csv(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = payout_batch_get_for_manage(request.user, batch_id)
    response = HttpResponse(selectors.payout_batch_csv(batch), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="payouts-{batch.pk}.csv"'
    return response


@login_required
@require_POST
def payout_batch_paid(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = payout_batch_get_for_manage(request.user, batch_id)
    payout_batch_mark_paid(actor=request.user, batch=batch)
    messages.success(request, _("The batch is marked paid."))
    return redirect("ledger:payout-batch", batch_id=batch.pk)


@login_required
def sales_upload(request: HttpRequest, slug: str) -> HttpResponse:
    org = org_get_for_sales_report(request.user, slug)
    form = SalesUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_SALES_CSV_BYTES:
                raise ValidationFailed(
                    LedgerErrorCode.SALES_CSV_INVALID, _("The file is larger than 1 MB.")
                )
            reports = sales_reports_import(actor=request.user, org=org, data=upload.read())
        except DomainError as exc:
            for message in exc.fields.get("file", []) or [str(exc.message)]:
                form.add_error("file", message)
        else:
            royalty = sum(r.royalty_krw for r in reports)
            messages.success(
                request,
                _("%(n)d sales reports recorded; %(won)s won in royalties booked.")
                % {"n": len(reports), "won": f"{royalty:,}"},
            )
            return redirect("ledger:org-statement", slug=org.slug)
    return render(
        request,
        "ledger/sales_upload.html",
        {"org": org, "form": form, "can_report": can_report_sales(request.user, org)},
        status=422 if form.errors else 200,
    )


@login_required
def sales_report(request: HttpRequest, report_id: int) -> HttpResponse:
    report = sales_report_get_for_view(request.user, report_id)
    shares = selectors.royalty_shares(report)
    return render(
        request,
        "ledger/sales_report.html",
        {"report": report, "shares": shares, "idea_url": idea_url(report.idea_id)},
    )


@login_required
def booking(request: HttpRequest, txn_id: int) -> HttpResponse:
    txn = transaction_get_for_view(request.user, txn_id)
    lines = selectors.booking_lines(txn, request.user)
    mine = next((line for line in lines if line.mine), None)
    return render(
        request,
        "ledger/booking.html",
        {
            "txn": txn,
            "reason": describe(txn, mine.quantity if mine else None),
            "source": source_label(txn),
            "lines": lines,
            "audit": selectors.audit_event_for(txn),
            "reversal": getattr(txn, "reversed_by", None),
        },
    )
