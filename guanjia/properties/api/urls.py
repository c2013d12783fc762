from django.urls import path

from . import views

app_name = "properties-api"
urlpatterns = [
    path("households/search", views.HouseholdSearchView.as_view(), name="household-search"),
    path("households/<int:room_id>", views.HouseholdDetailView.as_view(), name="household-detail"),
    path("households/<int:room_id>/reveal-phone", views.RevealPhoneView.as_view(), name="household-reveal-phone"),
]
