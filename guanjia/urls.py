from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from guanjia.core import views as core_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include("guanjia.api_urls")),
    path("notifications/", include("guanjia.notifications.urls")),
    path("t/", include("guanjia.portal.tracking_urls")),
    path("portal/", include("guanjia.portal.urls")),
    path("reports/", include("guanjia.reports.urls")),
    path("answers/", include("guanjia.answers.urls")),
    path("", include("guanjia.console.urls")),
]

if settings.DEBUG:
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
