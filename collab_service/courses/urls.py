from django.urls import path

from collab_service.courses import views

app_name = "courses"

urlpatterns = [
    path("join/<str:token>/", views.course_join, name="join"),
]
