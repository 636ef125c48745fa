"""The seam through which video bookings get their meeting (supplied by the meetings feature).

Until a provider is configured (``COLLAB_BOOKING_VIDEO_PROVIDER``, a class path), video visits
are not offered: citizens can only book in person.
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
