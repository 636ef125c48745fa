"""The public side of a course meeting, for browsers of anonymous visitors on course pages:
its schedule, its calendar file and, when the block allows it, joining as a guest."""

from uuid import UUID

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.core.api.responses import FileDownloadMixin, errors
from collab_service.core.client_ip import client_address
from collab_service.core.ratelimit import rate_limit_exceeded
from collab_service.courses.api import serializers as s
from collab_service.courses.models import CourseMeeting
from collab_service.courses.services.ics import course_meeting_ics
from collab_service.courses.services.joining import course_meeting_guest_join

_TAGS = ["course meetings (public)"]
HOUR = 3600


def _allow(request: Request, *, scope: str, limit: int) -> None:
    if rate_limit_exceeded(
        scope=scope, key=client_address(request), limit=limit, window_seconds=HOUR
    ):
        raise Throttled(wait=HOUR, detail=_("Too many requests. Please try again later."))


def _course_meeting(public_id: UUID) -> CourseMeeting:
    return get_object_or_404(
        CourseMeeting.objects.select_related("meeting__institution"), public_id=public_id
    )


class _Public(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []


class PublicCourseMeeting(_Public):
    @extend_schema(
        tags=_TAGS,
        summary="A course meeting's schedule and state",
        responses={200: s.PublicCourseMeetingSerializer, **errors(404, 429)},
    )
    def get(self, request: Request, public_id: UUID) -> Response:
        _allow(request, scope="course-public", limit=settings.COURSES_PUBLIC_READS_PER_CLIENT_HOUR)
        course_meeting = _course_meeting(public_id)
        return Response(s.PublicCourseMeetingSerializer(course_meeting).data)


class PublicCourseMeetingIcs(FileDownloadMixin, _Public):
    @extend_schema(
        tags=_TAGS,
        summary="A course meeting as an iCalendar file",
        responses={
            (200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR),
            **errors(404, 429),
        },
    )
    def get(self, request: Request, public_id: UUID) -> HttpResponse:
        _allow(request, scope="course-public", limit=settings.COURSES_PUBLIC_READS_PER_CLIENT_HOUR)
        course_meeting = _course_meeting(public_id)
        response = HttpResponse(
            course_meeting_ics(course_meeting=course_meeting),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
        response["Cache-Control"] = "public, max-age=300"
        return response


class PublicCourseMeetingGuestJoin(_Public):
    @extend_schema(
        tags=_TAGS,
        summary="Join as a guest (only when the block allows guests)",
        description="403 (code guests_not_allowed) when the meeting is for learners only, 409 "
        "when it cannot be joined now. The join page link works for a limited time.",
        request=s.GuestJoinSerializer,
        responses={200: s.GuestJoinAnswerSerializer, **errors(400, 403, 404, 409, 429)},
    )
    def post(self, request: Request, public_id: UUID) -> Response:
        _allow(
            request, scope="course-guest-join", limit=settings.COURSES_GUEST_JOINS_PER_CLIENT_HOUR
        )
        course_meeting = _course_meeting(public_id)
        body = s.GuestJoinSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        join_url = course_meeting_guest_join(
            course_meeting=course_meeting,
            name=body.validated_data["name"],
            language=request.LANGUAGE_CODE,
        )
        return Response(s.GuestJoinAnswerSerializer({"join_url": join_url}).data)
