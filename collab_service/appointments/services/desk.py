"""What officials do at the desk: check citizens in, record the outcome, block their time."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.appointments.errors import BookingError
from collab_service.appointments.models import Agenda, Booking, BusyInterval, CaseType

Status = Booking.Status
_OUTCOMES = {Status.DONE, Status.NO_SHOW}


def booking_check_in(*, booking: Booking) -> Booking:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Status.CHECKED_IN:
            return booking
        if booking.status != Status.CONFIRMED:
            raise BookingError(
                _("Only confirmed visits can be checked in; this one is: %(status)s.")
                % {"status": booking.get_status_display()}
            )
        booking.status = Status.CHECKED_IN
        booking.checked_in_at = timezone.now()
        booking.save(update_fields=["status", "checked_in_at"])
    return booking


def booking_outcome_set(*, booking: Booking, outcome: str) -> Booking:
    """Record that the citizen came (done) or did not (no-show); the seat stays counted."""
    if outcome not in _OUTCOMES:
        raise BookingError(_("Unknown outcome."))
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        allowed = {Status.CONFIRMED, Status.CHECKED_IN, *_OUTCOMES}
        if booking.status not in allowed:
            raise BookingError(
                _("This visit is %(status)s.") % {"status": booking.get_status_display()}
            )
        if outcome == Status.NO_SHOW and booking.status == Status.CHECKED_IN:
            raise BookingError(_("A checked-in citizen cannot be marked as not come."))
        booking.status = outcome
        booking.save(update_fields=["status"])
    return booking


def booking_note_set(*, booking: Booking, note: str) -> Booking:
    """Notes are personal data too: none is written after the visit's data was erased."""
    if booking.anonymised_at:
        raise BookingError(_("The citizen's data of this visit has been erased."))
    booking.official_note = note[:2000]
    booking.save(update_fields=["official_note"])
    return booking


def time_block(*, agenda: Agenda, start: datetime, end: datetime, note: str = "") -> BusyInterval:
    """Block time in the official's agenda; booked visits in it stay and must be moved by hand."""
    if end <= start:
        raise BookingError(_("The end must be after the start."))
    # Saving the interval bumps the agenda's version (see signals).
    return BusyInterval.objects.create(
        agenda=agenda, start=start, end=end, note=note[:200], source=BusyInterval.Source.BLOCKED
    )


def booking_on_behalf(
    *,
    agenda: Agenda,
    case_type: CaseType,
    start: datetime,
    name: str,
    email: str = "",
    phone: str = "",
    language: str = "pl",
) -> Booking:
    """Book a visit for a citizen who phones or walks in: confirmed at once, mailed if possible.

    The minimum notice does not apply: someone at the desk can take the slot that is running.
    """
    from collab_service.appointments.services.bookings import booking_hold
    from collab_service.appointments.services.confirmation import booking_confirm

    with transaction.atomic():
        booking, _created = booking_hold(
            case_type=case_type,
            start=start,
            agenda=agenda,
            citizen_name=name,
            citizen_email=email,
            citizen_phone=phone,
            language=language,
            walk_in=True,
        )
        return booking_confirm(booking=booking)
