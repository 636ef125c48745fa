"""The iCalendar objects of an official's calendar: one per meeting, visit or task (what the
CalDAV push stores) and the subscription feed holding all of them in a window.

``source_key``, ``CalendarObject`` and ``calendar_object`` are the interface of the CalDAV push.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from icalendar import Component

from collab_service.accounts.models import User
from collab_service.appointments.models import Booking
from collab_service.calendars import selectors
from collab_service.calendars.components import (
    booking_event,
    component_dates,
    finish,
    meeting_event,
    new_calendar,
    task_todo,
)
from collab_service.meetings.models import Meeting
from collab_service.tasks.models import Task

FEED_REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class CalendarObject:
    uid: str
    component: str  # "VEVENT" or "VTODO"
    ics: str


def source_key(obj: Meeting | Booking | Task) -> str:
    """``meeting:<pk>``, ``booking:<uuid>`` or ``task:<pk>``: what the push outbox records."""
    if isinstance(obj, Meeting):
        return f"meeting:{obj.pk}"
    if isinstance(obj, Booking):
        return f"booking:{obj.pk}"
    if isinstance(obj, Task):
        return f"task:{obj.pk}"
    raise TypeError(f"no calendar source for {type(obj).__name__}")


def _meeting(key: str, user: User) -> Meeting | None:
    if not key.isdigit():
        return None
    return selectors.meetings_in_calendar(user).filter(pk=int(key)).first()


def _booking(key: str, user: User) -> Booking | None:
    try:
        pk = uuid.UUID(key)
    except ValueError:
        return None
    return selectors.bookings_in_calendar(user).filter(pk=pk).first()


def _task(key: str, user: User) -> Task | None:
    if not key.isdigit():
        return None
    return selectors.tasks_in_calendar(user).filter(pk=int(key)).first()


def _component(source: str, user: User) -> Component | None:
    kind, _sep, key = source.partition(":")
    if kind == "meeting" and (meeting := _meeting(key, user)) is not None:
        return meeting_event(meeting)
    if kind == "booking" and (booking := _booking(key, user)) is not None:
        return booking_event(booking)
    if kind == "task" and (task := _task(key, user)) is not None:
        return task_todo(task, url=selectors.task_url(task))
    return None


def calendar_object(*, source: str, user: User) -> CalendarObject | None:
    """The object as this user's calendar should hold it, or None when it should hold none:
    gone, cancelled, their invitation withdrawn, the visit not (or no longer) in their agenda,
    the task no longer theirs. A video visit's meeting is None: the visit stands for it.

    Tasks without dates are objects too (a task calendar shows them); the feed leaves them out.
    """
    component = _component(source, user)
    if component is None:
        return None
    calendar = new_calendar()
    calendar.add_component(component)
    ics = finish(calendar, component_dates(component))
    return CalendarObject(uid=str(component["uid"]), component=component.name, ics=ics)


def feed_ics(*, user: User, start: datetime, end: datetime) -> str:
    """One VCALENDAR of the user's meetings, visits and dated tasks overlapping [start, end)."""
    sources = selectors.calendar_sources(user=user, start=start, end=end)
    calendar = new_calendar()
    name = _("SZPoN – %(name)s") % {"name": user.display_name}
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("x-wr-timezone", str(selectors.user_time_zone(user)))
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    components = (
        [meeting_event(m) for m in sources.meetings]
        + [booking_event(b) for b in sources.bookings]
        + [task_todo(t, url=selectors.task_url(t)) for t in sources.tasks]
    )
    dates = []
    for component in components:
        calendar.add_component(component)
        dates += component_dates(component)
    return finish(calendar, dates)
