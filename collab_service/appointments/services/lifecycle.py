"""Scheduled work on bookings: reminders before the visit, and anonymising after it."""

from datetime import datetime, timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from collab_service.appointments.models import Booking, WaitingListEntry
from collab_service.appointments.services.manage import manage_url
from collab_service.appointments.services.video import booking_join_url
from collab_service.notifications.models import OutgoingEmail
from collab_service.notifications.services import email_enqueue

ANONYMISED_EMAIL = "anonymised@invalid"


def reminders_send(*, now: datetime | None = None) -> int:
    """E-mail each configured reminder once (e.g. a day and an hour before the visit).

    A reminder whose moment had already passed when the visit was booked is skipped; a visit
    moved to another time (its SEQUENCE went up) is reminded of again.
    """
    now = now or timezone.now()
    sent = 0
    for minutes in settings.BOOKING_REMINDER_MINUTES:
        before = timedelta(minutes=minutes)
        due = (
            Booking.objects.filter(
                status=Booking.Status.CONFIRMED, start__gt=now, start__lte=now + before
            )
            .exclude(citizen_email="")
            .select_related("case_type", "institution", "location")
        )
        for booking in due:
            key = f"booking-reminder:{booking.pk}:{booking.sequence}:{minutes}"
            if booking.created_at > booking.start - before:
                continue
            if OutgoingEmail.objects.filter(idempotency_key=key).exists():
                continue
            with translation.override(booking.language):
                subject = _("Reminder: your visit %(code)s") % {"code": booking.reference_code}
                body = render_to_string(
                    "appointments/email/reminder.txt",
                    {
                        "booking": booking,
                        "manage_url": manage_url(booking),
                        "join_url": booking_join_url(booking),
                    },
                )
            email_enqueue(
                idempotency_key=key, to=[booking.citizen_email], subject=subject, body_text=body
            )
            sent += 1
    return sent


def bookings_anonymise(*, now: datetime | None = None) -> int:
    """Erase citizens' personal data a set number of days after their visit; counts remain."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.BOOKING_RETENTION_DAYS)
    return Booking.objects.filter(end__lt=cutoff, anonymised_at__isnull=True).update(
        citizen_name="",
        citizen_email=ANONYMISED_EMAIL,
        citizen_phone="",
        answers={},
        official_note="",
        cancel_reason="",
        idempotency_key=None,
        anonymised_at=now,
    )


def waiting_list_anonymise(*, now: datetime | None = None) -> int:
    """Erase the personal data of waiting-list entries the same number of days after their last
    day; an entry still open then is closed as ended."""
    now = now or timezone.now()
    cutoff = (now - timedelta(days=settings.BOOKING_RETENTION_DAYS)).date()
    old = WaitingListEntry.objects.filter(last_day__lt=cutoff, anonymised_at__isnull=True)
    old.filter(status__in=WaitingListEntry.OPEN).update(
        status=WaitingListEntry.Status.ENDED, closed_at=now
    )
    return old.update(
        citizen_name="",
        citizen_email=ANONYMISED_EMAIL,
        citizen_phone="",
        answers={},
        anonymised_at=now,
    )
