"""The citizen's own view of a booking: a signed manage link, confirmation with ICS, cancelling."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from collab_service.appointments.errors import BookingError
from collab_service.appointments.models import Booking
from collab_service.appointments.services.generations import agendas_changed
from collab_service.appointments.services.ics import booking_ics
from collab_service.appointments.services.video import booking_join_url
from collab_service.appointments.services.waiting_signal import seat_released
from collab_service.notifications.services import email_enqueue

_SALT = "appointments.manage"
LINK_VALID_AFTER_VISIT = timedelta(days=1)


def manage_token(booking: Booking) -> str:
    return signing.dumps(str(booking.pk), salt=_SALT)


def manage_url(booking: Booking) -> str:
    return settings.PUBLIC_URL + reverse("appointments:manage", args=[manage_token(booking)])


def booking_from_manage_token(token: str) -> Booking:
    """The booking of a manage link; links stop working a day after the visit."""
    try:
        booking_id = signing.loads(token, salt=_SALT)
        booking = Booking.objects.select_related("case_type", "institution", "location").get(
            pk=booking_id
        )
    except (signing.BadSignature, Booking.DoesNotExist, ValueError) as exc:
        raise BookingError(_("This link is not valid.")) from exc
    if timezone.now() > booking.end + LINK_VALID_AFTER_VISIT or booking.anonymised_at:
        raise BookingError(_("This link has expired."))
    return booking


def booking_by_reference(*, reference_code: str, email: str) -> Booking | None:
    return Booking.objects.filter(
        reference_code=reference_code.strip().upper(),
        citizen_email__iexact=email.strip(),
        anonymised_at__isnull=True,
    ).first()


def _send(booking: Booking, *, kind: str, template: str, subject: str, method: str) -> None:
    join_url = booking_join_url(booking)  # also keeps a video visit's meeting in step
    if not booking.citizen_email:  # booked by an official for someone without e-mail
        return
    with translation.override(booking.language):
        context = {
            "booking": booking,
            "join_url": join_url,
            "manage_url": manage_url(booking),
            "institution_url": settings.PUBLIC_URL
            + reverse("core:institution_public", args=[booking.institution.slug]),
        }
        email_enqueue(
            idempotency_key=f"booking-{kind}:{booking.pk}:{booking.sequence}",
            to=[booking.citizen_email],
            subject=subject % {"code": booking.reference_code},
            body_text=render_to_string(template, context),
            ics=booking_ics(booking, method=method, join_url=join_url),
            ics_method=method,
        )


def booking_confirmed_send(*, booking: Booking) -> None:
    with translation.override(booking.language):
        subject = _("Your visit is booked: %(code)s")
    _send(
        booking,
        kind="confirmed",
        template="appointments/email/confirmed.txt",
        subject=subject,
        method="REQUEST",
    )


def booking_changed_send(*, booking: Booking) -> None:
    """The updated invitation (same UID, higher SEQUENCE) after the visit was moved."""
    with translation.override(booking.language):
        subject = _("Your visit has been moved: %(code)s")
    _send(
        booking,
        kind="moved",
        template="appointments/email/moved.txt",
        subject=subject,
        method="REQUEST",
    )


def booking_cancel(*, booking: Booking, reason: str = "") -> Booking:
    """Cancel a booking that has not happened yet; the citizen gets an ICS cancellation."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            return booking
        if booking.status not in (Booking.Status.HELD, Booking.Status.CONFIRMED):
            raise BookingError(_("This visit can no longer be cancelled."))
        booking.status = Booking.Status.CANCELLED
        booking.seat = None
        booking.cancelled_at = timezone.now()
        booking.cancel_reason = reason[:500]
        booking.sequence += 1
        booking.save(update_fields=["status", "seat", "cancelled_at", "cancel_reason", "sequence"])
        agendas_changed([booking.agenda_id])
        seat_released()
        with translation.override(booking.language):
            subject = _("Your visit is cancelled: %(code)s")
        _send(
            booking,
            kind="cancelled",
            template="appointments/email/cancelled.txt",
            subject=subject,
            method="CANCEL",
        )
    return booking
