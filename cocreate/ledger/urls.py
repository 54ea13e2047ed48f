from django.urls import URLPattern, URLResolver, path

from cocreate.ledger import views

app_name = "ledger"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.statement, name="statement"),
    path("orgs/<slug:slug>/", views.org_statement, name="org-statement"),
    path("orgs/<slug:slug>/sales/", views.sales_upload, name="sales-upload"),
    path("bookings/<int:txn_id>/", views.booking, name="booking"),
    path("sales/<int:report_id>/", views.sales_report, name="sales-report"),
    path("payouts/", views.payouts, name="payouts"),
    path("payouts/<int:batch_id>/", views.payout_batch, name="payout-batch"),
    path("payouts/<int:batch_id>/csv/", views.payout_batch_csv, name="payout-batch-csv"),
    path("payouts/<int:batch_id>/paid/", views.payout_batch_paid, name="payout-batch-paid"),
]
