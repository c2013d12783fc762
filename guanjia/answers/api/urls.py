from django.urls import path

from . import views

app_name = "answers-api"
urlpatterns = [
    path("answers/suggest", views.SuggestView.as_view(), name="suggest"),
    path("answers/search", views.SearchView.as_view(), name="search"),
    path("answers/<str:code>/feedback", views.FeedbackView.as_view(), name="feedback"),
]
