"""When a meeting's room may be entered: from a little before its start to a while after its end."""

from datetime import datetime, timedelta

from django.conf import settings

from collab_service.meetings.models import Meeting


def join_window(meeting: Meeting) -> tuple[datetime, datetime]:
    """The first and the last moment anyone may join (settings give the grace on each side)."""
    return (
        meeting.start - timedelta(minutes=settings.MEETINGS_JOIN_EARLY_MINUTES),
        meeting.end + timedelta(minutes=settings.MEETINGS_JOIN_LATE_MINUTES),
    )


def is_open_at(meeting: Meeting, moment: datetime) -> bool:
    opens, closes = join_window(meeting)
    return meeting.status == Meeting.Status.SCHEDULED and opens <= moment <= closes
