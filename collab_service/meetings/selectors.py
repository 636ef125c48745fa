"""Reads for meetings."""

import re

from collab_service.meetings.models import Meeting

_TENANT = re.compile(r"^\[[^\]]*\]")


def room_name_bare(room_name: str) -> str:
    """The room's own name from what Prosody reports: lower-case, without the ``[tenant]``
    prefix a multi-tenant deployment puts in front of it."""
    return _TENANT.sub("", room_name.strip(), count=1).strip().lower()


def meeting_by_room(*, room_name: str) -> Meeting | None:
    """The meeting holding a Jitsi room, whatever the case Jitsi reports the name in.

    Our room names are lower-case, so the exact look-up (on the unique index) finds them; the
    case-insensitive one is only a fallback for names set otherwise.
    """
    name = room_name_bare(room_name)
    if not name:
        return None
    meetings = Meeting.objects.select_related("institution", "organiser")
    return (
        meetings.filter(room_name=name).first() or meetings.filter(room_name__iexact=name).first()
    )
