"""Attendance from Jitsi's event sync: the meeting's room opening and closing, people coming and
going.

Event sync retries, so any event may come twice; events may also come out of order (a leave
before its join) or race each other. A stay is identified by (meeting, occupant JID, joined_at):
it is created at most once, whichever event brings it first (the unique constraint settles a
race), and afterwards only closed, never reopened or moved.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from collab_service.meetings.models import AttendanceSession, Meeting, Participant

_NAME_MAX = AttendanceSession._meta.get_field("name").max_length
_BREAKOUT_MAX = AttendanceSession._meta.get_field("breakout_room").max_length


@dataclass(frozen=True)
class Occupant:
    """One occupant as event sync reports it.

    ``id``, ``name`` and ``email`` come from the room token's ``context.user``: ``id`` is the
    ``Participant`` the token was issued to.
    """

    jid: str
    joined_at: datetime
    left_at: datetime | None = None
    name: str = ""
    id: str = ""
    email: str = ""


def room_created_record(*, meeting: Meeting, created_at: datetime, breakout_room: str = "") -> None:
    """Remember when the meeting's room was last opened; a breakout room's opening changes
    nothing."""
    if not breakout_room:
        _keep_latest(meeting, "room_created_at", created_at)


def room_destroyed_record(
    *,
    meeting: Meeting,
    created_at: datetime,
    destroyed_at: datetime,
    occupants: Sequence[Occupant],
    breakout_room: str = "",
) -> None:
    """Close every stay the room saw, creating those whose own events were lost; for the main
    room also remember when it was opened and closed.

    An occupant still inside when the room went away left at ``destroyed_at``.
    """
    for occupant in occupants:
        _stay_close(
            meeting=meeting,
            occupant=occupant,
            left_at=occupant.left_at or destroyed_at,
            breakout_room=breakout_room,
        )
    if not breakout_room:
        _keep_latest(meeting, "room_created_at", created_at)
        _keep_latest(meeting, "room_destroyed_at", destroyed_at)


def occupant_joined_record(
    *, meeting: Meeting, occupant: Occupant, breakout_room: str = ""
) -> AttendanceSession:
    """Open the occupant's stay; if its leave came first, the stay is already there, closed."""
    stay, _created = _stay_get_or_create(
        meeting=meeting, occupant=occupant, left_at=None, breakout_room=breakout_room
    )
    return stay


def occupant_left_record(
    *, meeting: Meeting, occupant: Occupant, breakout_room: str = ""
) -> AttendanceSession:
    """Close the occupant's stay at ``occupant.left_at`` (creating it if its join was lost)."""
    if occupant.left_at is None:
        raise ValueError("a leaving occupant has left_at")
    return _stay_close(
        meeting=meeting, occupant=occupant, left_at=occupant.left_at, breakout_room=breakout_room
    )


def _stay_close(
    *, meeting: Meeting, occupant: Occupant, left_at: datetime, breakout_room: str
) -> AttendanceSession:
    stay, created = _stay_get_or_create(
        meeting=meeting, occupant=occupant, left_at=left_at, breakout_room=breakout_room
    )
    if not created and stay.left_at is None:
        # Conditional, so a replay or a racing event never moves a leave already recorded.
        if AttendanceSession.objects.filter(pk=stay.pk, left_at__isnull=True).update(
            left_at=left_at
        ):
            stay.left_at = left_at
        else:
            stay.refresh_from_db(fields=["left_at"])
    return stay


def _stay_get_or_create(
    *, meeting: Meeting, occupant: Occupant, left_at: datetime | None, breakout_room: str
) -> tuple[AttendanceSession, bool]:
    participant = _participant(meeting, occupant.id)
    name = occupant.name or (participant.name if participant else "")
    # get_or_create inserts in a savepoint; when another request inserted the same stay first,
    # the unique constraint fails the insert (IntegrityError) and it reads that row instead. The
    # re-read sees the other row because nothing here runs inside a longer transaction and both
    # databases read committed data (Django sets READ COMMITTED on MariaDB).
    return AttendanceSession.objects.get_or_create(
        meeting=meeting,
        occupant_jid=occupant.jid,
        joined_at=occupant.joined_at,
        defaults={
            "participant": participant,
            "name": name[:_NAME_MAX],
            "left_at": left_at,
            "breakout_room": breakout_room[:_BREAKOUT_MAX],
        },
    )


def _participant(meeting: Meeting, occupant_id: str) -> Participant | None:
    """The invited person the room token was issued to, if the id is one of this meeting's."""
    try:
        pk = uuid.UUID(occupant_id)
    except ValueError:
        return None
    return Participant.objects.filter(meeting=meeting, pk=pk).first()


def _keep_latest(meeting: Meeting, field: str, moment: datetime) -> None:
    """Set ``field`` to ``moment`` unless a later moment is already there (replays and events
    out of order leave the newest)."""
    newer = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": moment})
    if Meeting.objects.filter(newer, pk=meeting.pk).update(**{field: moment}):
        setattr(meeting, field, moment)
