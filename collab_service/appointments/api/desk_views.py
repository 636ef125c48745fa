"""Endpoints for officials: their agendas' visits, check-in, outcomes, blocked time, statistics.

Scoped as the desk pages: an official runs their own agenda, a unit manager their unit's, an
institution admin their institution's; anything else answers 404.
"""

from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collab_service.appointments import statistics_views
from collab_service.appointments.api import desk_serializers as s
from collab_service.appointments.api.citizen_serializers import CancelSerializer
from collab_service.appointments.api.common import FileDownloadMixin, errors
from collab_service.appointments.api.serializers import PublicCaseTypeSerializer
from collab_service.appointments.models import Agenda, Booking, BusyInterval, CaseType
from collab_service.appointments.selectors import (
    agendas_visible_to,
    bookable_case_types,
    case_type_agendas,
)
from collab_service.appointments.services.desk import (
    booking_check_in,
    booking_note_set,
    booking_on_behalf,
    booking_outcome_set,
    time_block,
)
from collab_service.appointments.services.manage import booking_cancel
from collab_service.appointments.services.statistics import Statistics
from collab_service.appointments.services.statistics_scope import (
    period_statistics,
    statistics_scope,
)

_SHOWN = [value for value, _label in Booking.Status.choices if value != Booking.Status.EXPIRED]


def _agendas(user) -> QuerySet[Agenda]:
    return agendas_visible_to(user).select_related("official", "institution")


def _agenda(user, agenda_id: int | None) -> Agenda:
    """The agenda asked for, else the caller's own, else the first they may run (as the page)."""
    agendas = _agendas(user)
    if agenda_id is not None:
        return get_object_or_404(agendas, pk=agenda_id)
    agenda = (
        agendas.filter(official=user).first()
        or agendas.order_by("official__full_name", "pk").first()
    )
    if agenda is None:
        raise NotFound(
            _(
                "You have no agenda for citizens' visits. "
                "Your institution's admin can set up your working hours."
            )
        )
    return agenda


def _period(agenda: Agenda, query: dict) -> tuple[datetime, datetime]:
    tz = ZoneInfo(agenda.institution.time_zone)
    first = query.get("start") or timezone.localtime(timezone.now(), tz).date()
    last = query.get("end") or first
    return _midnight(first, tz), _midnight(last + timedelta(days=1), tz)


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def _bookings() -> QuerySet[Booking]:
    return Booking.objects.select_related(
        "institution", "case_type", "location", "agenda__official"
    )


def _booking(request: Request, pk: UUID) -> Booking:
    return get_object_or_404(_bookings().filter(agenda__in=agendas_visible_to(request.user)), pk=pk)


def _answer(booking: Booking, code: int = status.HTTP_200_OK) -> Response:
    return Response(s.DeskBookingSerializer(_bookings().get(pk=booking.pk)).data, status=code)


class AgendaList(generics.ListAPIView):
    serializer_class = s.AgendaSerializer

    def get_queryset(self):
        return _agendas(self.request.user).order_by("official__full_name", "pk")


class AgendaCaseTypes(generics.ListAPIView):
    """Matters the agenda's official handles: what they can book for a citizen."""

    serializer_class = PublicCaseTypeSerializer

    @extend_schema(responses={200: PublicCaseTypeSerializer(many=True), **errors(401, 404)})
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> list[CaseType]:
        agenda = _agenda(self.request.user, int(self.kwargs["pk"]))
        case_types = bookable_case_types().filter(institution=agenda.institution)
        return [ct for ct in case_types if agenda in case_type_agendas(ct)]


class BookingList(generics.ListAPIView):
    serializer_class = s.DeskBookingSerializer

    @extend_schema(
        summary="Visits of one agenda over a day or up to a week",
        parameters=[s.BookingQuerySerializer],
        responses={200: s.DeskBookingSerializer(many=True), **errors(400, 401, 404)},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Booking]:
        query = s.BookingQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        agenda = _agenda(self.request.user, query.validated_data.get("agenda"))
        start, end = _period(agenda, query.validated_data)
        return (
            _bookings()
            .filter(
                agenda=agenda,
                start__gte=start,
                start__lt=end,
                status__in=query.validated_data.get("status") or _SHOWN,
            )
            .order_by("start", "seat", "pk")
        )

    @extend_schema(
        summary="Book a visit for a citizen who phones or walks in",
        description="Confirmed at once; with an e-mail address the citizen gets the usual "
        "confirmation. A time that is not a free slot answers 400, one just taken 409.",
        request=s.OnBehalfSerializer,
        responses={201: s.DeskBookingSerializer, **errors(400, 401, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        data = s.OnBehalfSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        agenda = _agenda(request.user, values.get("agenda"))
        case_type = (
            bookable_case_types()
            .filter(institution=agenda.institution, pk=values["case_type"])
            .select_related("institution")
            .first()
        )
        if case_type is None or agenda not in case_type_agendas(case_type):
            raise ValidationError({"case_type": [_("This official does not handle this matter.")]})
        booking = booking_on_behalf(
            agenda=agenda,
            case_type=case_type,
            start=values["start"],
            name=values["name"],
            email=values["email"],
            phone=values["phone"],
            language=values["language"],
        )
        return _answer(booking, status.HTTP_201_CREATED)


class BookingDetail(APIView):
    @extend_schema(responses={200: s.DeskBookingSerializer, **errors(401, 404)})
    def get(self, request: Request, pk: UUID) -> Response:
        return Response(s.DeskBookingSerializer(_booking(request, pk)).data)


class CheckInByCode(APIView):
    @extend_schema(
        summary="Check a citizen in by the reference code they show",
        request=s.CheckInSerializer,
        responses={200: s.DeskBookingSerializer, **errors(400, 401, 404)},
    )
    def post(self, request: Request) -> Response:
        data = s.CheckInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        code = data.validated_data["reference_code"].strip().upper()
        booking = Booking.objects.filter(
            reference_code=code, agenda__in=agendas_visible_to(request.user)
        ).first()
        if booking is None:
            raise NotFound(_("No visit in your agendas has this code."))
        return _answer(booking_check_in(booking=booking))


class BookingCheckIn(APIView):
    @extend_schema(request=None, responses={200: s.DeskBookingSerializer, **errors(400, 401, 404)})
    def post(self, request: Request, pk: UUID) -> Response:
        return _answer(booking_check_in(booking=_booking(request, pk)))


class BookingOutcome(APIView):
    @extend_schema(
        summary="Record that the citizen came (done) or did not (no_show)",
        request=s.OutcomeSerializer,
        responses={200: s.DeskBookingSerializer, **errors(400, 401, 404)},
    )
    def post(self, request: Request, pk: UUID) -> Response:
        booking = _booking(request, pk)
        data = s.OutcomeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _answer(booking_outcome_set(booking=booking, outcome=data.validated_data["outcome"]))


class BookingNote(APIView):
    @extend_schema(
        summary="Set the official's note on a visit (replaces it; blank clears it)",
        request=s.NoteSerializer,
        responses={200: s.DeskBookingSerializer, **errors(400, 401, 404)},
    )
    def post(self, request: Request, pk: UUID) -> Response:
        booking = _booking(request, pk)
        data = s.NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _answer(booking_note_set(booking=booking, note=data.validated_data["note"]))


class BookingCancel(APIView):
    @extend_schema(
        summary="Cancel a visit; the citizen is e-mailed the reason",
        request=CancelSerializer,
        responses={200: s.DeskBookingSerializer, **errors(400, 401, 404)},
    )
    def post(self, request: Request, pk: UUID) -> Response:
        booking = _booking(request, pk)
        data = CancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _answer(booking_cancel(booking=booking, reason=data.validated_data["reason"]))


class BlockList(generics.ListAPIView):
    serializer_class = s.BlockSerializer

    @extend_schema(
        summary="Busy time of one agenda (blocked or from the calendar) over up to a week",
        parameters=[s.RangeQuerySerializer],
        responses={200: s.BlockSerializer(many=True), **errors(400, 401, 404)},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[BusyInterval]:
        query = s.RangeQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        agenda = _agenda(self.request.user, query.validated_data.get("agenda"))
        start, end = _period(agenda, query.validated_data)
        return (
            BusyInterval.objects.filter(agenda=agenda, start__lt=end, end__gt=start)
            .select_related("agenda__institution")
            .order_by("start", "pk")
        )

    @extend_schema(
        summary="Block time in an agenda",
        description="Citizens can no longer book it; visits already booked in it stay.",
        request=s.BlockCreateSerializer,
        responses={201: s.BlockSerializer, **errors(400, 401, 404)},
    )
    def post(self, request: Request) -> Response:
        data = s.BlockCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        agenda = _agenda(request.user, values.get("agenda"))
        tz = ZoneInfo(agenda.institution.time_zone)
        block = time_block(
            agenda=agenda,
            start=datetime.combine(values["day"], values["start"], tzinfo=tz),
            end=datetime.combine(values["day"], values["end"], tzinfo=tz),
            note=values["note"],
        )
        return Response(s.BlockSerializer(block).data, status=status.HTTP_201_CREATED)


def _statistics_period(request: Request, tz: ZoneInfo) -> tuple[date, date]:
    query = s.PeriodQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    today = timezone.localtime(timezone.now(), tz).date()
    last = query.validated_data.get("end") or today
    first = query.validated_data.get("start") or last - timedelta(days=29)
    if first > last:
        raise ValidationError({"end": [_("The end is before the start.")]})
    if (last - first).days > statistics_views.MAX_DAYS:
        raise ValidationError({"start": [_("Choose a period of at most a year.")]})
    return first, last


class StatisticsView(APIView):
    @extend_schema(
        summary="Visit statistics for a period (institution admins and unit managers)",
        description="Counted over the caller's institution (admins) or units (managers).",
        parameters=[s.PeriodQuerySerializer],
        responses={
            200: OpenApiResponse(s.dataclass_schema(Statistics)),
            **errors(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        scope = statistics_scope(request.user)
        first, last = _statistics_period(request, scope.tz)
        stats = period_statistics(scope, first, last)
        return Response(s.statistics_data(stats))


class StatisticsCsv(FileDownloadMixin, APIView):
    @extend_schema(
        summary="Visit statistics for a period as CSV (as the statistics page exports)",
        parameters=[s.PeriodQuerySerializer],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), **errors(400, 401, 403)},
    )
    def get(self, request: Request) -> HttpResponse:
        _statistics_period(request, statistics_scope(request.user).tz)
        # DRF has authenticated the caller on the Django request too; the page does the rest.
        return statistics_views.statistics_csv(request._request)
