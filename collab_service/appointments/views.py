"""Pages for citizens: confirming a visit, seeing, moving and cancelling it, finding it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from collab_service.appointments.booking_form import MoveForm
from collab_service.appointments.errors import BookingError
from collab_service.appointments.forms import CancelForm, StatusLookupForm
from collab_service.appointments.free_days import free_days
from collab_service.appointments.services.abuse import lookup_attempt_allow
from collab_service.appointments.services.confirmation import booking_confirm, booking_from_token
from collab_service.appointments.services.ics import booking_ics
from collab_service.appointments.services.manage import (
    booking_by_reference,
    booking_cancel,
    booking_from_manage_token,
    manage_token,
)
from collab_service.appointments.services.reschedule import booking_reschedule, can_reschedule
from collab_service.appointments.services.video import visit_join_url
from collab_service.core.client_ip import client_address


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the visit and a button; only POST confirms, so mail scanners change nothing."""
    try:
        booking = booking_from_token(token)
        if request.method == "POST":
            booking = booking_confirm(booking=booking)
            return redirect("appointments:manage", token=manage_token(booking))
    except BookingError as exc:
        return render(request, "appointments/confirm.html", {"error": str(exc)}, status=400)
    return render(
        request,
        "appointments/confirm.html",
        {"booking": booking, "manage_token": manage_token(booking)},
    )


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        booking = booking_from_manage_token(token)
    except BookingError as exc:
        return render(request, "appointments/manage.html", {"error": str(exc)}, status=400)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            booking = booking_cancel(booking=booking, reason=form.cleaned_data["reason"])
        except BookingError as exc:
            form.add_error(None, str(exc))
    return render(
        request,
        "appointments/manage.html",
        {
            "booking": booking,
            "form": form,
            "token": token,
            "can_cancel": booking.status in ("held", "confirmed"),
            "can_move": can_reschedule(booking),
            "join_url": visit_join_url(booking),
        },
    )


@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, token: str) -> HttpResponse:
    """Choose a new day and time for a confirmed visit; the old time is kept until it is done."""
    try:
        booking = booking_from_manage_token(token)
        if not can_reschedule(booking):
            raise BookingError(_("This visit can no longer be moved."))
    except BookingError as exc:
        return render(request, "appointments/manage.html", {"error": str(exc)}, status=400)
    free = free_days(booking.case_type)
    day = free.chosen(request.GET.get("day") or request.POST.get("day"))
    form = None
    if day is not None:
        form = MoveForm(request.POST or None, slots=free.on(day), tz=free.tz)
        if request.method == "POST" and form.is_valid():
            try:
                booking_reschedule(booking=booking, start=form.cleaned_data["start"])
            except BookingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Your visit has been moved. We have sent you an e-mail.")
                )
                return redirect("appointments:manage", token=token)
    return render(
        request,
        "appointments/move.html",
        {
            "booking": booking,
            "days": free.counts(),
            "day": day,
            "form": form,
            "token": token,
        },
    )


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        booking = booking_from_manage_token(token)
    except BookingError as exc:
        return render(request, "appointments/manage.html", {"error": str(exc)}, status=400)
    method = "CANCEL" if booking.status == "cancelled" else "PUBLISH"
    response = HttpResponse(
        booking_ics(booking, method=method, join_url=visit_join_url(booking)),
        content_type="text/calendar",
    )
    response["Content-Disposition"] = f'attachment; filename="{booking.reference_code}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def status_lookup(request: HttpRequest) -> HttpResponse:
    form = StatusLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lookup_attempt_allow(
                client=client_address(request),
                reference_code=form.cleaned_data["reference_code"],
            )
        except BookingError as exc:
            form.add_error(None, str(exc))
        else:
            booking = booking_by_reference(**form.cleaned_data)
            if booking is not None:
                return redirect(reverse("appointments:manage", args=[manage_token(booking)]))
            form.add_error(None, _("We found no visit with this code and e-mail address."))
    return render(request, "appointments/status_lookup.html", {"form": form})
