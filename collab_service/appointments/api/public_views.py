"""Endpoints for citizens without an account: case types, free slots, and booking."""

import json
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.appointments.api import serializers as s
from collab_service.appointments.models import CaseType
from collab_service.appointments.selectors import bookable_case_types, case_type_agendas
from collab_service.appointments.services.abuse import booking_attempt_allow
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.confirmation import confirmation_request_send
from collab_service.appointments.services.questions import answers_validate
from collab_service.appointments.services.slots import case_type_slots, slots_cache_key
from collab_service.core.ratelimit import client_address


class _Public:
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []


def _bookable(pk: int) -> CaseType:
    return get_object_or_404(bookable_case_types().select_related("institution"), pk=pk)


class PublicCaseTypeList(_Public, generics.ListAPIView):
    serializer_class = s.PublicCaseTypeSerializer

    def get_queryset(self):
        return bookable_case_types().filter(institution__slug=self.kwargs["slug"])


class Availability(_Public, APIView):
    @extend_schema(
        parameters=[s.AvailabilityQuerySerializer], responses=s.SlotSerializer(many=True)
    )
    def get(self, request: Request, pk: int) -> Response:
        case_type = _bookable(pk)
        query = s.AvailabilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        agendas = list(case_type_agendas(case_type))
        if "official" in query.validated_data:
            agendas = [a for a in agendas if a.pk == query.validated_data["official"]]
        first, last = query.validated_data["first"], query.validated_data["last"]
        now = timezone.now()
        # The hottest read of the service: its JSON is kept for the minute (notice and horizon
        # move with "now") under a key that changes with every booking, hour or case change.
        version = slots_cache_key(case_type, agendas, first, last)
        key = f"availability:{version}:{int(now.timestamp() // 60)}"
        body = cache.get(key)
        if body is None:
            tz = ZoneInfo(case_type.institution.time_zone)
            slots = case_type_slots(
                case_type=case_type, first=first, last=last, agendas=agendas, now=now
            )
            body = json.dumps(
                [
                    {
                        "start": slot.start.astimezone(tz).isoformat(),
                        "end": slot.end.astimezone(tz).isoformat(),
                        "official": slot.agenda_id,
                        "location": slot.location_id,
                        "seats_left": slot.seats_left,
                    }
                    for slot in slots
                ]
            ).encode()
            cache.set(key, body, 60)
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
        if len(values["answers"]) > 20:
            raise ValidationError({"answers": ["At most 20 answers."]})
        booking_attempt_allow(client=client_address(request), email=values["email"])
        case_type = _bookable(values["case_type"])
        answers = answers_validate(questions=case_type.form_fields, answers=values["answers"])
        agenda = None
        if "official" in values:
            agenda = next(
                (a for a in case_type_agendas(case_type) if a.pk == values["official"]), None
            )
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
