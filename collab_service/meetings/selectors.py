"""Reads scoped to what a person may see: their own meetings, as organiser or invitee."""

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
