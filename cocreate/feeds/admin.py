from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cocreate.core.errors import DomainError
from cocreate.feeds import services
from cocreate.feeds.models import DeliveryLog, Invoice, MallAccount, Plan, Subscription


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin[Plan]):
    list_display = ["code", "name", "price_per_record_krw"]


@admin.register(MallAccount)
class MallAccountAdmin(admin.ModelAdmin[MallAccount]):
    list_display = ["org", "plan", "created_at"]
    readonly_fields = ["org", "plan", "pseudonym_secret"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin[Subscription]):
    list_display = ["name", "org", "active", "webhook_url", "created_at"]
    list_filter = ["active"]
    readonly_fields = ["webhook_secret"]


@admin.register(DeliveryLog)
class DeliveryLogAdmin(admin.ModelAdmin[DeliveryLog]):
    list_display = ["created_at", "org", "channel", "endpoint", "records", "new_records"]
    list_filter = ["channel"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.action(description=_("Mark paid and settle the contributors' share"))
def mark_paid(
    modeladmin: "InvoiceAdmin", request: HttpRequest, queryset: QuerySet[Invoice]
) -> None:
    for invoice in queryset:
        try:
            services.invoice_mark_paid(actor=request.user, invoice=invoice)
        except DomainError as exc:
            modeladmin.message_user(request, f"{invoice}: {exc.message}", messages.ERROR)


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin[Invoice]):
    list_display = ["org", "period", "records", "price_per_record_krw", "amount_krw", "status"]
    list_filter = ["status"]
    actions = [mark_paid]
    readonly_fields = [
        "org",
        "period",
        "period_end",
        "plan_code",
        "records",
        "price_per_record_krw",
        "amount_krw",
        "status",
        "paid_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # invoices are issued from metered deliveries
