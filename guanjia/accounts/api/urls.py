from django.urls import path

from . import views

app_name = "accounts-api"
urlpatterns = [
    path("auth/token/", views.TokenLoginView.as_view(), name="token-login"),
    path("me/", views.MeView.as_view(), name="me"),
]
