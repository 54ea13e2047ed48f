from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from cocreate.core.api import api_not_found
from config.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("cocreate.accounts.urls")),
    path("orgs/", include("cocreate.orgs.urls")),
    path("c/", include("cocreate.web.catalog_urls")),
    path("contributions/", include("cocreate.contributions.urls")),
    path("textintel/", include("cocreate.textintel.urls")),
    path("ideas/", include("cocreate.ideas.urls")),
    path("moderation/", include("cocreate.moderation.urls")),
    path("rewards/", include("cocreate.ledger.urls")),
    path("feeds/", include("cocreate.feeds.urls")),
    path("insights/", include("cocreate.insights.urls")),
    path("", include("cocreate.web.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
