"""Holding, confirming and releasing citizens' bookings, never more than a slot's capacity.

A booking transaction locks the official's agenda row, checks the slot against the database and
takes a numbered seat; the unique (agenda, start, seat) key is the database's own guarantee.
"""

import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.appointments.errors import SlotInvalid, SlotUnavailable
from collab_service.appointments.models import Agenda, Booking, CaseType
from collab_service.appointments.selectors import AgendaRef, agenda_days, slot_rules, walk_in_rules
from collab_service.appointments.services.availability import AgendaDay, slots_for_agenda
from collab_service.appointments.services.case_type_plan import case_type_plan
from collab_service.appointments.services.generations import agendas_changed
from collab_service.appointments.services.slots import holidays_between, slot_at
from collab_service.appointments.services.video import video_provider
from collab_service.appointments.services.waiting_signal import seat_released

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a desk


def reference_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def slot_location(
    case_type: CaseType,
    agenda: Agenda,
    start: datetime,
    now: datetime,
    *,
    ignore_booking=None,
    walk_in: bool = False,
):
    """(location id, seats left) of the slot at ``start``, or an error saying why there is none.

    Read from the database, not the cache: call it holding the agenda's lock.
    """
    tz = ZoneInfo(case_type.institution.time_zone)
    day = start.astimezone(tz).date()
    rules = walk_in_rules(case_type) if walk_in else slot_rules(case_type)
    public = holidays_between(case_type.institution.country, day, day)
    (known,) = agenda_days([agenda], day, day, tz, ignore_booking=ignore_booking)
    free = slots_for_agenda(
        agenda=known, rules=rules, first=day, last=day, tz=tz, holidays=public, now=now
    )
    for slot in free:
        if slot.start == start:
            return slot.location_id, slot.seats_left
    empty = AgendaDay(known.agenda_id, known.hours, known.extra)
    if any(
        slot.start == start
        for slot in slots_for_agenda(
            agenda=empty, rules=rules, first=day, last=day, tz=tz, holidays=public, now=now
        )
    ):
        raise SlotUnavailable(_("This time has just been taken. Please choose another."))
    raise SlotInvalid(_("This is not a time you can book for this matter."))


def _least_loaded(agendas: list[AgendaRef], start: datetime) -> list[AgendaRef]:
    """Agendas ordered by their active bookings that day: the official with fewest goes first."""
    day_start = start - timedelta(hours=12)
    day_end = start + timedelta(hours=12)
    loads = dict(
        Booking.objects.filter(
            agenda_id__in=[agenda.pk for agenda in agendas],
            status__in=Booking.ACTIVE,
            start__gte=day_start,
            start__lt=day_end,
        )
        .values("agenda_id")
        .annotate(n=Count("id"))
        .values_list("agenda_id", "n")
    )
    return sorted(agendas, key=lambda agenda: (loads.get(agenda.pk, 0), agenda.pk))


def free_candidates(
    case_type: CaseType,
    start: datetime,
    now: datetime,
    chosen: Agenda | None = None,
    *,
    walk_in: bool = False,
) -> list[AgendaRef]:
    """Officials free at ``start`` according to cached availability, least loaded first.

    The cache can only be optimistic (every change bumps the agenda's generation number), and
    each candidate is checked again under its lock. When the cache shows the slot full, the
    citizen hears so without any lock; when it knows no such slot, one official is still tried
    so that the citizen gets the precise reason.
    """
    plan = case_type_plan(case_type.pk)
    agendas = [AgendaRef(chosen.pk, chosen.institution_id)] if chosen else plan.agenda_refs()
    if not agendas:
        return []
    known = slot_at(
        case_type=case_type,
        generation=plan.generation,
        agendas=agendas,
        start=start,
        now=now,
        walk_in=walk_in,
    )
    if not known.within_bounds:
        raise SlotInvalid(_("This is not a time you can book for this matter."))
    free = [agenda for agenda in agendas if agenda.pk in known.free]
    if free:
        return _least_loaded(free, start) if len(free) > 1 else free
    if known.offered:
        raise SlotUnavailable(_("This time has just been taken. Please choose another."))
    return agendas[:1]


def booking_hold(
    *,
    case_type: CaseType,
    start: datetime,
    citizen_name: str,
    citizen_email: str,
    citizen_phone: str = "",
    answers: dict | None = None,
    agenda: Agenda | None = None,
    mode: str | None = None,
    language: str = "pl",
    idempotency_key: str | None = None,
    hold_until: datetime | None = None,
    walk_in: bool = False,
    now: datetime | None = None,
) -> tuple[Booking, bool]:
    """Hold a seat of the slot for the citizen until they confirm by e-mail.

    The hold lasts BOOKING_HOLD_MINUTES unless ``hold_until`` says otherwise (waiting-list offers).
    ``walk_in`` (desk only) lifts the minimum notice: a slot that has not ended can be taken.
    Returns the booking and whether it was made now (False: the idempotency key was seen).
    Raises SlotInvalid or SlotUnavailable.
    """
    now = now or timezone.now()
    if not now - timedelta(days=1) <= start <= now + timedelta(days=case_type.horizon_days + 1):
        raise SlotInvalid(_("This is not a time you can book for this matter."))
    if idempotency_key:
        earlier = Booking.objects.filter(
            institution_id=case_type.institution_id, idempotency_key=idempotency_key
        ).first()
        if earlier is not None:
            return earlier, False
    mode = mode or (
        CaseType.Mode.IN_PERSON if case_type.mode == CaseType.Mode.CHOICE else case_type.mode
    )
    if mode == CaseType.Mode.VIDEO and (
        case_type.mode == CaseType.Mode.IN_PERSON or video_provider() is None
    ):
        raise SlotInvalid(_("Video calls are not available for this matter."))
    if mode == CaseType.Mode.IN_PERSON and case_type.mode == CaseType.Mode.VIDEO:
        raise SlotInvalid(_("This matter is handled by video call only."))
    hold_until = hold_until or now + timedelta(minutes=settings.BOOKING_HOLD_MINUTES)
    candidates = free_candidates(case_type, start, now, agenda, walk_in=walk_in)
    if not candidates:
        raise SlotInvalid(_("Nobody handles this matter at the moment."))
    first_error: Exception | None = None
    for candidate in candidates:
        try:
            return _hold_on(
                candidate,
                case_type,
                start,
                mode,
                now,
                idempotency_key,
                walk_in,
                {
                    "hold_expires_at": hold_until,
                    "citizen_name": citizen_name,
                    "citizen_email": citizen_email,
                    "citizen_phone": citizen_phone,
                    "answers": answers or {},
                    "language": language,
                },
            ), True
        except (SlotInvalid, SlotUnavailable) as exc:
            first_error = first_error or exc
        except IntegrityError:
            if idempotency_key:
                earlier = Booking.objects.filter(
                    institution_id=case_type.institution_id, idempotency_key=idempotency_key
                ).first()
                if earlier is not None:
                    return earlier, False
            first_error = first_error or SlotUnavailable(
                _("This time has just been taken. Please choose another.")
            )
    raise first_error


def _hold_on(
    agenda: AgendaRef,
    case_type: CaseType,
    start: datetime,
    mode: str,
    now: datetime,
    idempotency_key: str | None,
    walk_in: bool,
    citizen: dict,
) -> Booking:
    with transaction.atomic():
        locked = Agenda.objects.select_for_update().get(pk=agenda.pk)
        location_id, _seats_left = slot_location(case_type, locked, start, now, walk_in=walk_in)
        taken = set(
            Booking.objects.filter(agenda=locked, start=start, seat__isnull=False).values_list(
                "seat", flat=True
            )
        )
        seat = next((n for n in range(1, case_type.capacity + 1) if n not in taken), None)
        if seat is None:
            raise SlotUnavailable(_("This time has just been taken. Please choose another."))
        end = start + timedelta(minutes=case_type.duration_minutes)
        booking = Booking.objects.create(
            institution_id=case_type.institution_id,
            case_type=case_type,
            agenda=locked,
            location_id=location_id if mode == CaseType.Mode.IN_PERSON else None,
            mode=mode,
            start=start,
            end=end,
            block_start=start - timedelta(minutes=case_type.buffer_before_minutes),
            block_end=end + timedelta(minutes=case_type.buffer_after_minutes),
            seat=seat,
            status=Booking.Status.HELD,
            reference_code=reference_code_new(),
            idempotency_key=idempotency_key or None,
            **citizen,
        )
        agendas_changed([locked.pk])
    return booking


def bookings_expire_holds(*, now: datetime | None = None) -> int:
    """Free the seats of holds nobody confirmed in time."""
    now = now or timezone.now()
    expired = 0
    stale = Booking.objects.filter(status=Booking.Status.HELD, hold_expires_at__lt=now)
    for booking_id, agenda_id in stale.values_list("id", "agenda_id"):
        with transaction.atomic():
            changed = Booking.objects.filter(
                Q(id=booking_id), Q(status=Booking.Status.HELD)
            ).update(status=Booking.Status.EXPIRED, seat=None)
            if changed:
                agendas_changed([agenda_id])
                expired += 1
    if expired:
        seat_released()  # once for the whole batch: one run serves the line for every seat
    return expired
