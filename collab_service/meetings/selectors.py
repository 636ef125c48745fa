"""Reads for meetings: what a person may see (their own meetings, as organiser or invitee),
and the meeting of a Jitsi room."""

import re

from django.db.models import Q, QuerySet

from collab_service.accounts.models import User
from collab_service.meetings.models import Meeting, Participant


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    """Meetings the person organises or is (still) invited to."""
    return (
        Meeting.objects.filter(
            Q(organiser=user) | Q(participants__user=user, participants__revoked_at__isnull=True)
        )
        .distinct()
        .select_related("institution", "organiser", "unit")
    )


def participant_of(user: User, meeting: Meeting) -> Participant | None:
    return (
        meeting.participants.filter(user=user, revoked_at__isnull=True)
        .select_related("meeting__institution")
        .first()
    )


def can_manage(user: User, meeting: Meeting) -> bool:
    """Organisers and co-organisers change the meeting, its people and see attendance."""
    participant = participant_of(user, meeting)
    return participant is not None and participant.is_moderator


def meeting_participants(meeting: Meeting) -> QuerySet[Participant]:
    return meeting.participants.select_related("user").order_by("revoked_at", "role", "name")


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
