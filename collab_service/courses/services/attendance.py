"""A learner's own attendance at a course meeting, from the meetings app's report."""

from dataclasses import dataclass
from datetime import datetime

from collab_service.accounts.models import User
from collab_service.courses.models import CourseMeeting
from collab_service.meetings.services.attendance_report import attendance_report


@dataclass(frozen=True)
class MyAttendance:
    minutes: int
    completed: bool


def my_attendance(
    *, course_meeting: CourseMeeting, user: User, now: datetime | None = None
) -> MyAttendance:
    """Minutes the person spent in the room (overlapping stays count once) and whether they
    reach the block's completion minutes; with 0 completion minutes any presence counts."""
    meeting = course_meeting.meeting
    participant_id = meeting.participants.filter(user=user).values_list("pk", flat=True).first()
    if participant_id is None:
        return MyAttendance(minutes=0, completed=False)
    rows = attendance_report(meeting=meeting, now=now)
    row = next((r for r in rows if r.participant_id == participant_id), None)
    if row is None or row.seconds <= 0:
        return MyAttendance(minutes=0, completed=False)
    return MyAttendance(
        minutes=row.minutes, completed=row.minutes >= course_meeting.completion_minutes
    )
