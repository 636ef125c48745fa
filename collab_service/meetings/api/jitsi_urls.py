"""Routes Prosody calls, meant to sit under ``/api/v1/jitsi/``: event sync's ``api_prefix`` and
mod_reservations' ``reservations_api_prefix`` both point there. No trailing slashes: Prosody
appends ``/events/...`` and ``/conference`` to the prefix as they are."""

from django.urls import path, re_path

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
    path("conference", jitsi_views.ConferenceCreate.as_view(), name="jitsi-conference"),
    re_path(
        r"^conference/(?P<pk>[0-9]{1,18})$",
        jitsi_views.ConferenceDetail.as_view(),
        name="jitsi-conference-detail",
    ),
]
