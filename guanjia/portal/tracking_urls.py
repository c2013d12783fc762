"""Public tracking URLs, included at ``t/`` (before the console's catch-all)."""

from django.urls import path

from . import tracking_views as views

app_name = "tracking"
urlpatterns = [
    path("<slug:token>", views.tracking_page, name="page"),
    path("<slug:token>/rate", views.tracking_rate, name="rate"),
    path("<slug:token>/qr.svg", views.tracking_qr, {"kind": "svg"}, name="qr-svg"),
    path("<slug:token>/qr.png", views.tracking_qr, {"kind": "png"}, name="qr-png"),
    path("<slug:token>/photos/<uuid:photo_uuid>", views.tracking_photo_view, name="photo"),
    path("<slug:token>/photos/<uuid:photo_uuid>/thumb", views.tracking_photo_view, {"size": "thumb"},
         name="photo-thumb"),
]
