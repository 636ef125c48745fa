from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from collab_service.appointments.models import Booking, CaseType
from collab_service.appointments.services.ics import booking_uid
from collab_service.calendars.ics import calendar_object, feed_ics, source_key
from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.services.invitations import meeting_uid
from collab_service.tasks.models import Task
from tests.collab_service.calendars.factories import BookingFactory
from tests.factories import MeetingFactory, ParticipantFactory, TaskFactory, TaskListFactory

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
START = datetime(2026, 6, 10, 9, 0, tzinfo=WARSAW)


def parsed(ics: str):
    calendar = Calendar.from_ical(ics)
    assert "METHOD" not in calendar
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert "ATTENDEE" not in ics
    components = [c for c in calendar.subcomponents if c.name in ("VEVENT", "VTODO")]
    assert len(components) == 1
    tzids = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    return calendar, components[0], tzids


def my_list(office):
    return TaskListFactory(institution=office.tenant.institution, owner=office.official)


def test_source_keys(office):
    meeting = MeetingFactory(organiser=office.official)
    booking = BookingFactory(agenda=office.agenda)
    task = TaskFactory(task_list=my_list(office), due_at=START)

    assert source_key(meeting) == f"meeting:{meeting.pk}"
    assert source_key(booking) == f"booking:{booking.pk}"
    assert source_key(task) == f"task:{task.pk}"
    with pytest.raises(TypeError):
        source_key(office.official)


def test_meeting_object(office):
    meeting = MeetingFactory(
        organiser=office.colleague, start=START, end=START + timedelta(hours=1), sequence=3
    )
    ParticipantFactory(
        meeting=meeting, user=office.official, email=office.official.email, role="member"
    )
    ParticipantFactory(meeting=meeting, email="guest@example.org")

    obj = calendar_object(source=f"meeting:{meeting.pk}", user=office.official)

    assert obj.uid == meeting_uid(meeting)
    assert obj.component == "VEVENT"
    _calendar, event, tzids = parsed(obj.ics)
    assert tzids == {"Europe/Warsaw"}
    assert str(event["UID"]) == meeting_uid(meeting)
    assert event["SEQUENCE"] == 3
    assert event.decoded("DTSTART") == START
    assert event["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert event.decoded("DTEND") == START + timedelta(hours=1)
    assert "DTSTAMP" in event
    assert "LAST-MODIFIED" in event
    assert str(event["SUMMARY"]) == meeting.title
    assert str(event["URL"]) == f"http://testserver/meetings/{meeting.pk}/join/"
    assert f"/meetings/{meeting.pk}/" in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == f"mailto:{office.colleague.email}"
    assert "guest@example.org" not in obj.ics


def test_meeting_object_is_none_when_not_mine_any_more(office):
    meeting = MeetingFactory(organiser=office.colleague, start=START)
    mine = ParticipantFactory(
        meeting=meeting, user=office.official, email=office.official.email, role="member"
    )
    source = f"meeting:{meeting.pk}"
    assert calendar_object(source=source, user=office.official) is not None
    assert calendar_object(source=source, user=office.tenant.manager) is None

    Participant.objects.filter(pk=mine.pk).update(revoked_at=timezone.now())
    assert calendar_object(source=source, user=office.official) is None

    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    assert calendar_object(source=source, user=office.colleague) is None

    meeting.delete()
    assert calendar_object(source=source, user=office.colleague) is None


def test_a_video_visits_meeting_has_no_object_of_its_own(office):
    booking = BookingFactory(agenda=office.agenda)
    meeting = MeetingFactory(organiser=office.official, source=f"booking:{booking.pk}")

    assert calendar_object(source=f"meeting:{meeting.pk}", user=office.official) is None


@pytest.mark.parametrize(
    "source", ["", "meeting:", "meeting:abc", "booking:not-a-uuid", "task:1x", "other:1", "x"]
)
def test_malformed_sources_have_no_object(office, source):
    assert calendar_object(source=source, user=office.official) is None


def test_booking_object_keeps_the_citizen_out(office):
    booking = BookingFactory(agenda=office.agenda, start=START, end=START + timedelta(minutes=30))
    Booking.objects.filter(pk=booking.pk).update(sequence=2)

    obj = calendar_object(source=f"booking:{booking.pk}", user=office.official)

    assert obj.uid == booking_uid(booking)
    _calendar, event, tzids = parsed(obj.ics)
    assert tzids == {"Europe/Warsaw"}
    assert event["SEQUENCE"] == 2
    assert booking.reference_code in str(event["SUMMARY"])
    assert "Sala obsługi" in str(event["LOCATION"])
    assert str(event["URL"]).startswith("http://testserver/desk/?agenda=")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Kowalski" not in obj.ics
    assert "jan@example.org" not in obj.ics
    assert "CONFERENCE" not in event


def test_video_booking_object_links_the_officials_join(office):
    booking = BookingFactory(agenda=office.agenda, mode=CaseType.Mode.VIDEO, location=None)

    _calendar, event, _tz = parsed(
        calendar_object(source=f"booking:{booking.pk}", user=office.official).ics
    )

    assert str(event["URL"]) == f"http://testserver/meetings/visit/{booking.pk}/"
    assert str(event["CONFERENCE"]) == str(event["URL"])


@pytest.mark.parametrize(
    "status", [Booking.Status.HELD, Booking.Status.CANCELLED, Booking.Status.EXPIRED]
)
def test_booking_object_is_none_unless_the_visit_stands(office, status):
    booking = BookingFactory(agenda=office.agenda, status=status)

    assert calendar_object(source=f"booking:{booking.pk}", user=office.official) is None


def test_booking_object_leaves_with_the_agenda(office):
    booking = BookingFactory(agenda=office.agenda)
    source = f"booking:{booking.pk}"
    assert calendar_object(source=source, user=office.colleague) is None

    Booking.objects.filter(pk=booking.pk).update(agenda=office.other_agenda)

    assert calendar_object(source=source, user=office.official) is None
    assert calendar_object(source=source, user=office.colleague) is not None


def test_task_object(office):
    due = datetime(2026, 6, 12, 15, 0, tzinfo=WARSAW)
    task = TaskFactory(
        task_list=my_list(office),
        title="Sprawozdanie",
        description="Kwartalne",
        start_at=due - timedelta(days=2),
        due_at=due,
        priority=Task.Priority.HIGH,
        status=Task.Status.IN_PROGRESS,
        reminder_minutes=30,
        rrule="FREQ=WEEKLY",
        sequence=4,
    )

    obj = calendar_object(source=f"task:{task.pk}", user=office.official)

    assert obj.component == "VTODO"
    assert obj.uid == f"task-{task.uid}@szpon"
    _calendar, todo, tzids = parsed(obj.ics)
    assert tzids == {"Europe/Warsaw"}
    assert todo["SEQUENCE"] == 4
    assert todo.decoded("DUE") == due
    assert todo.decoded("DTSTART") == due - timedelta(days=2)
    assert str(todo["SUMMARY"]) == "Sprawozdanie"
    assert str(todo["DESCRIPTION"]).startswith("Kwartalne")
    assert todo["PRIORITY"] == 1
    assert str(todo["STATUS"]) == "IN-PROCESS"
    assert "RRULE" not in todo
    assert "COMPLETED" not in todo
    [alarm] = todo.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-30)
    assert alarm["TRIGGER"].params["RELATED"] == "END"


def test_task_uid_is_stable_and_sequence_follows(office):
    task = TaskFactory(task_list=my_list(office), due_at=START)
    first = calendar_object(source=f"task:{task.pk}", user=office.official)
    Task.objects.filter(pk=task.pk).update(title="Zmienione", sequence=1)
    second = calendar_object(source=f"task:{task.pk}", user=office.official)

    assert first.uid == second.uid
    assert parsed(second.ics)[1]["SEQUENCE"] == 1


def test_all_day_task_has_dates(office):
    task = TaskFactory(
        task_list=my_list(office),
        all_day=True,
        start_at=datetime(2026, 6, 10, tzinfo=WARSAW),
        due_at=datetime(2026, 6, 12, tzinfo=WARSAW),
    )
    one_day = TaskFactory(
        task_list=my_list(office),
        all_day=True,
        start_at=datetime(2026, 6, 12, tzinfo=WARSAW),
        due_at=datetime(2026, 6, 12, tzinfo=WARSAW),
    )

    ics = calendar_object(source=f"task:{task.pk}", user=office.official).ics
    _calendar, todo, _tz = parsed(ics)
    assert "DUE;VALUE=DATE:20260612" in ics
    assert todo.decoded("DTSTART") == date(2026, 6, 10)
    _calendar, todo, _tz = parsed(
        calendar_object(source=f"task:{one_day.pk}", user=office.official).ics
    )
    assert todo.decoded("DUE") == date(2026, 6, 12)
    assert "DTSTART" not in todo


def test_done_task_is_completed(office):
    done_at = datetime(2026, 6, 11, 12, 0, tzinfo=WARSAW)
    task = TaskFactory(
        task_list=my_list(office),
        status=Task.Status.DONE,
        completed_at=done_at,
        due_at=START,
        reminder_minutes=10,
    )

    _calendar, todo, _tz = parsed(
        calendar_object(source=f"task:{task.pk}", user=office.official).ics
    )

    assert str(todo["STATUS"]) == "COMPLETED"
    assert todo.decoded("COMPLETED") == done_at
    assert todo["COMPLETED"].to_ical().endswith(b"Z")
    assert todo["PERCENT-COMPLETE"] == 100
    assert todo.walk("VALARM") == []


def test_undated_task_is_an_object_without_dates(office):
    task = TaskFactory(task_list=my_list(office), due_at=None)

    _calendar, todo, tzids = parsed(
        calendar_object(source=f"task:{task.pk}", user=office.official).ics
    )

    assert "DUE" not in todo
    assert tzids == set()


def test_task_object_is_none_when_not_mine_any_more(office):
    unit_list = TaskListFactory(
        institution=office.tenant.institution, owner=None, unit=office.tenant.unit
    )
    task = TaskFactory(task_list=unit_list, assignees=[office.official], due_at=START)
    source = f"task:{task.pk}"
    assert calendar_object(source=source, user=office.official) is not None
    assert calendar_object(source=source, user=office.colleague) is None

    task.assignees.set([office.colleague])
    assert calendar_object(source=source, user=office.official) is None

    Task.objects.filter(pk=task.pk).update(status=Task.Status.CANCELLED)
    assert calendar_object(source=source, user=office.colleague) is None

    task.delete()
    assert calendar_object(source=source, user=office.colleague) is None


def test_feed_holds_the_window(office):
    start = datetime(2026, 6, 1, tzinfo=WARSAW)
    inside = MeetingFactory(organiser=office.official, start=START, end=START + timedelta(hours=1))
    MeetingFactory(
        organiser=office.official,
        start=start - timedelta(days=2),
        end=start - timedelta(days=2, hours=-1),
    )
    booking = BookingFactory(agenda=office.agenda, start=START + timedelta(hours=2))
    BookingFactory(agenda=office.other_agenda, start=START + timedelta(hours=2))
    task = TaskFactory(task_list=my_list(office), due_at=START, all_day=False)
    TaskFactory(task_list=my_list(office), due_at=None)

    ics = feed_ics(user=office.official, start=start, end=start + timedelta(days=30))

    calendar = Calendar.from_ical(ics)
    assert "METHOD" not in calendar
    assert str(calendar["X-WR-CALNAME"]).endswith(office.official.display_name)
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in ics
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"
    uids = {str(c["UID"]) for c in calendar.walk() if c.name in ("VEVENT", "VTODO")}
    assert uids == {meeting_uid(inside), booking_uid(booking), f"task-{task.uid}@szpon"}
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    assert "ATTENDEE" not in ics
    assert "Kowalski" not in ics
