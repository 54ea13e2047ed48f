from django.urls import URLPattern, URLResolver, include, path

app_name = "insights"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("cocreate.insights.dashboard_urls")),
    path("", include("cocreate.insights.session_urls")),
]
