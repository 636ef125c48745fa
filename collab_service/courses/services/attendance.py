"""A learner's own attendance at course meetings, counted as the meetings app's report does."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from collab_service.accounts.models import User
from collab_service.courses.models import CourseMeeting
from collab_service.meetings.models import AttendanceSession, Participant
from collab_service.meetings.services.attendance_report import (
    participant_seconds,
    rounded_minutes,
)


@dataclass(frozen=True)
class MyAttendance:
    minutes: int
    completed: bool


_ABSENT = MyAttendance(minutes=0, completed=False)


def my_attendances(
    *, course_meetings: Sequence[CourseMeeting], user: User, now: datetime | None = None
) -> dict[int, MyAttendance]:
    """For each course meeting (by its id): the minutes the person spent in the room
    (overlapping stays count once) and whether they reach the block's completion minutes;
    with 0 completion minutes any presence counts.

    Two queries whatever the number of meetings: the person's invitations, then their stays.
    """
    meeting_ids = [course_meeting.meeting_id for course_meeting in course_meetings]
    participant_of = dict(
        Participant.objects.filter(meeting_id__in=meeting_ids, user=user).values_list(
            "meeting_id", "pk"
        )
    )
    stays_of: dict[UUID, list[AttendanceSession]] = {}
    if participant_of:
        stays = AttendanceSession.objects.filter(participant_id__in=participant_of.values())
        for stay in stays:
            stays_of.setdefault(stay.participant_id, []).append(stay)

    answer = {}
    for course_meeting in course_meetings:
        stays = stays_of.get(participant_of.get(course_meeting.meeting_id), [])
        seconds = participant_seconds(meeting=course_meeting.meeting, stays=stays, now=now)
        minutes = rounded_minutes(seconds)
        answer[course_meeting.pk] = (
            MyAttendance(minutes=minutes, completed=minutes >= course_meeting.completion_minutes)
            if seconds > 0
            else _ABSENT
        )
    return answer
