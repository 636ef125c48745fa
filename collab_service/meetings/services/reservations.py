"""Jitsi's reservation API (Prosody's mod_reservations): Prosody asks before it creates a room,
and a meeting's room may be created only while its join window is open.

Prosody keeps the room until ``start_time + duration`` and then closes it, so the duration
runs to the end of the join window. A refusal's message is shown to the person trying to join.
"""

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from collab_service.meetings.errors import ReservationRefused
from collab_service.meetings.models import Meeting
from collab_service.meetings.selectors import meeting_by_room
from collab_service.meetings.services.window import is_open_at, join_window


@dataclass(frozen=True)
class Reservation:
    """The answer Prosody expects: ``id`` is the meeting's, ``duration`` in seconds."""

    id: int
    name: str
    mail_owner: str
    start_time: datetime
    duration: int


def conference_reserve(*, room_name: str, mail_owner: str, now: datetime) -> Reservation:
    """Allow Prosody to create the room now, or raise ``ReservationRefused`` saying why.

    The answer names the room as asked: Prosody checks it against its own name for the room,
    which carries the ``[tenant]`` prefix on a multi-tenant deployment.
    """
    meeting = meeting_by_room(room_name=room_name)
    if meeting is None:
        raise ReservationRefused(
            _("There is no meeting in this room. Join meetings through their invitation link."),
            reason="unknown",
        )
    reservation = conference_check(meeting=meeting, mail_owner=mail_owner, now=now)
    return replace(reservation, name=room_name)


def conference_check(*, meeting: Meeting, mail_owner: str, now: datetime) -> Reservation:
    """The reservation of a meeting's room as of ``now``; ``ReservationRefused`` when the
    meeting is cancelled or outside its join window."""
    if not is_open_at(meeting, now):
        raise _refusal(meeting, now)
    _opens, closes = join_window(meeting)
    start = now.astimezone(UTC).replace(microsecond=0)
    return Reservation(
        id=meeting.pk,
        name=meeting.room_name,
        mail_owner=mail_owner or meeting.organiser.email,
        start_time=start,
        duration=max(0, int((closes - start).total_seconds())),
    )


def _refusal(meeting: Meeting, now: datetime) -> ReservationRefused:
    """Why the room may not open, in the meeting's language."""
    with translation.override(meeting.language):
        if meeting.status == Meeting.Status.CANCELLED:
            return ReservationRefused(_("This meeting has been cancelled."), reason="cancelled")
        opens, _closes = join_window(meeting)
        if now < opens:
            tz = ZoneInfo(meeting.institution.time_zone)
            message = _(
                "This meeting has not started yet: it starts at %(start)s (%(zone)s) and its "
                "room opens %(minutes)d minutes before."
            ) % {
                "start": timezone.localtime(meeting.start, tz).strftime("%Y-%m-%d %H:%M"),
                "zone": meeting.institution.time_zone,
                "minutes": settings.MEETINGS_JOIN_EARLY_MINUTES,
            }
            return ReservationRefused(message, reason="early")
        return ReservationRefused(_("This meeting has ended."), reason="ended")
