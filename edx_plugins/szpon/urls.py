from django.urls import path

from edx_plugins.szpon import views

app_name = "szpon"

urlpatterns = [
    path("courses/<str:course_id>/meetings/", views.course_meetings, name="course_meetings"),
]
