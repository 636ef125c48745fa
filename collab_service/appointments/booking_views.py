"""The citizen booking page: choose a day, a time and (if you like) an official, then your data."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from collab_service.appointments.booking_form import ANY, BookingForm
from collab_service.appointments.errors import BookingError
from collab_service.appointments.free_days import free_days
from collab_service.appointments.models import Agenda, Booking, CaseType
from collab_service.appointments.selectors import bookable_case_types, case_type_agendas
from collab_service.appointments.services.abuse import booking_attempt_allow
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.confirmation import confirmation_request_send
from collab_service.appointments.services.questions import answers_validate
from collab_service.core.client_ip import client_address


@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, pk: int) -> HttpResponse:
    case_type = get_object_or_404(bookable_case_types().select_related("institution"), pk=pk)
    agendas = list(case_type_agendas(case_type).select_related("official"))
    free = free_days(case_type, agendas)
    day = free.chosen(request.GET.get("day") or request.POST.get("day"))
    form = None
    if day is not None:
        day_slots = free.on(day)
        names = {
            a.pk: a.official.display_name
            for a in agendas
            if any(s.agenda_id == a.pk for s in day_slots)
        }
        form = BookingForm(
            request.POST or None,
            slots=day_slots,
            officials=names,
            questions=case_type.form_fields,
            tz=free.tz,
        )
        if request.method == "POST" and form.is_valid():
            booking = _hold(request, case_type, form, agendas)
            if booking is not None:
                return redirect(reverse("appointments:book_sent", args=[booking.reference_code]))
    return render(
        request,
        "appointments/book.html",
        {
            "case_type": case_type,
            "days": free.counts(),
            "day": day,
            "form": form,
        },
    )


def _hold(
    request: HttpRequest, case_type: CaseType, form: BookingForm, agendas: list[Agenda]
) -> Booking | None:
    chosen = form.cleaned_data["official"]
    agenda = next((a for a in agendas if str(a.pk) == chosen), None) if chosen != ANY else None
    try:
        booking_attempt_allow(client=client_address(request), email=form.cleaned_data["email"])
        answers = answers_validate(questions=case_type.form_fields, answers=form.answers())
        booking, created = booking_hold(
            case_type=case_type,
            start=form.cleaned_data["start"],
            agenda=agenda,
            citizen_name=form.cleaned_data["name"],
            citizen_email=form.cleaned_data["email"],
            citizen_phone=form.cleaned_data["phone"],
            answers=answers,
            language=get_language(),
        )
    except BookingError as exc:
        form.add_error(None, str(exc))
        return None
    if created:
        confirmation_request_send(booking=booking)
    return booking


def book_sent(request: HttpRequest, code: str) -> HttpResponse:
    booking = (
        Booking.objects.select_related("case_type", "institution")
        .filter(reference_code=code, status=Booking.Status.HELD)
        .first()
    )
    if booking is None:
        raise Http404
    return render(request, "appointments/book_sent.html", {"booking": booking})
