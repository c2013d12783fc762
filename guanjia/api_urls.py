"""Every app's API under /api/v1/ (each app owns its ``api/urls.py``)."""

from django.urls import include, path

urlpatterns = [
    path("", include("guanjia.accounts.api.urls")),
    path("", include("guanjia.properties.api.urls")),
    path("", include("guanjia.notifications.api.urls")),
    path("", include("guanjia.answers.api.urls")),
    path("", include("guanjia.tickets.api.urls")),
]
