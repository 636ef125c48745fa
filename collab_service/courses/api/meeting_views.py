"""Course meetings for the LMS plugin: Studio syncs the block, the course page lists, starts,
joins and invites. Every call carries the plugin's course context (see ``permissions``)."""

from dataclasses import asdict

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.core.api.responses import errors
from collab_service.courses.api import serializers as s
from collab_service.courses.api.permissions import (
    FromCourse,
    can_host,
    course_context,
    host_only,
    same_course,
    staff_only,
)
from collab_service.courses.models import CourseMeeting
from collab_service.courses.services.attendance import my_attendances
from collab_service.courses.services.course_meetings import (
    MeetingSpec,
    course_meeting_start,
    course_meeting_sync,
)
from collab_service.courses.services.invitations import course_meeting_invite
from collab_service.courses.services.joining import course_meeting_join

_TAGS = ["course meetings"]


def _course_meetings() -> QuerySet[CourseMeeting]:
    return CourseMeeting.objects.select_related("meeting__institution")


def _course_meeting(request: Request, pk: int) -> CourseMeeting:
    course_meeting = get_object_or_404(_course_meetings(), pk=pk)
    same_course(course_context(request), course_meeting.course_id)
    return course_meeting


def _answer(request: Request, course_meetings: list[CourseMeeting], *, many: bool) -> Response:
    now = timezone.now()
    attendances = my_attendances(course_meetings=course_meetings, user=request.user, now=now)
    me = {}
    for course_meeting in course_meetings:
        attendance = attendances[course_meeting.pk]
        me[course_meeting.pk] = {
            "can_host": can_host(request, course_meeting),
            "attended_minutes": attendance.minutes,
            "completed": attendance.completed,
        }
    context = {"now": now, "me": me}
    data = s.CourseMeetingSerializer(course_meetings, many=True, context=context).data
    return Response(data if many else data[0])


class _CourseView(APIView):
    permission_classes = [IsAuthenticated, FromCourse]


class CourseMeetingByBlock(_CourseView):
    @extend_schema(
        tags=_TAGS,
        summary="The meeting of a live-meeting block, with the caller's part",
        parameters=[s.BlockQuerySerializer],
        responses={200: s.CourseMeetingSerializer, **errors(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        query = s.BlockQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        course_meeting = get_object_or_404(
            _course_meetings(), block_id=query.validated_data["block_id"]
        )
        same_course(course_context(request), course_meeting.course_id)
        return _answer(request, [course_meeting], many=False)

    @extend_schema(
        tags=_TAGS,
        summary="Create or update the meeting of a block (course staff; idempotent)",
        description="The first sync makes the caller the meeting's organiser. The meeting "
        "belongs to the institution that lists the course's organisation (409 when none does).",
        request=s.CourseMeetingSyncSerializer,
        responses={200: s.CourseMeetingSerializer, **errors(400, 401, 403, 409)},
    )
    def put(self, request: Request) -> Response:
        context = course_context(request)
        staff_only(context)
        body = s.CourseMeetingSyncSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        same_course(context, data["course_id"])
        course_meeting, _created = course_meeting_sync(
            organiser=request.user,
            spec=MeetingSpec(
                block_id=data["block_id"],
                course_id=data["course_id"],
                title=data["title"],
                schedule=data["schedule"],
                start=data["start"],
                duration_minutes=data["duration_minutes"],
                hosts=data["hosts"],
                lobby=data["lobby"],
                recording_allowed=data["recording_allowed"],
                guest_access=data["guest_access"],
                completion_minutes=data["completion_minutes"],
                language=data.get("language"),
            ),
        )
        return _answer(request, [course_meeting], many=False)


class CourseMeetingList(_CourseView):
    @extend_schema(
        tags=_TAGS,
        summary="The course's meetings (for the course tab)",
        parameters=[s.CourseQuerySerializer],
        responses={200: s.CourseMeetingSerializer(many=True), **errors(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        query = s.CourseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        same_course(course_context(request), query.validated_data["course_id"])
        course_meetings = list(
            _course_meetings()
            .filter(course_id=query.validated_data["course_id"])
            .order_by("meeting__start", "pk")
        )
        return _answer(request, course_meetings, many=True)


class CourseMeetingStart(_CourseView):
    @extend_schema(
        tags=_TAGS,
        summary="Start the meeting (hosts and course staff)",
        description="An on-demand meeting opens now for its duration; a scheduled one is only "
        "checked to be open (409 when it is not).",
        request=None,
        responses={200: s.CourseMeetingSerializer, **errors(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        course_meeting = _course_meeting(request, pk)
        host_only(request, course_meeting)
        course_meeting = course_meeting_start(course_meeting=course_meeting)
        return _answer(request, [course_meeting], many=False)


class CourseMeetingJoin(_CourseView):
    @extend_schema(
        tags=_TAGS,
        summary="A room token and join page for the caller",
        description="Course staff and the block's hosts join as moderators, learners as "
        "members. 409 (code meeting_not_started, meeting_not_open, meeting_ended or "
        "meeting_cancelled) when the meeting cannot be joined now.",
        request=None,
        responses={200: s.CourseJoinSerializer, **errors(401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        course_meeting = _course_meeting(request, pk)
        joined = course_meeting_join(
            course_meeting=course_meeting,
            user=request.user,
            moderator=can_host(request, course_meeting),
            language=request.LANGUAGE_CODE,
        )
        body = {"ticket": asdict(joined.ticket), "join_url": joined.join_url, "role": joined.role}
        return Response(s.CourseJoinSerializer(body).data)


class CourseMeetingInvite(_CourseView):
    @extend_schema(
        tags=_TAGS,
        summary="Invite people by e-mail or LMS username (hosts and course staff)",
        request=s.CourseInviteSerializer,
        responses={200: s.CourseInvitedSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        course_meeting = _course_meeting(request, pk)
        host_only(request, course_meeting)
        body = s.CourseInviteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        invited = course_meeting_invite(
            course_meeting=course_meeting,
            emails=body.validated_data["emails"],
            usernames=body.validated_data["usernames"],
            language=request.LANGUAGE_CODE,
        )
        return Response(s.CourseInvitedSerializer({"invited": invited}).data)
