"""Endpoints Jitsi's server (Prosody) calls: event sync's attendance events and the optional
reservation API.

Event sync retries on 5xx, so anything wrong with a request is a 4xx: a retry would not fix it.
"""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from collab_service.core.api.parsers import JSONParser
from collab_service.core.api.responses import errors
from collab_service.meetings.api import jitsi_serializers as s
from collab_service.meetings.api.permissions import JitsiServerToken, ReservationsSwitchedOn
from collab_service.meetings.errors import RoomUnknown
from collab_service.meetings.models import Meeting
from collab_service.meetings.selectors import meeting_by_room
from collab_service.meetings.services.attendance import (
    occupant_joined_record,
    occupant_left_record,
    room_created_record,
    room_destroyed_record,
)
from collab_service.meetings.services.reservations import conference_check, conference_reserve

_EVENT_ERRORS = errors(400, 401, 403, 404, 415)
_RESERVATION_ERRORS = errors(400, 401, 403, 404, 415)


class _JitsiServer(APIView):
    """Called by Prosody with a bearer token, never by a browser: no login cookie, no CSRF."""

    authentication_classes: list = []
    permission_classes = [JitsiServerToken]

    def get_authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="jitsi"'


class _Event(_JitsiServer):
    parser_classes = [JSONParser]


def _valid(serializer_class: type[Serializer], request: Request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _meeting(room_name: str) -> Meeting:
    meeting = meeting_by_room(room_name=room_name)
    if meeting is None:
        raise RoomUnknown(_("No meeting uses the room %(room)s.") % {"room": room_name})
    return meeting


def _ok() -> Response:
    return Response({"ok": True})


class RoomCreated(_Event):
    @extend_schema(
        summary="Event sync: a meeting's room (or one of its breakout rooms) was created",
        request=s.RoomCreatedSerializer,
        responses={200: s.OkSerializer, **_EVENT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        event = _valid(s.RoomCreatedSerializer, request)
        room_created_record(
            meeting=_meeting(event["room_name"]),
            created_at=event["created_at"],
            breakout_room=event["breakout_room_id"],
        )
        return _ok()


class RoomDestroyed(_Event):
    @extend_schema(
        summary="Event sync: a room was destroyed; closes every stay it saw",
        request=s.RoomDestroyedSerializer,
        responses={200: s.OkSerializer, **_EVENT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        event = _valid(s.RoomDestroyedSerializer, request)
        room_destroyed_record(
            meeting=_meeting(event["room_name"]),
            created_at=event["created_at"],
            destroyed_at=event["destroyed_at"],
            occupants=[s.to_occupant(occupant) for occupant in event["all_occupants"]],
            breakout_room=event["breakout_room_id"],
        )
        return _ok()


class OccupantJoined(_Event):
    @extend_schema(
        summary="Event sync: someone joined a meeting's room or breakout room",
        request=s.OccupantJoinedSerializer,
        responses={200: s.OkSerializer, **_EVENT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        event = _valid(s.OccupantJoinedSerializer, request)
        occupant_joined_record(
            meeting=_meeting(event["room_name"]),
            occupant=s.to_occupant(event["occupant"]),
            breakout_room=event["breakout_room_id"],
        )
        return _ok()


class OccupantLeft(_Event):
    @extend_schema(
        summary="Event sync: someone left a meeting's room or breakout room",
        request=s.OccupantLeftSerializer,
        responses={200: s.OkSerializer, **_EVENT_ERRORS},
    )
    def post(self, request: Request) -> Response:
        event = _valid(s.OccupantLeftSerializer, request)
        occupant_left_record(
            meeting=_meeting(event["room_name"]),
            occupant=s.to_occupant(event["occupant"]),
            breakout_room=event["breakout_room_id"],
        )
        return _ok()


class _Reservations(_JitsiServer):
    permission_classes = [ReservationsSwitchedOn, JitsiServerToken]
    parser_classes = [FormParser]


class ConferenceCreate(_Reservations):
    @extend_schema(
        summary="Reservation API: may Prosody create this room now?",
        description="200 allows the room until start_time + duration; 403 refuses it and "
        "its message says why.",
        request={"application/x-www-form-urlencoded": s.ConferenceRequestSerializer},
        responses={200: s.ConferenceSerializer, **_RESERVATION_ERRORS},
    )
    def post(self, request: Request) -> Response:
        form = _valid(s.ConferenceRequestSerializer, request)
        reservation = conference_reserve(
            room_name=form["name"], mail_owner=form["mail_owner"], now=timezone.now()
        )
        return Response(s.ConferenceSerializer(reservation).data)


class ConferenceDetail(_Reservations):
    @extend_schema(
        summary="Reservation API: a meeting's reservation, refused as creation would be",
        responses={200: s.ConferenceSerializer, **errors(401, 403, 404)},
    )
    def get(self, request: Request, pk: str) -> Response:
        meeting = get_object_or_404(
            Meeting.objects.select_related("institution", "organiser"), pk=int(pk)
        )
        reservation = conference_check(meeting=meeting, mail_owner="", now=timezone.now())
        return Response(s.ConferenceSerializer(reservation).data)

    @extend_schema(
        summary="Reservation API: the room was destroyed (nothing to undo)",
        responses={200: s.OkSerializer, **errors(401, 403, 404)},
    )
    def delete(self, request: Request, pk: str) -> Response:
        return _ok()
