"""The officials' desk: a day of visits, check-in by code, outcomes, cancelling, blocking time."""

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from collab_service.appointments.errors import BookingError
from collab_service.appointments.forms import BlockTimeForm, CheckInForm, DeskBookingForm
from collab_service.appointments.models import Agenda, Booking
from collab_service.appointments.selectors import (
    agendas_visible_to,
    bookable_case_types,
    case_type_agendas,
)
from collab_service.appointments.services.desk import (
    booking_check_in,
    booking_on_behalf,
    booking_outcome_set,
    time_block,
)
from collab_service.appointments.services.manage import booking_cancel
from collab_service.appointments.services.slots import case_type_slots
from collab_service.appointments.setup_selectors import setup_institutions
from collab_service.core.dates import day_param
from collab_service.institutions.models import Membership

_SHOWN = [s for s, _label in Booking.Status.choices if s != Booking.Status.EXPIRED]


def _agenda(request: HttpRequest, agendas: list[Agenda]) -> Agenda:
    chosen = request.GET.get("agenda") or request.POST.get("agenda")
    for agenda in agendas:
        if str(agenda.pk) == chosen:
            return agenda
    own = next((a for a in agendas if a.official_id == request.user.pk), None)
    return own or agendas[0]


def _day(raw: str | None, tz: ZoneInfo) -> date:
    today = timezone.localtime(timezone.now(), tz).date()
    return day_param(raw, today=today, default=today)


def _back(agenda: Agenda, day: date) -> str:
    return f"{reverse('desk:agenda')}?agenda={agenda.pk}&day={day.isoformat()}"


def _no_agenda(request: HttpRequest) -> HttpResponse:
    can_set_up = setup_institutions(request.user).exists()
    return render(request, "appointments/desk/no_agenda.html", {"can_set_up": can_set_up})


@login_required
def agenda_day(request: HttpRequest) -> HttpResponse:
    agendas = list(
        agendas_visible_to(request.user)
        .select_related("official", "institution")
        .order_by("official__full_name", "pk")
    )
    if not agendas:
        return _no_agenda(request)
    agenda = _agenda(request, agendas)
    tz = ZoneInfo(agenda.institution.time_zone)
    day = _day(request.GET.get("day"), tz)
    start = datetime.combine(day, time.min, tzinfo=tz)
    bookings = (
        Booking.objects.filter(
            agenda=agenda, start__gte=start, start__lt=start + timedelta(days=1), status__in=_SHOWN
        )
        .select_related("case_type", "location")
        .order_by("start", "seat")
    )
    return render(
        request,
        "appointments/desk/agenda.html",
        {
            "agendas": agendas,
            "agenda": agenda,
            "day": day,
            "tz": tz,
            "bookings": bookings,
            "previous_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
            "can_see_statistics": Membership.objects.filter(
                user=request.user,
                role__in=[Membership.Role.INSTITUTION_ADMIN, Membership.Role.UNIT_MANAGER],
            ).exists(),
            "check_in_form": CheckInForm(),
            "block_form": BlockTimeForm(initial={"day": day}),
            "blocks": agenda.busy.filter(
                start__lt=start + timedelta(days=1), end__gt=start
            ).order_by("start"),
        },
    )


@login_required
def agenda_week(request: HttpRequest) -> HttpResponse:
    """Monday to Sunday of one agenda, or of every agenda the person may see (a unit's week)."""
    agendas = list(
        agendas_visible_to(request.user)
        .select_related("official", "institution")
        .order_by("official__full_name", "pk")
    )
    if not agendas:
        return _no_agenda(request)
    everyone = request.GET.get("agenda") == "all" and len(agendas) > 1
    shown = agendas if everyone else [_agenda(request, agendas)]
    tz = ZoneInfo(shown[0].institution.time_zone)
    monday = _day(request.GET.get("day"), tz)
    monday -= timedelta(days=monday.weekday())
    start = datetime.combine(monday, time.min, tzinfo=tz)
    end = datetime.combine(monday + timedelta(days=7), time.min, tzinfo=tz)
    bookings = (
        Booking.objects.filter(agenda__in=shown, start__gte=start, start__lt=end, status__in=_SHOWN)
        .select_related("case_type", "agenda__official")
        .order_by("start", "agenda__official__full_name", "seat")
    )
    days = {monday + timedelta(days=n): [] for n in range(7)}
    for booking in bookings:
        days[timezone.localtime(booking.start, tz).date()].append(booking)
    return render(
        request,
        "appointments/desk/week.html",
        {
            "agendas": agendas,
            "agenda": None if everyone else shown[0],
            "everyone": everyone,
            "tz": tz,
            "days": days.items(),
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "previous_week": monday - timedelta(days=7),
            "next_week": monday + timedelta(days=7),
            "agenda_param": "all" if everyone else shown[0].pk,
        },
    )


@login_required
@require_POST
def check_in(request: HttpRequest) -> HttpResponse:
    agendas = agendas_visible_to(request.user)
    form = CheckInForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["reference_code"].strip().upper()
        booking = Booking.objects.filter(reference_code=code, agenda__in=agendas).first()
        if booking is None:
            messages.error(request, _("No visit in your agendas has this code."))
        else:
            try:
                booking_check_in(booking=booking)
                messages.success(
                    request, _("%(name)s is checked in.") % {"name": booking.citizen_name}
                )
            except BookingError as exc:
                messages.error(request, str(exc))
            return redirect(
                _back(
                    booking.agenda,
                    timezone.localtime(
                        booking.start, ZoneInfo(booking.institution.time_zone)
                    ).date(),
                )
            )
    else:
        messages.error(request, _("Enter the reference code."))
    return redirect("desk:agenda")


@login_required
@require_POST
def booking_action(request: HttpRequest, pk: str) -> HttpResponse:
    try:
        uuid.UUID(pk)
    except ValueError as exc:
        raise Http404 from exc
    booking = get_object_or_404(
        Booking.objects.filter(agenda__in=agendas_visible_to(request.user)), pk=pk
    )
    action = request.POST.get("action", "")
    try:
        if action == "check_in":
            booking_check_in(booking=booking)
        elif action in ("done", "no_show"):
            booking_outcome_set(booking=booking, outcome=action)
        elif action == "cancel":
            booking_cancel(booking=booking, reason=request.POST.get("reason", "")[:500])
        else:
            raise Http404
        messages.success(request, _("Saved."))
    except BookingError as exc:
        messages.error(request, str(exc))
    day = timezone.localtime(booking.start, ZoneInfo(booking.institution.time_zone)).date()
    return redirect(_back(booking.agenda, day))


@login_required
@require_POST
def block(request: HttpRequest) -> HttpResponse:
    agendas = list(agendas_visible_to(request.user).select_related("institution"))
    if not agendas:
        raise Http404
    agenda = _agenda(request, agendas)
    form = BlockTimeForm(request.POST)
    tz = ZoneInfo(agenda.institution.time_zone)
    if form.is_valid():
        data = form.cleaned_data
        time_block(
            agenda=agenda,
            start=datetime.combine(data["day"], data["start"], tzinfo=tz),
            end=datetime.combine(data["day"], data["end"], tzinfo=tz),
            note=data["note"],
        )
        messages.success(request, _("The time is blocked."))
        return redirect(_back(agenda, data["day"]))
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(_back(agenda, _day(request.POST.get("day"), tz)))


@login_required
@require_http_methods(["GET", "POST"])
def book_on_behalf(request: HttpRequest) -> HttpResponse:
    agendas = list(agendas_visible_to(request.user).select_related("official", "institution"))
    if not agendas:
        raise Http404
    agenda = _agenda(request, agendas)
    tz = ZoneInfo(agenda.institution.time_zone)
    day = _day(request.GET.get("day") or request.POST.get("day"), tz)
    case_types = [
        ct
        for ct in bookable_case_types().filter(institution=agenda.institution)
        if agenda in case_type_agendas(ct)
    ]
    chosen = request.GET.get("case_type") or request.POST.get("case_type")
    case_type = next((ct for ct in case_types if str(ct.pk) == chosen), None)
    form = None
    if case_type is not None:
        slots = case_type_slots(
            case_type=case_type, first=day, last=day, agendas=[agenda], walk_in=True
        )
        starts = [
            (slot.start.isoformat(), slot.start.astimezone(tz).strftime("%H:%M")) for slot in slots
        ]
        form = DeskBookingForm(request.POST or None, starts=starts)
        if request.method == "POST" and form.is_valid():
            try:
                booking = booking_on_behalf(
                    agenda=agenda,
                    case_type=case_type,
                    start=datetime.fromisoformat(form.cleaned_data["start"]),
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                )
            except BookingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Booked: %(code)s.") % {"code": booking.reference_code})
                return redirect(_back(agenda, day))
    return render(
        request,
        "appointments/desk/book.html",
        {
            "agenda": agenda,
            "agendas": agendas,
            "day": day,
            "case_types": case_types,
            "case_type": case_type,
            "form": form,
        },
    )
