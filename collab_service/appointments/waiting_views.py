"""Pages for the waiting list: joining when no time is free, and one's place in line."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from collab_service.appointments.booking_form import WaitingListForm
from collab_service.appointments.errors import BookingError
from collab_service.appointments.selectors import bookable_case_types
from collab_service.appointments.services.abuse import booking_attempt_allow
from collab_service.appointments.services.confirmation import confirmation_token
from collab_service.appointments.services.waiting_list import (
    entry_from_token,
    waiting_join,
    waiting_position,
    waiting_withdraw,
)
from collab_service.core.client_ip import client_address


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, pk: int) -> HttpResponse:
    case_type = get_object_or_404(bookable_case_types().select_related("institution"), pk=pk)
    today = timezone.localtime(timezone.now(), ZoneInfo(case_type.institution.time_zone)).date()
    form = WaitingListForm(
        request.POST or None,
        initial={
            "first_day": today,
            "last_day": today + timedelta(days=min(13, case_type.horizon_days)),
        },
    )
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            booking_attempt_allow(client=client_address(request), email=values["email"])
            waiting_join(
                case_type=case_type,
                first_day=values["first_day"],
                last_day=values["last_day"],
                citizen_name=values["name"],
                citizen_email=values["email"],
                citizen_phone=values["phone"],
                language=get_language(),
            )
        except BookingError as exc:
            form.add_error(None, str(exc))
        else:
            # The same page for a new and a repeated e-mail: it reveals nobody's place in line.
            return render(request, "appointments/waiting_joined.html", {"case_type": case_type})
    return render(request, "appointments/waiting_join.html", {"case_type": case_type, "form": form})


@require_http_methods(["GET", "POST"])
def status(request: HttpRequest, token: str) -> HttpResponse:
    try:
        entry = entry_from_token(token)
    except BookingError as exc:
        return render(request, "appointments/waiting_status.html", {"error": str(exc)}, status=400)
    if request.method == "POST":
        entry = waiting_withdraw(entry=entry)
    offer = entry.offer if entry.status == entry.Status.OFFERED else None
    return render(
        request,
        "appointments/waiting_status.html",
        {
            "entry": entry,
            "position": waiting_position(entry),
            "offer": offer,
            "confirm_token": confirmation_token(offer) if offer else None,
            "can_withdraw": entry.status in entry.OPEN,
        },
    )
