"""Brand dashboards."""

from django.urls import URLPattern, URLResolver, path

from cocreate.insights.views import dashboard

urlpatterns: list[URLPattern | URLResolver] = [
    path("brands/", dashboard.dashboard_index, name="dashboard"),
    path("brands/<slug:slug>/", dashboard.dashboard_page, name="dashboard-page"),
    path("brands/<slug:slug>/csv/<str:chart>/", dashboard.dashboard_csv, name="dashboard-csv"),
    path("brands/<slug:slug>/<str:tab>/", dashboard.dashboard_page, name="dashboard-tab"),
]
