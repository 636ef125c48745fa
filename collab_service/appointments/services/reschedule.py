"""Moving a visit to another time in one step: the old time is given up only once the new one
is held, so a citizen who reschedules never ends up with no visit at all."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.appointments.errors import BookingError, SlotInvalid, SlotUnavailable
from collab_service.appointments.models import Agenda, Booking, CaseType
from collab_service.appointments.selectors import AgendaRef
from collab_service.appointments.services.bookings import free_candidates, slot_location
from collab_service.appointments.services.generations import agendas_changed
from collab_service.appointments.services.manage import booking_changed_send
from collab_service.appointments.services.waiting_signal import seat_released

MOVABLE = (Booking.Status.CONFIRMED,)


def can_reschedule(booking: Booking, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return booking.status in MOVABLE and booking.start > now


def booking_reschedule(
    *, booking: Booking, start: datetime, now: datetime | None = None
) -> Booking:
    """Move a confirmed visit to ``start`` (same matter), keeping its reference code and UID.

    The citizen's own official is kept when free at the new time; otherwise the least loaded
    free official takes it. Raises SlotInvalid, SlotUnavailable or BookingError.
    """
    now = now or timezone.now()
    if not can_reschedule(booking, now=now):
        raise BookingError(_("This visit can no longer be moved."))
    if start == booking.start:
        return booking
    case_type = booking.case_type
    if not now <= start <= now + timedelta(days=case_type.horizon_days + 1):
        raise SlotInvalid(_("This is not a time you can book for this matter."))
    own = Agenda.objects.get(pk=booking.agenda_id)
    try:
        others = [a for a in free_candidates(case_type, start, now) if a.pk != own.pk]
    except (SlotInvalid, SlotUnavailable):
        others = []  # nobody else is free; the visit's own official may still be (its buffers)
    first_error: BookingError | None = None
    for candidate in [own, *others]:
        try:
            moved = _move(booking, candidate, case_type, start, now)
        except (SlotInvalid, SlotUnavailable) as exc:
            first_error = first_error or exc
            continue
        booking_changed_send(booking=moved)
        return moved
    raise first_error or SlotUnavailable(_("This time has just been taken. Please choose another."))


def _move(
    booking: Booking,
    agenda: Agenda | AgendaRef,
    case_type: CaseType,
    start: datetime,
    now: datetime,
) -> Booking:
    with transaction.atomic():
        # Both agendas are locked in id order, so two moves in opposite directions cannot deadlock.
        ids = sorted({booking.agenda_id, agenda.pk})
        locked = {a.pk: a for a in Agenda.objects.select_for_update().filter(pk__in=ids)}
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if not can_reschedule(current, now=now):
            raise BookingError(_("This visit can no longer be moved."))
        location_id, _seats = slot_location(
            case_type, locked[agenda.pk], start, now, ignore_booking=current.pk
        )
        taken = set(
            Booking.objects.filter(agenda_id=agenda.pk, start=start, seat__isnull=False)
            .exclude(pk=current.pk)
            .values_list("seat", flat=True)
        )
        seat = next((n for n in range(1, case_type.capacity + 1) if n not in taken), None)
        if seat is None:
            raise SlotUnavailable(_("This time has just been taken. Please choose another."))
        end = start + timedelta(minutes=case_type.duration_minutes)
        current.agenda_id = agenda.pk
        current.start = start
        current.end = end
        current.block_start = start - timedelta(minutes=case_type.buffer_before_minutes)
        current.block_end = end + timedelta(minutes=case_type.buffer_after_minutes)
        current.seat = seat
        if current.mode == CaseType.Mode.IN_PERSON:
            current.location_id = location_id
        current.sequence += 1
        current.rescheduled_at = now
        current.save(
            update_fields=[
                "agenda",
                "start",
                "end",
                "block_start",
                "block_end",
                "seat",
                "location",
                "sequence",
                "rescheduled_at",
            ]
        )
        agendas_changed(ids)
        seat_released()
    return Booking.objects.select_related("case_type", "institution", "location").get(pk=current.pk)
