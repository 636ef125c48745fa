"""iCalendar components of an official's own copy of their meetings, visits and tasks.

No ATTENDEE lists: the copy goes to the official's calendar server or any subscribing
application, so it names no one but the organiser of a meeting.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Component, Event, Todo, vCalAddress, vText, vUri

from collab_service.appointments.models import Booking
from collab_service.appointments.services.ics import booking_uid
from collab_service.meetings.models import Meeting
from collab_service.meetings.services.invitations import meeting_uid
from collab_service.tasks.models import Task

PRODID = "-//SZPoN//Calendar//PL"

_TODO_STATUS = {
    Task.Status.OPEN: "NEEDS-ACTION",
    Task.Status.IN_PROGRESS: "IN-PROCESS",
    Task.Status.DONE: "COMPLETED",
    Task.Status.CANCELLED: "CANCELLED",
}


def task_uid(task: Task) -> str:
    return f"task-{task.uid}@szpon"


def _absolute(path: str) -> str:
    return settings.PUBLIC_URL + path


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def new_calendar() -> Calendar:
    """A VCALENDAR without METHOD: what a CalDAV server stores (RFC 4791 4.1)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    return calendar


def finish(calendar: Calendar, dates: list[date]) -> str:
    """Add the VTIMEZONEs the components' TZIDs need, covering only the years they use."""
    if dates:
        first, last = min(dates), max(dates)
        calendar.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1)
        )
    return calendar.to_ical().decode()


def _common(component: Component, *, uid: str, sequence: int, modified: datetime | None) -> None:
    component.add("uid", uid)
    component.add("sequence", sequence)
    component.add("dtstamp", _utc(timezone.now()))
    if modified is not None:
        component.add("last-modified", _utc(modified))


def _conference(component: Component, link: str) -> None:
    component.add(
        "conference",
        vUri(link),
        parameters={"VALUE": "URI", "FEATURE": "AUDIO,VIDEO", "LABEL": _("Join the call")},
    )


def meeting_event(meeting: Meeting) -> Event:
    """The meeting as an invitee with an account keeps it: same UID as the invitation."""
    tz = ZoneInfo(meeting.institution.time_zone)
    join = _absolute(reverse("meetings:join", args=[meeting.pk]))
    page = _absolute(reverse("meetings:detail", args=[meeting.pk]))
    event = Event()
    _common(event, uid=meeting_uid(meeting), sequence=meeting.sequence, modified=meeting.updated_at)
    event.add("created", _utc(meeting.created_at))
    event.add("dtstart", timezone.localtime(meeting.start, tz))
    event.add("dtend", timezone.localtime(meeting.end, tz))
    event.add("summary", meeting.title)
    event.add("description", f"{meeting.description}\n\n{page}".strip())
    event.add("location", vText(_("Video meeting")))
    event.add("url", vUri(join))
    _conference(event, join)
    organiser = meeting.organiser
    if organiser.email:
        organizer = vCalAddress(f"mailto:{organiser.email}")
        organizer.params["cn"] = vText(organiser.display_name)
        event.add("organizer", organizer)
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _booking_modified(booking: Booking) -> datetime:
    moments = [
        booking.created_at,
        booking.confirmed_at,
        booking.rescheduled_at,
        booking.checked_in_at,
        booking.cancelled_at,
    ]
    return max(m for m in moments if m is not None)


def _booking_location(booking: Booking) -> str:
    if booking.mode == "video":
        return _("Video call")
    if booking.location is None:
        return ""
    location = booking.location
    parts = (location.name, location.room, location.street_address, location.city)
    return ", ".join(part for part in parts if part)


def booking_event(booking: Booking) -> Event:
    """A visit in the official's agenda: same UID as the citizen's invitation, no personal data
    beyond the reference code."""
    tz = ZoneInfo(booking.institution.time_zone)
    day = timezone.localtime(booking.start, tz).date()
    desk = _absolute(f"{reverse('desk:agenda')}?agenda={booking.agenda_id}&day={day.isoformat()}")
    event = Event()
    _common(
        event,
        uid=booking_uid(booking),
        sequence=booking.sequence,
        modified=_booking_modified(booking),
    )
    event.add("created", _utc(booking.created_at))
    event.add("dtstart", timezone.localtime(booking.start, tz))
    event.add("dtend", timezone.localtime(booking.end, tz))
    summary = _("Visit: %(case)s (%(code)s)") % {
        "case": booking.case_type.name,
        "code": booking.reference_code,
    }
    event.add("summary", summary)
    lines = [booking.get_status_display(), desk]
    url = desk
    if booking.mode == "video":
        url = _absolute(reverse("meetings:visit_join", args=[booking.pk]))
        _conference(event, url)
        lines.insert(1, url)
    event.add("description", "\n".join(lines))
    where = _booking_location(booking)
    if where:
        event.add("location", vText(where))
    event.add("url", vUri(url))
    event.add("status", "CANCELLED" if booking.status == Booking.Status.CANCELLED else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _task_moment(task: Task, value: datetime, tz: ZoneInfo) -> date | datetime:
    local = timezone.localtime(value, tz)
    return local.date() if task.all_day else local


def task_todo(task: Task, *, url: str = "") -> Todo:
    """A task as a VTODO; one occurrence, never an RRULE (each occurrence is its own task)."""
    tz = ZoneInfo(task.task_list.institution.time_zone)
    todo = Todo()
    _common(todo, uid=task_uid(task), sequence=task.sequence, modified=task.updated_at)
    todo.add("created", _utc(task.created_at))
    todo.add("summary", task.title)
    link = _absolute(url) if url else ""
    description = f"{task.description}\n\n{link}".strip()
    if description:
        todo.add("description", description)
    if link:
        todo.add("url", vUri(link))
    todo.add("categories", [task.task_list.name])
    due = _task_moment(task, task.due_at, tz) if task.due_at else None
    start = _task_moment(task, task.start_at, tz) if task.start_at else None
    # DUE must come after DTSTART (RFC 5545 3.8.2.3); a one-day task keeps only its DUE.
    if start is not None and (due is None or start < due):
        todo.add("dtstart", start)
    if due is not None:
        todo.add("due", due)
    if task.priority:
        todo.add("priority", task.priority)
    todo.add("status", _TODO_STATUS[task.status])
    if task.status == Task.Status.DONE:
        todo.add("completed", _utc(task.completed_at or task.updated_at))
        todo.add("percent-complete", 100)
    if task.reminder_minutes is not None and due is not None and not task.is_closed:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", task.title)
        alarm.add(
            "trigger", timedelta(minutes=-task.reminder_minutes), parameters={"RELATED": "END"}
        )
        todo.add_component(alarm)
    return todo


def component_dates(component: Component) -> list[date]:
    """The days a component's times fall on, for the VTIMEZONE range."""
    days = []
    for name in ("dtstart", "dtend", "due"):
        if name in component:
            value = component.decoded(name)
            days.append(value.date() if isinstance(value, datetime) else value)
    return days
