"""Pages for citizens: confirming a visit from the e-mailed link."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from collab_service.appointments.errors import BookingError
from collab_service.appointments.services.confirmation import booking_confirm, booking_from_token


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the visit and a button; only POST confirms, so mail scanners change nothing."""
    try:
        booking = booking_from_token(token)
        if request.method == "POST":
            booking = booking_confirm(booking=booking)
    except BookingError as exc:
        return render(request, "appointments/confirm.html", {"error": str(exc)}, status=400)
    return render(request, "appointments/confirm.html", {"booking": booking})
