"""The waiting list: citizens who found no free time wait in line for one within their dates.

When a time frees up, the first in line whose dates include it is offered it: a booking is held
for them (longer than an ordinary hold) and they confirm it from the offer e-mail like any
booking. An offer not confirmed in time lapses and the next in line gets the time.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from collab_service.appointments.errors import BookingError, SlotInvalid, SlotUnavailable
from collab_service.appointments.models import Agenda, Booking, CaseType, WaitingListEntry
from collab_service.appointments.services.bookings import booking_hold
from collab_service.appointments.services.confirmation import confirmation_url
from collab_service.appointments.services.generations import agendas_changed
from collab_service.appointments.services.slots import case_type_slots
from collab_service.appointments.services.waiting_signal import serve_line
from collab_service.notifications.services import email_enqueue

Entry = WaitingListEntry
_SALT = "appointments.waiting"
MAX_DAYS = 92


def waiting_token(entry: Entry) -> str:
    return signing.dumps(str(entry.pk), salt=_SALT)


def waiting_url(entry: Entry) -> str:
    return settings.PUBLIC_URL + reverse("appointments:waiting", args=[waiting_token(entry)])


def entry_from_token(token: str) -> Entry:
    try:
        entry_id = signing.loads(token, salt=_SALT)
        return Entry.objects.select_related("case_type", "institution", "offer").get(
            pk=entry_id, anonymised_at__isnull=True
        )
    except (signing.BadSignature, Entry.DoesNotExist, ValueError) as exc:
        raise BookingError(_("This link is not valid.")) from exc


def waiting_position(entry: Entry) -> int | None:
    """1 for the first in line; None once the entry is no longer waiting."""
    if entry.status != Entry.Status.WAITING:
        return None
    ahead = (
        Entry.objects.filter(case_type_id=entry.case_type_id, status=Entry.Status.WAITING)
        .filter(
            Q(created_at__lt=entry.created_at) | Q(created_at=entry.created_at, pk__lt=entry.pk)
        )
        .count()
    )
    return ahead + 1


def waiting_join(
    *,
    case_type: CaseType,
    first_day: date,
    last_day: date,
    citizen_name: str,
    citizen_email: str,
    citizen_phone: str = "",
    answers: dict | None = None,
    language: str = "pl",
    now: datetime | None = None,
) -> tuple[Entry, bool]:
    """Put the citizen in line; joining again for the same matter keeps their place.

    Returns the entry and whether it is new. Raises SlotInvalid for dates that cannot be served.
    """
    now = now or timezone.now()
    today = timezone.localtime(now, ZoneInfo(case_type.institution.time_zone)).date()
    if first_day < today:
        raise SlotInvalid(_("The first day cannot be in the past."))
    if last_day < first_day:
        raise SlotInvalid(_("The last day cannot be before the first day."))
    if last_day > today + timedelta(days=case_type.horizon_days):
        raise SlotInvalid(
            _("Visits for this matter can be booked at most %(days)s days ahead.")
            % {"days": case_type.horizon_days}
        )
    if (last_day - first_day).days >= MAX_DAYS:
        raise SlotInvalid(_("Choose at most %(days)s days.") % {"days": MAX_DAYS})
    existing = Entry.objects.filter(
        case_type=case_type, citizen_email__iexact=citizen_email, status__in=Entry.OPEN
    ).first()
    if existing is not None:
        return existing, False
    entry = Entry.objects.create(
        institution_id=case_type.institution_id,
        case_type=case_type,
        first_day=first_day,
        last_day=last_day,
        citizen_name=citizen_name,
        citizen_email=citizen_email,
        citizen_phone=citizen_phone,
        answers=answers or {},
        language=language,
        created_at=now,
    )
    _mail(entry, kind="joined", template="appointments/email/waiting_joined.txt")
    transaction.on_commit(serve_line)
    return entry, True


def waiting_withdraw(*, entry: Entry, now: datetime | None = None) -> Entry:
    """Leave the line; an offered time that is not confirmed yet is released."""
    now = now or timezone.now()
    with transaction.atomic():
        entry = Entry.objects.select_for_update().get(pk=entry.pk)
        if entry.status not in Entry.OPEN:
            return entry
        if entry.offer_id:
            released = Booking.objects.filter(pk=entry.offer_id, status=Booking.Status.HELD)
            offer = released.first()
            if released.update(status=Booking.Status.EXPIRED, seat=None):
                agendas_changed([offer.agenda_id])
                transaction.on_commit(serve_line)
        entry.status = Entry.Status.WITHDRAWN
        entry.closed_at = now
        entry.save(update_fields=["status", "closed_at"])
    return entry


def waiting_list_offer(*, now: datetime | None = None) -> int:
    """Settle finished offers, then offer free times to those first in line. Returns offers made.

    Run by Celery beat every minute and whenever a time is released; safe to run concurrently
    (an entry's offer has a fixed idempotency key, so a second run finds the same booking).
    """
    now = now or timezone.now()
    _settle(now)
    offers = 0
    waiting = Entry.objects.filter(status=Entry.Status.WAITING).select_related(
        "case_type__institution"
    )
    in_line: dict[int, list[Entry]] = defaultdict(list)
    for entry in waiting.order_by("created_at", "pk"):
        in_line[entry.case_type_id].append(entry)
    for entries in in_line.values():
        offers += _offer_case_type(entries[0].case_type, entries, now)
    return offers


def _settle(now: datetime) -> None:
    """Offers the citizen confirmed become booked; expired or cancelled ones lapse."""
    Status = Booking.Status
    offered = Entry.objects.filter(status=Entry.Status.OFFERED)
    offered.filter(offer__status__in=Booking.ACTIVE).exclude(offer__status=Status.HELD).update(
        status=Entry.Status.BOOKED, closed_at=now
    )
    offered.filter(offer__status__in=(Status.EXPIRED, Status.CANCELLED)).update(
        status=Entry.Status.LAPSED, closed_at=now
    )
    offered.filter(offer__isnull=True).update(status=Entry.Status.LAPSED, closed_at=now)


def _offer_case_type(case_type: CaseType, entries: list[Entry], now: datetime) -> int:
    tz = ZoneInfo(case_type.institution.time_zone)
    today = timezone.localtime(now, tz).date()
    current = []
    for entry in entries:
        if entry.last_day < today:
            Entry.objects.filter(pk=entry.pk, status=Entry.Status.WAITING).update(
                status=Entry.Status.ENDED, closed_at=now
            )
        else:
            current.append(entry)
    if not current or not case_type.is_active:
        return 0
    first = max(today, min(entry.first_day for entry in current))
    last = max(entry.last_day for entry in current)
    seats = {
        slot: slot.seats_left
        for slot in case_type_slots(case_type=case_type, first=first, last=last, now=now)
    }
    offers = 0
    for entry in current:
        for slot in sorted(seats, key=lambda slot: (slot.start, slot.agenda_id)):
            if not seats[slot] or not (
                entry.first_day <= timezone.localtime(slot.start, tz).date() <= entry.last_day
            ):
                continue
            try:
                booking = _hold_offer(entry, case_type, slot, now)
            except (SlotInvalid, SlotUnavailable):
                seats[slot] = 0
                continue
            seats[slot] -= 1
            offers += int(booking is not None)
            break
    return offers


def _hold_offer(entry: Entry, case_type: CaseType, slot, now: datetime) -> Booking | None:
    expires = min(now + timedelta(minutes=settings.BOOKING_WAITLIST_OFFER_MINUTES), slot.start)
    booking, _created = booking_hold(
        case_type=case_type,
        start=slot.start,
        agenda=Agenda.objects.get(pk=slot.agenda_id),
        citizen_name=entry.citizen_name,
        citizen_email=entry.citizen_email,
        citizen_phone=entry.citizen_phone,
        answers=entry.answers,
        language=entry.language,
        idempotency_key=f"waiting-offer:{entry.pk}",
        hold_until=expires,
        now=now,
    )
    if not Entry.objects.filter(pk=entry.pk, status=Entry.Status.WAITING).update(
        status=Entry.Status.OFFERED, offer=booking, offered_at=now
    ):
        return None
    entry.offer = booking
    _mail(
        entry,
        kind="offer",
        template="appointments/email/waiting_offer.txt",
        extra={"booking": booking, "link": confirmation_url(booking), "until": expires},
    )
    return booking


def _mail(entry: Entry, *, kind: str, template: str, extra: dict | None = None) -> None:
    with translation.override(entry.language):
        subjects = {
            "joined": _("You are on the waiting list: %(case)s"),
            "offer": _("A time is free for you: %(case)s"),
        }
        context = {"entry": entry, "status_url": waiting_url(entry), **(extra or {})}
        email_enqueue(
            idempotency_key=f"waiting-{kind}:{entry.pk}",
            to=[entry.citizen_email],
            subject=subjects[kind] % {"case": entry.case_type.name},
            body_text=render_to_string(template, context),
        )
