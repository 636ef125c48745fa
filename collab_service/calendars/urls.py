from django.urls import path

from collab_service.calendars import connection_views

app_name = "calendars"

urlpatterns = [
    path("connection/", connection_views.connection_page, name="connection"),
    path("connection/test/", connection_views.connection_test, name="connection_test"),
    path(
        "connection/calendars/",
        connection_views.connection_calendars,
        name="connection_calendars",
    ),
    path(
        "connection/disconnect/",
        connection_views.connection_disconnect,
        name="connection_disconnect",
    ),
]
