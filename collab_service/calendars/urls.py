from django.urls import path, re_path

from collab_service.calendars import connection_views, feed_views, views

app_name = "calendars"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("subscribe/", feed_views.subscribe, name="subscribe"),
    path("subscribe/new/", feed_views.feed_new, name="feed_new"),
    path("subscribe/stop/", feed_views.feed_stop, name="feed_stop"),
    re_path(r"^feed/(?P<token>[A-Za-z0-9_-]{1,64})\.ics$", feed_views.feed, name="feed"),
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
