"""Endpoints for citizens about their own booking: confirm, see, cancel, find it by its code.

No account: the signed tokens of the e-mailed links are the credentials, as on the pages.
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.appointments.api import citizen_serializers as s
from collab_service.appointments.api.common import FileDownloadMixin, errors
from collab_service.appointments.api.public_views import _Public
from collab_service.appointments.models import Booking
from collab_service.appointments.services.abuse import lookup_attempt_allow
from collab_service.appointments.services.confirmation import booking_confirm, booking_from_token
from collab_service.appointments.services.ics import booking_ics
from collab_service.appointments.services.manage import (
    booking_by_reference,
    booking_cancel,
    booking_from_manage_token,
    manage_token,
)
from collab_service.appointments.services.reschedule import booking_reschedule
from collab_service.appointments.services.video import visit_join_url
from collab_service.core.client_ip import client_address

_BAD_LINK = "The link's token is not valid or has expired (400)."


class Confirm(_Public, APIView):
    @extend_schema(
        summary="Confirm a held booking",
        description="Confirming twice is harmless; a hold that expired is refused with 400. "
        "The answer carries the token of the booking's manage endpoints.",
        request=s.ConfirmSerializer,
        responses={200: s.CitizenBookingWithTokenSerializer, **errors(400)},
    )
    def post(self, request: Request) -> Response:
        data = s.ConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        booking = booking_confirm(booking=booking_from_token(data.validated_data["token"]))
        return Response(s.CitizenBookingWithTokenSerializer(_fresh(booking)).data)


def _fresh(booking: Booking) -> Booking:
    return Booking.objects.select_related("case_type", "institution", "location").get(pk=booking.pk)


class Manage(_Public, APIView):
    @extend_schema(
        summary="A booking seen through its manage link",
        description=_BAD_LINK,
        responses={200: s.CitizenBookingSerializer, **errors(400)},
    )
    def get(self, request: Request, token: str) -> Response:
        return Response(s.CitizenBookingSerializer(booking_from_manage_token(token)).data)


class ManageCancel(_Public, APIView):
    @extend_schema(
        summary="Cancel a booking through its manage link",
        description="The citizen gets an e-mail with a calendar cancellation. Cancelling twice is "
        "harmless; a visit that was checked in, done or missed cannot be cancelled (400).",
        request=s.CancelSerializer,
        responses={200: s.CitizenBookingSerializer, **errors(400)},
    )
    def post(self, request: Request, token: str) -> Response:
        booking = booking_from_manage_token(token)
        data = s.CancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        booking = booking_cancel(booking=booking, reason=data.validated_data["reason"])
        return Response(s.CitizenBookingSerializer(_fresh(booking)).data)


class ManageMove(_Public, APIView):
    @extend_schema(
        summary="Move a confirmed visit to another free time",
        description="One step: the new time is held before the old one is released, the reference "
        "code stays, and the citizen gets an updated calendar invitation. A time just taken "
        "answers 409, a time that is not a slot of the matter 400.",
        request=s.MoveSerializer,
        responses={200: s.CitizenBookingSerializer, **errors(400, 409)},
    )
    def post(self, request: Request, token: str) -> Response:
        booking = booking_from_manage_token(token)
        data = s.MoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        booking = booking_reschedule(booking=booking, start=data.validated_data["start"])
        return Response(s.CitizenBookingSerializer(booking).data)


class ManageInvitation(FileDownloadMixin, _Public, APIView):
    @extend_schema(
        summary="The booking as an iCalendar file",
        description="PUBLISH while the visit stands, CANCEL once it is cancelled. " + _BAD_LINK,
        responses={
            (200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR),
            **errors(400),
        },
    )
    def get(self, request: Request, token: str) -> HttpResponse:
        booking = booking_from_manage_token(token)
        method = "CANCEL" if booking.status == Booking.Status.CANCELLED else "PUBLISH"
        response = HttpResponse(
            booking_ics(booking, method=method, join_url=visit_join_url(booking)),
            content_type="text/calendar",
        )
        response["Content-Disposition"] = f'attachment; filename="{booking.reference_code}.ics"'
        return response


class Lookup(_Public, APIView):
    @extend_schema(
        summary="Find a booking by its reference code and e-mail address",
        description="Limited per client address and per reference code (429). An unknown code "
        "or e-mail answers 404 without saying which; a visit over a day ago answers 400.",
        request=s.LookupSerializer,
        responses={200: s.CitizenBookingWithTokenSerializer, **errors(400, 404, 429)},
    )
    def post(self, request: Request) -> Response:
        data = s.LookupSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        code = data.validated_data["reference_code"].strip().upper()
        lookup_attempt_allow(client=client_address(request), reference_code=code)
        booking = booking_by_reference(reference_code=code, email=data.validated_data["email"])
        if booking is None:
            raise NotFound(_("We found no visit with this code and e-mail address."))
        # As the page, which leads to the manage link: over a day after the visit it has expired.
        booking = booking_from_manage_token(manage_token(booking))
        return Response(s.CitizenBookingWithTokenSerializer(booking).data)
