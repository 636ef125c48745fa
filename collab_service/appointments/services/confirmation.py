"""Double opt-in: the citizen confirms a held booking from a signed link sent by e-mail."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from collab_service.appointments.errors import BookingError
from collab_service.appointments.models import Booking
from collab_service.appointments.services.manage import booking_confirmed_send
from collab_service.notifications.services import email_enqueue

_SALT = "appointments.confirm"


def _longest_hold_minutes() -> int:
    return max(settings.BOOKING_HOLD_MINUTES, settings.BOOKING_WAITLIST_OFFER_MINUTES)


def confirmation_token(booking: Booking) -> str:
    return signing.dumps(str(booking.pk), salt=_SALT)


def confirmation_url(booking: Booking) -> str:
    return settings.PUBLIC_URL + reverse("appointments:confirm", args=[confirmation_token(booking)])


def confirmation_request_send(*, booking: Booking) -> None:
    link = confirmation_url(booking)
    with translation.override(booking.language):
        subject = _("Confirm your visit: %(code)s") % {"code": booking.reference_code}
        body = render_to_string(
            "appointments/email/confirm_request.txt",
            {"booking": booking, "link": link, "minutes": settings.BOOKING_HOLD_MINUTES},
        )
    email_enqueue(
        idempotency_key=f"booking-confirm-request:{booking.pk}",
        to=[booking.citizen_email],
        subject=subject,
        body_text=body,
    )


def booking_from_token(token: str) -> Booking:
    try:
        booking_id = signing.loads(token, salt=_SALT, max_age=_longest_hold_minutes() * 60 + 3600)
        return Booking.objects.select_related("case_type", "institution").get(pk=booking_id)
    except (signing.BadSignature, Booking.DoesNotExist, ValueError) as exc:
        raise BookingError(_("This confirmation link is not valid.")) from exc


def booking_confirm(*, booking: Booking) -> Booking:
    """Confirm a held booking; confirming twice is harmless, an expired hold is refused."""
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status == Booking.Status.CONFIRMED:
            return booking
        if booking.status != Booking.Status.HELD or booking.hold_expires_at < timezone.now():
            raise BookingError(
                _(
                    "This booking was not confirmed in time and the time was released. "
                    "Please book again."
                )
            )
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = timezone.now()
        booking.hold_expires_at = None
        booking.save(update_fields=["status", "confirmed_at", "hold_expires_at"])
        booking_confirmed_send(booking=booking)
    return booking
