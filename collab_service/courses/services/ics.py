"""The public calendar file of a course meeting: its time and a link back to the course, no
people and no addresses."""

from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Event, vUri

from collab_service.calendars.components import component_dates, finish, new_calendar
from collab_service.courses.models import CourseMeeting
from collab_service.meetings.models import Meeting
from collab_service.meetings.services.invitations import meeting_uid


def course_link(course_meeting: CourseMeeting) -> str:
    """The block in the LMS (its jump_to address), or "" when the LMS address is not set."""
    if not settings.LMS_URL:
        return ""
    course = quote(course_meeting.course_id, safe=":+@")
    block = quote(course_meeting.block_id, safe=":+@")
    return f"{settings.LMS_URL}/courses/{course}/jump_to/{block}"


def course_meeting_ics(*, course_meeting: CourseMeeting) -> str:
    """A VCALENDAR with the meeting's VEVENT (same UID as its invitations); an on-demand
    meeting nobody has started yet has no time, so its calendar is empty."""
    meeting = course_meeting.meeting
    calendar = new_calendar()
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", meeting.title)
    if (
        course_meeting.schedule == CourseMeeting.Schedule.ON_DEMAND
        and course_meeting.started_at is None
    ):
        return finish(calendar, [])
    tz = ZoneInfo(meeting.institution.time_zone)
    link = course_link(course_meeting)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", timezone.localtime(meeting.start, tz))
    event.add("dtend", timezone.localtime(meeting.end, tz))
    event.add("summary", meeting.title)
    if link:
        event.add("description", link)
        event.add("url", vUri(link))
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return finish(calendar, component_dates(event))
