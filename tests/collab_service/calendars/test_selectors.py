from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from collab_service.appointments.models import Booking
from collab_service.calendars.selectors import calendar_entries, user_time_zone
from collab_service.meetings.models import Meeting, Participant
from collab_service.tasks.models import Task
from tests.collab_service.calendars.factories import BookingFactory
from tests.factories import (
    MeetingFactory,
    ParticipantFactory,
    TaskFactory,
    TaskListFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
DAY = datetime(2026, 6, 10, tzinfo=WARSAW)
WINDOW = (DAY, DAY + timedelta(days=1))


def at(hour: int, minute: int = 0, days: int = 0) -> datetime:
    return DAY + timedelta(days=days, hours=hour, minutes=minute)


def sources(user, start=WINDOW[0], end=WINDOW[1]) -> list[str]:
    return [e.source for e in calendar_entries(user=user, start=start, end=end)]


def invite(meeting: Meeting, user) -> Participant:
    return ParticipantFactory(
        meeting=meeting, user=user, email=user.email, role=Participant.Role.MEMBER
    )


def test_meetings_i_organise_or_am_invited_to_appear(office):
    mine = MeetingFactory(organiser=office.official, start=at(9), end=at(10))
    invited = MeetingFactory(organiser=office.colleague, start=at(11), end=at(12))
    invite(invited, office.official)
    MeetingFactory(organiser=office.colleague, start=at(13), end=at(14))  # not invited

    assert sources(office.official) == [f"meeting:{mine.pk}", f"meeting:{invited.pk}"]


def test_withdrawn_invitation_and_cancelled_meeting_leave_the_calendar(office):
    withdrawn = MeetingFactory(organiser=office.colleague, start=at(9), end=at(10))
    invite(withdrawn, office.official)
    Participant.objects.filter(meeting=withdrawn, user=office.official).update(
        revoked_at=timezone.now()
    )
    MeetingFactory(
        organiser=office.official, start=at(11), end=at(12), status=Meeting.Status.CANCELLED
    )

    assert sources(office.official) == []


def test_a_video_visits_meeting_is_shown_as_its_visit_only(office):
    booking = BookingFactory(agenda=office.agenda, start=at(9), end=at(9, 30))
    MeetingFactory(
        organiser=office.official, start=at(9), end=at(9, 30), source=f"booking:{booking.pk}"
    )

    assert sources(office.official) == [f"booking:{booking.pk}"]


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (Booking.Status.CONFIRMED, True),
        (Booking.Status.CHECKED_IN, True),
        (Booking.Status.DONE, True),
        (Booking.Status.NO_SHOW, True),
        (Booking.Status.HELD, False),
        (Booking.Status.CANCELLED, False),
        (Booking.Status.EXPIRED, False),
    ],
)
def test_visits_by_status(office, status, shown):
    booking = BookingFactory(agenda=office.agenda, start=at(9), end=at(9, 30), status=status)

    assert sources(office.official) == ([f"booking:{booking.pk}"] if shown else [])


def test_another_officials_visits_stay_out(office):
    BookingFactory(agenda=office.other_agenda, start=at(9), end=at(9, 30))

    assert sources(office.official) == []
    assert len(sources(office.colleague)) == 1


def test_tasks_assigned_to_me_or_on_my_personal_list(office):
    unit_list = TaskListFactory(
        institution=office.tenant.institution, owner=None, unit=office.tenant.unit
    )
    assigned = TaskFactory(task_list=unit_list, due_at=at(12), assignees=[office.official])
    personal = TaskFactory(
        task_list=TaskListFactory(institution=office.tenant.institution, owner=office.official),
        due_at=at(15),
    )
    TaskFactory(task_list=unit_list, due_at=at(13), assignees=[office.colleague])
    TaskFactory(
        task_list=TaskListFactory(institution=office.tenant.institution, owner=office.colleague),
        due_at=at(14),
    )

    assert sources(office.official) == [f"task:{assigned.pk}", f"task:{personal.pk}"]


def test_undated_and_cancelled_tasks_stay_out_done_ones_stay(office):
    mine = TaskListFactory(institution=office.tenant.institution, owner=office.official)
    TaskFactory(task_list=mine, due_at=None)
    TaskFactory(task_list=mine, due_at=at(9), status=Task.Status.CANCELLED)
    done = TaskFactory(task_list=mine, due_at=at(10), status=Task.Status.DONE)

    assert sources(office.official) == [f"task:{done.pk}"]


def test_task_shapes(office):
    mine = TaskListFactory(institution=office.tenant.institution, owner=office.official)
    due_only = TaskFactory(task_list=mine, due_at=at(16))
    start_only = TaskFactory(task_list=mine, start_at=at(8), due_at=None)
    span = TaskFactory(task_list=mine, start_at=at(0, days=-3), due_at=at(0, days=2))
    entries = {
        e.source: e for e in calendar_entries(user=office.official, start=WINDOW[0], end=WINDOW[1])
    }

    assert entries[f"task:{due_only.pk}"].start == at(16)
    assert entries[f"task:{due_only.pk}"].end is None
    assert entries[f"task:{due_only.pk}"].due == at(16)
    assert entries[f"task:{start_only.pk}"].start == at(8)
    assert entries[f"task:{start_only.pk}"].due is None
    assert entries[f"task:{span.pk}"].end == at(0, days=2)


def test_window_edges_are_half_open(office):
    before = MeetingFactory(organiser=office.official, start=at(-1), end=at(0))
    after = MeetingFactory(organiser=office.official, start=at(24), end=at(25))
    across = MeetingFactory(organiser=office.official, start=at(-1), end=at(0, 1))
    mine = TaskListFactory(institution=office.tenant.institution, owner=office.official)
    due_at_start = TaskFactory(task_list=mine, due_at=at(0))
    TaskFactory(task_list=mine, due_at=at(24))

    shown = sources(office.official)

    assert f"meeting:{before.pk}" not in shown
    assert f"meeting:{after.pk}" not in shown
    assert shown == [f"meeting:{across.pk}", f"task:{due_at_start.pk}"]


def test_entries_carry_what_the_page_shows(office, settings):
    meeting = MeetingFactory(organiser=office.official, start=at(9), end=at(10))
    booking = BookingFactory(agenda=office.agenda, start=at(11), end=at(11, 30))
    entries = calendar_entries(user=office.official, start=WINDOW[0], end=WINDOW[1])

    assert [e.kind for e in entries] == ["meeting", "booking"]
    assert entries[0].url == f"/meetings/{meeting.pk}/"
    assert entries[0].title == meeting.title
    assert entries[1].url == f"/desk/?agenda={office.agenda.pk}&day=2026-06-10"
    assert booking.reference_code in entries[1].extra
    assert entries[1].status == "confirmed"


def test_query_count_does_not_grow_with_entries(office):
    mine = TaskListFactory(institution=office.tenant.institution, owner=office.official)
    for hour in range(8, 14):
        MeetingFactory(organiser=office.official, start=at(hour), end=at(hour, 30))
        BookingFactory(agenda=office.agenda, start=at(hour, 30), end=at(hour + 1))
        TaskFactory(task_list=mine, due_at=at(hour), assignees=[office.official])

    with CaptureQueriesContext(connection) as queries:
        entries = calendar_entries(user=office.official, start=WINDOW[0], end=WINDOW[1])
        [(e.title, e.extra, e.url) for e in entries]

    assert len(entries) == 18
    assert len(queries) == 3


def test_time_zone_comes_from_the_officials_institution(office):
    office.tenant.institution.time_zone = "Europe/London"
    office.tenant.institution.save()

    assert user_time_zone(office.official) == ZoneInfo("Europe/London")
    assert user_time_zone(UserFactory()) == ZoneInfo("Europe/Warsaw")
