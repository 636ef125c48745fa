"""Routes Prosody calls, meant to sit under ``/api/v1/jitsi/``: event sync's ``api_prefix`` points
there. No trailing slashes: Prosody appends ``/events/...`` to the prefix as it is."""

from django.urls import path

from collab_service.meetings.api import jitsi_views

urlpatterns = [
    path("events/room/created", jitsi_views.RoomCreated.as_view(), name="jitsi-room-created"),
    path("events/room/destroyed", jitsi_views.RoomDestroyed.as_view(), name="jitsi-room-destroyed"),
    path(
        "events/occupant/joined",
        jitsi_views.OccupantJoined.as_view(),
        name="jitsi-occupant-joined",
    ),
    path("events/occupant/left", jitsi_views.OccupantLeft.as_view(), name="jitsi-occupant-left"),
]
