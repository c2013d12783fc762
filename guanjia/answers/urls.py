from django.urls import path

from . import views

app_name = "answers"
urlpatterns = [
    path("suggestions/", views.suggestions, name="suggestions"),
    path("review/", views.review, name="review"),
    path("new/", views.answer_edit, name="new"),
    path("<int:pk>/edit/", views.answer_edit, name="edit"),
    path("<int:pk>/<str:action>/", views.answer_action, name="action"),
    path("inquiries/new/", views.inquiry_new, name="inquiry-new"),
    path("inquiries/<int:pk>/reply/", views.inquiry_reply, name="inquiry-reply"),
    path("use/<str:code>/", views.use, name="use"),
]
