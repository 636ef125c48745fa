"""Endpoints for citizens without an account: case types, free slots, and booking."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.appointments.api import serializers as s
from collab_service.appointments.selectors import bookable_case_types, is_bookable
from collab_service.appointments.services.abuse import booking_attempt_allow
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.case_type_plan import CaseTypePlan, case_type_plan
from collab_service.appointments.services.confirmation import confirmation_request_send
from collab_service.appointments.services.public_slots import free_slots_json
from collab_service.appointments.services.questions import answers_validate
from collab_service.core.client_ip import client_address


class _Public:
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []


def _bookable(pk: int) -> CaseTypePlan:
    plan = case_type_plan(pk)
    if plan.case_type is None or not is_bookable(plan.case_type):
        raise Http404
    return plan


class PublicCaseTypeList(_Public, generics.ListAPIView):
    serializer_class = s.PublicCaseTypeSerializer

    def get_queryset(self):
        return bookable_case_types().filter(institution__slug=self.kwargs["slug"])


class Availability(_Public, APIView):
    @extend_schema(
        parameters=[s.AvailabilityQuerySerializer], responses=s.SlotSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        plan = _bookable(pk)
        query = s.AvailabilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        body = free_slots_json(
            plan=plan,
            first=query.validated_data["first"],
            last=query.validated_data["last"],
            official=query.validated_data.get("official"),
            now=timezone.now(),
        )
        return HttpResponse(body, content_type="application/json")


class BookingCreate(_Public, APIView):
    @extend_schema(
        request=s.BookingCreateSerializer,
        responses={201: s.PublicBookingSerializer, 200: s.PublicBookingSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="Repeating a request with the same key returns the first result.",
            )
        ],
    )
    def post(self, request: Request) -> Response:
        data = s.BookingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        key = request.headers.get("Idempotency-Key", "").strip() or None
        if key is not None and len(key) > 100:
            raise ValidationError({"Idempotency-Key": ["At most 100 characters."]})
        booking_attempt_allow(client=client_address(request), email=values["email"])
        plan = _bookable(values["case_type"])
        case_type = plan.case_type
        answers = answers_validate(questions=case_type.form_fields, answers=values["answers"])
        agenda = None
        if "official" in values:
            agenda = next((a for a in plan.agendas() if a.pk == values["official"]), None)
            if agenda is None:
                raise ValidationError({"official": ["This official does not handle this matter."]})
        booking, created = booking_hold(
            case_type=case_type,
            start=values["start"],
            agenda=agenda,
            mode=values.get("mode"),
            citizen_name=values["name"],
            citizen_email=values["email"],
            citizen_phone=values.get("phone", ""),
            answers=answers,
            language=get_language(),
            idempotency_key=key,
        )
        if created:
            confirmation_request_send(booking=booking)
        return Response(
            s.PublicBookingSerializer(booking).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
