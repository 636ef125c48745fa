"""Consultations of a course and the bookings learners make from them, for the LMS plugin."""

from uuid import UUID

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.appointments.models import Booking
from collab_service.core.api.responses import errors
from collab_service.courses.api import booking_serializers as b
from collab_service.courses.api import serializers as s
from collab_service.courses.api.permissions import (
    FromCourse,
    course_context,
    same_course,
    staff_only,
)
from collab_service.courses.models import CourseConsultation
from collab_service.courses.services.consultations import consultation_sync
from collab_service.courses.services.learner_bookings import (
    learner_booking_cancel,
    learner_booking_create,
    learner_bookings,
)

_TAGS = ["course consultations"]


class EmailUnverified(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "email_unverified"


class _CourseView(APIView):
    permission_classes = [IsAuthenticated, FromCourse]


class CourseConsultationByBlock(_CourseView):
    @extend_schema(
        tags=_TAGS,
        summary="Tie a consultation block to a case type (course staff; idempotent)",
        description="The case type must belong to the institution of the course (400); 409 when "
        "no institution takes the course's organisation.",
        request=s.ConsultationSyncSerializer,
        responses={200: s.ConsultationSerializer, **errors(400, 401, 403, 409)},
    )
    def put(self, request: Request) -> Response:
        context = course_context(request)
        staff_only(context)
        body = s.ConsultationSyncSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        same_course(context, data["course_id"])
        consultation, _created = consultation_sync(
            block_id=data["block_id"],
            course_id=data["course_id"],
            title=data["title"],
            case_type_id=data["case_type"],
        )
        return Response(s.ConsultationSerializer(consultation).data)


class CourseConsultationList(_CourseView):
    @extend_schema(
        tags=_TAGS,
        summary="The course's consultations (for the course tab)",
        parameters=[s.CourseQuerySerializer],
        responses={200: s.ConsultationSerializer(many=True), **errors(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        query = s.CourseQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        course_id = query.validated_data["course_id"]
        same_course(course_context(request), course_id)
        consultations = (
            CourseConsultation.objects.filter(course_id=course_id)
            .select_related("case_type__institution")
            .order_by("title", "pk")
        )
        return Response(s.ConsultationSerializer(consultations, many=True).data)


def _fresh(booking: Booking) -> Booking:
    return Booking.objects.select_related("case_type", "institution", "location", "learner").get(
        pk=booking.pk
    )


class LearnerBookingList(_CourseView):
    @extend_schema(
        tags=_TAGS,
        summary="The caller's bookings that have not ended yet",
        parameters=[b.LearnerBookingQuerySerializer],
        responses={200: b.LearnerBookingSerializer(many=True), **errors(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        course_context(request)
        query = b.LearnerBookingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        bookings = learner_bookings(
            user=request.user, case_type_id=query.validated_data.get("case_type")
        )
        return Response(b.LearnerBookingSerializer(bookings, many=True).data)

    @extend_schema(
        tags=_TAGS,
        summary="Book a free time for the caller, confirmed at once",
        description="Needs a verified e-mail address in the token (400, code email_unverified); "
        "the confirmation e-mail goes there. 409 with code slot_taken when the time has just "
        "been taken; 400 for a time that is no slot of the case type.",
        request=b.LearnerBookingCreateSerializer,
        responses={201: b.LearnerBookingSerializer, **errors(400, 401, 403, 404, 409, 429)},
    )
    def post(self, request: Request) -> Response:
        context = course_context(request)
        email = request.auth.identity.email
        if not email:
            raise EmailUnverified(
                _("Your e-mail address is not verified in the course platform; verify it to book.")
            )
        body = b.LearnerBookingCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        booking = learner_booking_create(
            user=request.user,
            email=email,
            course_id=context.course_id,
            block_id=data["block_id"],
            case_type_id=data["case_type"],
            start=data["start"],
            mode=data.get("mode"),
            answers=data["answers"],
            language=request.LANGUAGE_CODE,
        )
        return Response(
            b.LearnerBookingSerializer(_fresh(booking)).data, status=status.HTTP_201_CREATED
        )


class LearnerBookingCancel(_CourseView):
    @extend_schema(
        tags=_TAGS,
        summary="Cancel one of the caller's bookings",
        description="Cancelling twice is harmless; a visit checked in, done or missed cannot be "
        "cancelled (400). Someone else's booking answers 404.",
        request=b.LearnerCancelSerializer,
        responses={200: b.LearnerBookingSerializer, **errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, pk: UUID) -> Response:
        course_context(request)
        body = b.LearnerCancelSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        booking = learner_booking_cancel(
            user=request.user, booking_id=pk, reason=body.validated_data["reason"]
        )
        if booking is None:
            raise NotFound(_("You have no such booking."))
        return Response(b.LearnerBookingSerializer(_fresh(booking)).data)
