"""Reads for an official's calendar: their meetings, visits and dated tasks in a window."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.accounts.models import User
from collab_service.appointments.models import Agenda, Booking
from collab_service.institutions.models import Institution
from collab_service.meetings.models import Meeting
from collab_service.tasks.models import Task

# Visits that stand or stood: not waiting for the citizen's confirmation, not called off.
BOOKING_SHOWN = (
    Booking.Status.CONFIRMED,
    Booking.Status.CHECKED_IN,
    Booking.Status.DONE,
    Booking.Status.NO_SHOW,
)
# A video visit's meeting is shown (and pushed) as its visit, not a second time as a meeting.
BOOKING_MEETING_PREFIX = "booking:"


@dataclass(frozen=True)
class CalendarEntry:
    """One thing in an official's calendar, ready to show; ``end`` is None for a task that is
    only due (or only starts) at one moment."""

    kind: str  # "meeting" | "booking" | "task"
    source: str  # "meeting:<pk>", "booking:<uuid>", "task:<pk>" (see ics.source_key)
    title: str
    start: datetime
    end: datetime | None
    all_day: bool
    url: str
    extra: str
    status: str
    status_label: str
    due: datetime | None = None  # a task's due moment


@dataclass(frozen=True)
class CalendarSources:
    meetings: list[Meeting]
    bookings: list[Booking]
    tasks: list[Task]


def user_time_zone(user: User) -> ZoneInfo:
    """The zone of the official's agenda's institution, else of their first institution."""
    agenda = Agenda.objects.filter(official=user).select_related("institution").first()
    if agenda is not None:
        return ZoneInfo(agenda.institution.time_zone)
    zone = (
        Institution.objects.filter(memberships__user=user)
        .order_by("name")
        .values_list("time_zone", flat=True)
        .first()
    )
    return ZoneInfo(zone or settings.TIME_ZONE)


def meetings_in_calendar(user: User):
    """Meetings the person is still invited to with their account, not called off."""
    return (
        Meeting.objects.filter(participants__user=user, participants__revoked_at__isnull=True)
        .exclude(status=Meeting.Status.CANCELLED)
        .exclude(source__startswith=BOOKING_MEETING_PREFIX)
        .select_related("institution", "organiser")
    )


def bookings_in_calendar(user: User):
    """Standing or held visits in the agenda the person is the official of."""
    return Booking.objects.filter(agenda__official=user, status__in=BOOKING_SHOWN).select_related(
        "institution", "case_type", "location", "agenda"
    )


def tasks_in_calendar(user: User):
    """Tasks assigned to the person or on their personal lists, not cancelled."""
    assigned = Task.assignees.through.objects.filter(user=user).values("task_id")
    return (
        Task.objects.filter(Q(pk__in=assigned) | Q(task_list__owner=user))
        .exclude(status=Task.Status.CANCELLED)
        .select_related("task_list__institution")
    )


def calendar_sources(*, user: User, start: datetime, end: datetime) -> CalendarSources:
    """What overlaps [start, end): three queries whatever the counts."""
    meetings = meetings_in_calendar(user).filter(start__lt=end, end__gt=start).order_by("start")
    bookings = bookings_in_calendar(user).filter(start__lt=end, end__gt=start).order_by("start")
    tasks = (
        tasks_in_calendar(user)
        .annotate(first=Coalesce("start_at", "due_at"), last=Coalesce("due_at", "start_at"))
        .filter(first__lt=end, last__gte=start)
        .order_by(F("first").asc(), "pk")
    )
    return CalendarSources(list(meetings), list(bookings), list(tasks))


def task_url(task: Task) -> str:
    """The task's page, or "" while the tasks app has none."""
    try:
        return reverse("tasks:detail", args=[task.pk])
    except NoReverseMatch:
        return ""


def booking_url(booking: Booking) -> str:
    day = timezone.localtime(booking.start, ZoneInfo(booking.institution.time_zone)).date()
    return f"{reverse('desk:agenda')}?agenda={booking.agenda_id}&day={day.isoformat()}"


def _where(booking: Booking) -> str:
    if booking.mode == "video":
        return _("Video call")
    if booking.location is None:
        return ""
    return ", ".join(p for p in (booking.location.name, booking.location.room) if p)


def meeting_entry(meeting: Meeting) -> CalendarEntry:
    return CalendarEntry(
        kind="meeting",
        source=f"meeting:{meeting.pk}",
        title=meeting.title,
        start=meeting.start,
        end=meeting.end,
        all_day=False,
        url=reverse("meetings:detail", args=[meeting.pk]),
        extra=_("Organiser: %(name)s") % {"name": meeting.organiser.display_name},
        status=meeting.status,
        status_label="",
    )


def booking_entry(booking: Booking) -> CalendarEntry:
    extra = " · ".join(p for p in (booking.reference_code, _where(booking)) if p)
    return CalendarEntry(
        kind="booking",
        source=f"booking:{booking.pk}",
        title=f"{booking.case_type.name} – {booking.citizen_name}",
        start=booking.start,
        end=booking.end,
        all_day=False,
        url=booking_url(booking),
        extra=extra,
        status=booking.status,
        status_label=booking.get_status_display(),
    )


def task_entry(task: Task) -> CalendarEntry:
    start = task.start_at or task.due_at
    spans = task.start_at is not None and task.due_at is not None
    return CalendarEntry(
        kind="task",
        source=f"task:{task.pk}",
        title=task.title,
        start=start,
        end=task.due_at if spans else None,
        all_day=task.all_day,
        url=task_url(task),
        extra=task.task_list.name,
        status=task.status,
        status_label=task.get_status_display(),
        due=task.due_at,
    )


def calendar_entries(*, user: User, start: datetime, end: datetime) -> list[CalendarEntry]:
    """Everything in the official's calendar overlapping [start, end), earliest first."""
    sources = calendar_sources(user=user, start=start, end=end)
    entries = (
        [meeting_entry(m) for m in sources.meetings]
        + [booking_entry(b) for b in sources.bookings]
        + [task_entry(t) for t in sources.tasks]
    )
    return sorted(entries, key=lambda e: (e.start, not e.all_day, e.kind, e.title))
