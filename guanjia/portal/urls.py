from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("login/", views.PortalLoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("", views.home, name="home"),
    path("home/<int:room_id>/", views.choose_household, name="choose"),
    path("new/", views.new_request, name="new"),
    path("requests/", views.my_requests, name="requests"),
    path("requests/<uuid:uuid>/", views.request_detail, name="request"),
    path("requests/<uuid:uuid>/rate/", views.rate, name="rate"),
    path("requests/<uuid:uuid>/answer/", views.answer_questions, name="answer"),
    path("answers/", views.answers, name="answers"),
    path("answers/<str:code>/feedback/", views.answer_feedback, name="answer-feedback"),
]
