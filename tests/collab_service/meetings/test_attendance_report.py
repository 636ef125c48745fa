"""The attendance report and its CSV: invited people and unmatched occupants, overlapping stays
counted once, open stays cut off sensibly, times in the institution's zone."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from collab_service.meetings.models import AttendanceSession, Participant
from collab_service.meetings.services.attendance_report import (
    AttendanceRow,
    attendance_csv,
    attendance_report,
)
from tests.factories import MeetingFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # 10:00 in Warsaw
MIN = timedelta(minutes=1)


@pytest.fixture
def meeting():
    return MeetingFactory(
        start=START,
        end=START + 60 * MIN,
        organiser=UserFactory(full_name="Olga Organizatorka", email="olga@urzad.gov.pl"),
    )


@pytest.fixture
def guest(meeting):
    return ParticipantFactory(meeting=meeting, name="Anna Gość", email="anna@example.org")


def stay(meeting, participant=None, *, joined: int, left: int | None, name: str = "", **extra):
    """A stay from minute ``joined`` to minute ``left`` after the start (None: still open)."""
    return AttendanceSession.objects.create(
        meeting=meeting,
        participant=participant,
        occupant_jid=f"{meeting.room_name}@muc.meet.jitsi/{AttendanceSession.objects.count()}",
        name=name or (participant.name if participant else ""),
        joined_at=START + joined * MIN,
        left_at=None if left is None else START + left * MIN,
        **extra,
    )


def row_of(rows: list[AttendanceRow], name: str) -> AttendanceRow:
    return next(row for row in rows if row.name == name)


def test_invited_people_who_never_came_are_listed_with_nothing(meeting, guest):
    rows = attendance_report(meeting=meeting)

    assert rows == [
        AttendanceRow(
            name="Olga Organizatorka",
            role=Participant.Role.ORGANISER,
            email="olga@urzad.gov.pl",
            seconds=0,
            first_join=None,
            last_leave=None,
            stays=0,
            participant_id=meeting.participants.get(role="organiser").pk,
        ),
        AttendanceRow(
            name="Anna Gość",
            role=Participant.Role.GUEST,
            email="anna@example.org",
            seconds=0,
            first_join=None,
            last_leave=None,
            stays=0,
            participant_id=guest.pk,
        ),
    ]


def test_overlapping_stays_count_once(meeting, guest):
    stay(meeting, guest, joined=0, left=30)
    stay(meeting, guest, joined=20, left=50)  # a second device
    stay(meeting, guest, joined=25, left=35)  # inside both
    stay(meeting, guest, joined=60, left=65)

    row = row_of(attendance_report(meeting=meeting), "Anna Gość")

    assert (row.minutes, row.seconds, row.stays) == (55, 55 * 60, 4)
    assert (row.first_join, row.last_leave) == (START, START + 65 * MIN)


def test_breakout_room_stays_count_for_the_meeting(meeting, guest):
    stay(meeting, guest, joined=0, left=10)
    stay(meeting, guest, joined=10, left=40, breakout_room="6f1a6c39")
    stay(meeting, guest, joined=40, left=45)

    row = row_of(attendance_report(meeting=meeting), "Anna Gość")

    assert (row.minutes, row.stays) == (45, 3)


def test_minutes_are_rounded_to_the_nearest(meeting, guest):
    AttendanceSession.objects.create(
        meeting=meeting,
        participant=guest,
        occupant_jid="a",
        joined_at=START,
        left_at=START + timedelta(seconds=89),
    )
    assert row_of(attendance_report(meeting=meeting), "Anna Gość").minutes == 1

    AttendanceSession.objects.filter(participant=guest).update(
        left_at=START + timedelta(seconds=90)
    )
    assert row_of(attendance_report(meeting=meeting), "Anna Gość").minutes == 2


def test_open_stay_counts_until_now_while_the_meeting_runs(meeting, guest):
    stay(meeting, guest, joined=5, left=None)

    row = row_of(attendance_report(meeting=meeting, now=START + 25 * MIN), "Anna Gość")

    assert (row.minutes, row.first_join, row.last_leave) == (20, START + 5 * MIN, None)


def test_open_stay_counts_until_the_room_was_destroyed(meeting, guest):
    meeting.room_destroyed_at = START + 40 * MIN
    stay(meeting, guest, joined=0, left=None)

    row = row_of(attendance_report(meeting=meeting, now=START + 120 * MIN), "Anna Gość")

    assert (row.minutes, row.last_leave) == (40, None)


def test_room_destroyed_before_a_stay_began_does_not_cut_it(meeting, guest):
    meeting.room_destroyed_at = START + 10 * MIN
    stay(meeting, guest, joined=20, left=None)

    row = row_of(attendance_report(meeting=meeting, now=START + 50 * MIN), "Anna Gość")

    assert row.minutes == 30


def test_open_stay_of_a_past_meeting_stops_when_its_join_window_closed(meeting, guest, settings):
    settings.MEETINGS_JOIN_LATE_MINUTES = 30
    stay(meeting, guest, joined=50, left=None)  # its leave never came

    row = row_of(attendance_report(meeting=meeting, now=START + timedelta(days=3)), "Anna Gość")

    assert row.minutes == 40  # until the end (60) plus 30 minutes


def test_a_stay_left_before_it_began_counts_nothing(meeting, guest):
    stay(meeting, guest, joined=10, left=9)

    row = row_of(attendance_report(meeting=meeting), "Anna Gość")

    assert (row.seconds, row.stays) == (0, 1)


def test_the_default_now_is_the_current_time(guest):
    meeting = guest.meeting
    AttendanceSession.objects.create(
        meeting=meeting,
        participant=guest,
        occupant_jid="a",
        joined_at=timezone.now() - 10 * MIN,
    )
    meeting.start, meeting.end = timezone.now() - 15 * MIN, timezone.now() + 45 * MIN

    assert row_of(attendance_report(meeting=meeting), guest.name).minutes == 10


def test_unmatched_occupants_follow_the_invited_grouped_by_name(meeting, guest):
    stay(meeting, joined=30, left=40, name="Jan Kowalski")
    stay(meeting, joined=0, left=10, name="Zofia")
    stay(meeting, joined=45, left=50, name="Jan Kowalski")
    stay(meeting, joined=1, left=2)
    stay(meeting, joined=3, left=4)

    rows = attendance_report(meeting=meeting)

    assert [(r.name, r.role, r.email, r.minutes, r.stays) for r in rows] == [
        ("Olga Organizatorka", "organiser", "olga@urzad.gov.pl", 0, 0),
        ("Anna Gość", "guest", "anna@example.org", 0, 0),
        ("Zofia", "", "", 10, 1),
        ("", "", "", 1, 1),
        ("", "", "", 1, 1),
        ("Jan Kowalski", "", "", 15, 2),
    ]
    assert all(row.participant_id is None for row in rows[2:])


def test_revoked_participants_are_listed_only_if_they_came(meeting):
    came = ParticipantFactory(meeting=meeting, name="Przyszedł", revoked_at=START)
    ParticipantFactory(meeting=meeting, name="Nie przyszedł", revoked_at=START)
    stay(meeting, came, joined=0, left=5)

    names = [row.name for row in attendance_report(meeting=meeting)]

    assert names == ["Olga Organizatorka", "Przyszedł"]


def test_rows_go_by_role_then_name(meeting):
    for name, role in [
        ("Zenon", Participant.Role.GUEST),
        ("adam", Participant.Role.GUEST),
        ("Bożena", Participant.Role.MEMBER),
        ("Wiktor", Participant.Role.CO_ORGANISER),
    ]:
        ParticipantFactory(meeting=meeting, name=name, role=role)

    names = [row.name for row in attendance_report(meeting=meeting)]

    assert names == ["Olga Organizatorka", "Wiktor", "Bożena", "adam", "Zenon"]


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_a_header_and_times_in_the_institutions_zone(meeting, guest):
    stay(meeting, guest, joined=0, left=30)
    stay(meeting, guest, joined=40, left=55)
    stay(meeting, joined=5, left=6, name="Jan")

    rows = parse(attendance_csv(meeting=meeting))

    assert rows == [
        ["Name", "Role", "E-mail", "Minutes", "First joined", "Last left", "Stays"],
        ["Olga Organizatorka", "Organiser", "olga@urzad.gov.pl", "0", "", "", "0"],
        [
            "Anna Gość",
            "Guest",
            "anna@example.org",
            "45",
            "2026-06-01T10:00:00+02:00",
            "2026-06-01T10:55:00+02:00",
            "2",
        ],
        [
            "Jan",
            "Not invited",
            "",
            "1",
            "2026-06-01T10:05:00+02:00",
            "2026-06-01T10:06:00+02:00",
            "1",
        ],
    ]


def test_csv_uses_the_zone_of_the_meetings_institution(guest):
    meeting = guest.meeting
    meeting.start, meeting.end = START, START + 60 * MIN
    meeting.institution.time_zone = "America/New_York"
    stay(meeting, guest, joined=0, left=None)

    rows = parse(attendance_csv(meeting=meeting, now=START + 30 * MIN))

    assert rows[-1][3:] == ["30", "2026-06-01T04:00:00-04:00", "", "1"]


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://x")', "+48 600 000 000", "-1+1", "@SUM(A1)", "\tTab", "\rCR"]
)
def test_csv_quotes_cells_a_spreadsheet_would_run_as_formulas(meeting, name):
    ParticipantFactory(meeting=meeting, name=name, email="=x@example.org")
    stay(meeting, joined=0, left=1, name=name)

    rows = parse(attendance_csv(meeting=meeting))

    assert [row[:3] for row in rows[2:]] == [
        ["'" + name, "Guest", "'=x@example.org"],
        ["'" + name, "Not invited", ""],
    ]
