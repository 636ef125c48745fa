"""The seam through which video bookings get their meeting (supplied by the meetings app).

``COLLAB_BOOKING_VIDEO_PROVIDER`` names the class; set it empty and video visits are not offered:
citizens can only book in person.
"""

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from collab_service.appointments.models import Booking


class VideoMeetingProvider(Protocol):
    def meeting_for_booking(self, booking: Booking) -> str:
        """Create (or return) the meeting of a video booking; returns the citizen's join link."""


def video_provider() -> VideoMeetingProvider | None:
    path = settings.BOOKING_VIDEO_PROVIDER
    return import_string(path)() if path else None


def booking_join_url(booking: Booking) -> str:
    """The citizen's link into the video call of a video booking, else ""."""
    provider = video_provider()
    if booking.mode != booking.case_type.Mode.VIDEO or provider is None:
        return ""
    return provider.meeting_for_booking(booking)


def visit_join_url(booking: Booking) -> str:
    """The join link to show the citizen: only while the video visit stands."""
    if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN):
        return ""
    return booking_join_url(booking)
