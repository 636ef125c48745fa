"""The site's routes plus the Jitsi server endpoints where the API will include them."""

from django.urls import include, path

from collab_service.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("api/v1/jitsi/", include("collab_service.meetings.api.jitsi_urls")),
    *site_urlpatterns,
]
