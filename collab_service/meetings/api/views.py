"""The meetings API: the pages' actions for officials and for the LMS acting for a user.

A meeting the caller does not organise and is not invited to answers 404; changes need an
organiser or co-organiser.
"""

from dataclasses import asdict
from datetime import timedelta

from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.accounts.models import User
from collab_service.core.api.responses import FileDownloadMixin, errors
from collab_service.institutions.models import Institution, Membership, Unit
from collab_service.meetings.api import serializers as s
from collab_service.meetings.errors import MeetingError
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.selectors import can_manage, meetings_visible_to, participant_of
from collab_service.meetings.services.attendance_report import attendance_csv, attendance_report
from collab_service.meetings.services.joining import meeting_token_issue
from collab_service.meetings.services.live import meeting_live_state
from collab_service.meetings.services.meetings import (
    Guest,
    meeting_cancel,
    meeting_create,
    meeting_update,
    participant_revoke,
    participants_invite,
)


def _meetings(user: User) -> QuerySet[Meeting]:
    return meetings_visible_to(user).prefetch_related(
        Prefetch("participants", queryset=Participant.objects.order_by("name"))
    )


def _meeting(request: Request, pk: int) -> Meeting:
    return get_object_or_404(_meetings(request.user), pk=pk)


def _managed(request: Request, pk: int) -> Meeting:
    meeting = _meeting(request, pk)
    if not can_manage(request.user, meeting):
        raise NotFound()
    return meeting


def _answer(request: Request, meeting: Meeting, code: int = status.HTTP_200_OK) -> Response:
    fresh = _meetings(request.user).get(pk=meeting.pk)
    return Response(s.MeetingSerializer(fresh, context={"request": request}).data, status=code)


def _people(institution: Institution, ids: list[int]) -> list[User]:
    people = list(User.objects.filter(pk__in=ids, memberships__institution=institution).distinct())
    missing = set(ids) - {person.pk for person in people}
    if missing:
        raise MeetingError(
            _("Only people of the meeting's institution can be invited as colleagues: %(ids)s")
            % {"ids": ", ".join(str(pk) for pk in sorted(missing))}
        )
    return people


def _guests(data: list[dict]) -> list[Guest]:
    return [Guest(name=guest.get("name", ""), email=guest["email"]) for guest in data]


class MeetingList(generics.ListCreateAPIView):
    serializer_class = s.MeetingSerializer

    def get_queryset(self) -> QuerySet[Meeting]:
        recent = timezone.now() - timedelta(hours=12)
        meetings = _meetings(self.request.user)
        if self.request.query_params.get("past") != "true":
            meetings = meetings.filter(end__gte=recent)
        return meetings.order_by("start", "pk")

    @extend_schema(
        summary="Your meetings: coming and running (past=true for all)",
        responses={200: s.MeetingSerializer(many=True), **errors(401)},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        summary="Schedule a meeting (or start one now) and e-mail the invitations",
        request=s.MeetingCreateSerializer,
        responses={201: s.MeetingSerializer, **errors(400, 401, 403)},
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        body = s.MeetingCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        memberships = Membership.objects.filter(user=request.user).select_related("institution")
        unit = None
        if data["unit"] is not None:
            unit = get_object_or_404(
                Unit.objects.filter(institution__memberships__user=request.user).distinct(),
                pk=data["unit"],
            )
        first = memberships.order_by("institution__name").first()
        if unit is None and first is None:
            raise MeetingError(_("You can schedule meetings once you belong to an institution."))
        institution = unit.institution if unit else first.institution
        meeting = meeting_create(
            organiser=request.user,
            institution=institution,
            unit=unit,
            title=data["title"],
            description=data["description"],
            start=data["start"],
            end=data["end"],
            lobby_enabled=data["lobby_enabled"],
            recording_allowed=data["recording_allowed"],
            colleagues=_people(institution, data["colleagues"]),
            co_organisers=_people(institution, data["co_organisers"]),
            guests=_guests(data["guests"]),
            language=request.LANGUAGE_CODE,
        )
        return _answer(request, meeting, status.HTTP_201_CREATED)


class MeetingDetail(APIView):
    @extend_schema(responses={200: s.MeetingSerializer, **errors(401, 404)})
    def get(self, request: Request, pk: int) -> Response:
        return _answer(request, _meeting(request, pk))

    @extend_schema(
        summary="Change a meeting; invitees get the updated invitation when its time changed",
        request=s.MeetingUpdateSerializer,
        responses={200: s.MeetingSerializer, **errors(400, 401, 404, 409)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        meeting = _managed(request, pk)
        body = s.MeetingUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        unit = meeting.unit
        if "unit" in data:
            unit = (
                None
                if data["unit"] is None
                else get_object_or_404(Unit, pk=data["unit"], institution=meeting.institution)
            )
        meeting = meeting_update(
            meeting=meeting,
            title=data.get("title", meeting.title),
            description=data.get("description", meeting.description),
            unit=unit,
            start=data.get("start", meeting.start),
            end=data.get("end", meeting.end),
            lobby_enabled=data.get("lobby_enabled", meeting.lobby_enabled),
            recording_allowed=data.get("recording_allowed", meeting.recording_allowed),
        )
        return _answer(request, meeting)


class MeetingCancel(APIView):
    @extend_schema(
        summary="Cancel a meeting; invitees get a calendar cancellation",
        request=None,
        responses={200: s.MeetingSerializer, **errors(401, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        return _answer(request, meeting_cancel(meeting=_managed(request, pk)))


class MeetingInvite(APIView):
    @extend_schema(
        summary="Invite colleagues and guests; those already invited are skipped",
        request=s.InviteSerializer,
        responses={200: s.MeetingSerializer, **errors(400, 401, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _managed(request, pk)
        body = s.InviteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        participants_invite(
            meeting=meeting,
            colleagues=_people(meeting.institution, data["colleagues"]),
            co_organisers=_people(meeting.institution, data["co_organisers"]),
            guests=_guests(data["guests"]),
            language=request.LANGUAGE_CODE,
        )
        return _answer(request, meeting)


class ParticipantWithdraw(APIView):
    @extend_schema(
        summary="Withdraw an invitation: the person's link stops working",
        request=None,
        responses={200: s.MeetingSerializer, **errors(400, 401, 404)},
    )
    def post(self, request: Request, pk: int, participant_id: str) -> Response:
        meeting = _managed(request, pk)
        participant = get_object_or_404(Participant, pk=participant_id, meeting=meeting)
        participant_revoke(participant=participant)
        return _answer(request, meeting)


class MeetingJoin(APIView):
    @extend_schema(
        summary="A room token for the caller (owner for organisers, member for others)",
        request=None,
        responses={200: s.JoinTicketSerializer, **errors(401, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        meeting = _meeting(request, pk)
        participant = participant_of(request.user, meeting)
        if participant is None:
            raise NotFound()
        ticket = meeting_token_issue(participant=participant)
        return Response(s.JoinTicketSerializer(asdict(ticket)).data)


class MeetingLive(APIView):
    @extend_schema(
        summary="How many people are in the meeting's room now, as Jitsi reports it",
        responses={200: s.LiveStateSerializer, **errors(401, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        state = meeting_live_state(meeting=_meeting(request, pk))
        return Response(s.LiveStateSerializer(asdict(state)).data)


class MeetingAttendance(APIView):
    @extend_schema(
        summary="Who took part: minutes, first join and last leave per person (organisers)",
        responses={200: s.AttendanceRowSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        rows = attendance_report(meeting=_managed(request, pk))
        return Response(s.AttendanceRowSerializer(rows, many=True).data)


class MeetingAttendanceCsv(FileDownloadMixin, APIView):
    @extend_schema(
        summary="The attendance report as CSV (organisers)",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), **errors(401, 404)},
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        meeting = _managed(request, pk)
        response = HttpResponse(attendance_csv(meeting=meeting), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="attendance-{meeting.pk}.csv"'
        return response
