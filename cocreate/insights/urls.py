from django.urls import URLPattern, URLResolver, include, path

app_name = "insights"

# Sessions and the public asked-for page first: `brands/<slug>/asked-for/` is more specific than
# the dashboards' `brands/<slug>/<tab>/`.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("cocreate.insights.session_urls")),
    path("", include("cocreate.insights.dashboard_urls")),
]
