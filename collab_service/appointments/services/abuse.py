"""Limits on anonymous booking: per client address and per e-mail, counted in Redis."""

from django.conf import settings
from django.utils.translation import gettext as _

from collab_service.appointments.errors import BookingError
from collab_service.core.ratelimit import rate_limit_exceeded

HOUR, DAY = 3600, 86400


class TooManyAttempts(BookingError):
    status_code = 429
    code = "throttled"


def booking_attempt_allow(*, client: str, email: str) -> None:
    """Raise TooManyAttempts when this address or e-mail has booked too often lately."""
    if rate_limit_exceeded(
        scope="booking-client",
        key=client,
        limit=settings.BOOKING_LIMIT_PER_CLIENT_HOUR,
        window_seconds=HOUR,
    ) or rate_limit_exceeded(
        scope="booking-email",
        key=email,
        limit=settings.BOOKING_LIMIT_PER_EMAIL_DAY,
        window_seconds=DAY,
    ):
        raise TooManyAttempts(_("Too many booking attempts. Please try again later."))


def lookup_attempt_allow(*, client: str, reference_code: str = "") -> None:
    """Raise TooManyAttempts when this address, or anyone for this code, looked up too often.

    The limit per code stops guessing the e-mail of a known code from many addresses.
    """
    if rate_limit_exceeded(
        scope="booking-lookup",
        key=client,
        limit=settings.BOOKING_LIMIT_LOOKUPS_PER_CLIENT_HOUR,
        window_seconds=HOUR,
    ) or (
        reference_code
        and rate_limit_exceeded(
            scope="booking-lookup-code",
            key=reference_code.strip().upper(),
            limit=settings.BOOKING_LIMIT_LOOKUPS_PER_CODE_HOUR,
            window_seconds=HOUR,
        )
    ):
        raise TooManyAttempts(_("Too many attempts. Please try again later."))
