from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("orders/", views.orders, name="orders"),
    path("exports/", views.export_create, name="export-create"),
    path("exports/<uuid:uuid>/", views.export_detail, name="export"),
    path("exports/<uuid:uuid>/download/", views.export_download, name="export-download"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/generate/", views.review_generate, name="review-generate"),
    path("reviews/<int:community_id>/<str:month>/", views.review_detail, name="review"),
    path("reviews/<int:community_id>/<str:month>/print/", views.review_print, name="review-print"),
    path("actions/", views.action_create, name="action-create"),
    path("actions/<uuid:uuid>/", views.action_detail, name="action"),
]
