from django.urls import path

from cocreate.feeds import views

app_name = "feeds"

urlpatterns = [
    path("", views.console, name="console"),
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/keys/", views.keys, name="keys"),
    path("<slug:slug>/keys/<int:key_id>/revoke/", views.key_revoke, name="key-revoke"),
    path("<slug:slug>/subscriptions/", views.subscriptions, name="subscriptions"),
    path(
        "<slug:slug>/subscriptions/<int:subscription_id>/",
        views.subscription_detail,
        name="subscription",
    ),
    path(
        "<slug:slug>/subscriptions/<int:subscription_id>/active/",
        views.subscription_active,
        name="subscription-active",
    ),
    path(
        "<slug:slug>/subscriptions/<int:subscription_id>/secret/",
        views.subscription_secret,
        name="subscription-secret",
    ),
    path("<slug:slug>/invoices/", views.invoices, name="invoices"),
]
