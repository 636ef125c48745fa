"""Version 1 of the REST API: every app's routes under one prefix."""

from django.urls import include, path

urlpatterns = [
    path("", include("collab_service.core.api.urls")),
    path("", include("collab_service.institutions.api.urls")),
    path("", include("collab_service.appointments.api.urls")),
    path("", include("collab_service.meetings.api.urls")),
    path("", include("collab_service.tasks.api.urls")),
    path("", include("collab_service.calendars.api.urls")),
    path("", include("collab_service.courses.api.urls")),
    path("jitsi/", include("collab_service.meetings.api.jitsi_urls")),
]
