"""Jitsi's event sync posting to the real endpoints: stays opened and closed, replays, events out
of order, breakout rooms, unknown rooms."""

from datetime import UTC, datetime, timedelta

import pytest

from collab_service.meetings.models import AttendanceSession, Meeting
from tests.collab_service.meetings.conftest import (
    created_event,
    destroyed_event,
    joined_event,
    left_event,
    occupant,
    post_event,
)
from tests.factories import MeetingFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db]

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
OK = {"ok": True}


@pytest.fixture
def meeting() -> Meeting:
    return MeetingFactory()


@pytest.fixture
def guest(meeting):
    return ParticipantFactory(meeting=meeting, name="Anna Gość", email="anna@example.org")


def jid(meeting, nick: str = "a1b2c3d4") -> str:
    return f"{meeting.room_name}@muc.meet.jitsi/{nick}"


def test_joined_opens_a_stay_of_the_invited_participant(client, meeting, guest):
    entry = occupant(jid=jid(meeting), joined=T0, participant=guest)

    response = post_event(client, "occupant/joined", joined_event(meeting, entry))

    assert response.status_code == 200
    assert response.json() == OK
    stay = AttendanceSession.objects.get()
    assert (stay.meeting, stay.participant, stay.name) == (meeting, guest, "Anna Gość")
    assert (stay.occupant_jid, stay.joined_at, stay.left_at) == (jid(meeting), T0, None)
    assert stay.breakout_room == ""


def test_left_closes_the_open_stay(client, meeting, guest):
    entry = occupant(jid=jid(meeting), joined=T0, participant=guest)
    post_event(client, "occupant/joined", joined_event(meeting, entry))

    left = {**entry, "left_at": entry["joined_at"] + 1800}
    response = post_event(client, "occupant/left", left_event(meeting, left))

    assert response.status_code == 200
    assert response.json() == OK
    stay = AttendanceSession.objects.get()
    assert stay.left_at == T0 + timedelta(minutes=30)
    assert stay.participant == guest


def test_replayed_events_change_nothing(client, meeting, guest):
    entry = occupant(
        jid=jid(meeting), joined=T0, left=T0 + timedelta(minutes=30), participant=guest
    )
    for _ in range(2):
        assert post_event(client, "occupant/joined", joined_event(meeting, entry)).json() == OK
        assert post_event(client, "occupant/left", left_event(meeting, entry)).json() == OK
    later = {**entry, "left_at": entry["left_at"] + 600}

    response = post_event(client, "occupant/left", left_event(meeting, later))

    assert response.status_code == 200
    stay = AttendanceSession.objects.get()
    assert stay.left_at == T0 + timedelta(minutes=30)


def test_leave_reported_before_the_join_keeps_the_stay_closed(client, meeting, guest):
    entry = occupant(jid=jid(meeting), joined=T0, left=T0 + timedelta(minutes=5), participant=guest)

    assert post_event(client, "occupant/left", left_event(meeting, entry)).status_code == 200
    assert post_event(client, "occupant/joined", joined_event(meeting, entry)).status_code == 200

    stay = AttendanceSession.objects.get()
    assert (stay.joined_at, stay.left_at, stay.participant) == (
        T0,
        T0 + timedelta(minutes=5),
        guest,
    )


def test_a_rejoin_is_a_second_stay(client, meeting, guest):
    first = occupant(jid=jid(meeting), joined=T0, left=T0 + timedelta(minutes=5), participant=guest)
    second = occupant(jid=jid(meeting, "e5f6"), joined=T0 + timedelta(minutes=7), participant=guest)

    post_event(client, "occupant/left", left_event(meeting, first))
    post_event(client, "occupant/joined", joined_event(meeting, second))

    assert [(s.joined_at, s.left_at) for s in AttendanceSession.objects.all()] == [
        (T0, T0 + timedelta(minutes=5)),
        (T0 + timedelta(minutes=7), None),
    ]


def test_fractional_timestamps_are_accepted(client, meeting):
    entry = occupant(jid=jid(meeting), joined=T0, name="Ktoś")
    entry["joined_at"] += 0.5

    response = post_event(client, "occupant/joined", joined_event(meeting, entry))

    assert response.status_code == 200
    assert AttendanceSession.objects.get().joined_at == T0 + timedelta(milliseconds=500)


@pytest.mark.parametrize(
    "identity",
    [
        {"id": "not-a-uuid", "name": "Jan z zewnątrz"},
        {"name": "Jan z zewnątrz"},
        {"id": "", "name": "Jan z zewnątrz", "email": None},
    ],
)
def test_occupant_without_a_known_id_is_stored_with_the_reported_name(client, meeting, identity):
    entry = {"occupant_jid": jid(meeting), "joined_at": 1_780_000_000, **identity}

    response = post_event(client, "occupant/joined", joined_event(meeting, entry))

    assert response.status_code == 200
    stay = AttendanceSession.objects.get()
    assert (stay.participant, stay.name) == (None, "Jan z zewnątrz")


def test_a_participant_of_another_meeting_is_not_matched(client, meeting):
    stranger = ParticipantFactory(name="Obcy")
    entry = occupant(jid=jid(meeting), joined=T0, participant=stranger)

    response = post_event(client, "occupant/joined", joined_event(meeting, entry))

    assert response.status_code == 200
    stay = AttendanceSession.objects.get()
    assert (stay.meeting, stay.participant, stay.name) == (meeting, None, "Obcy")


def test_room_is_found_whatever_the_case_and_without_the_tenant(client, meeting, guest):
    body = joined_event(meeting, occupant(jid=jid(meeting), joined=T0, participant=guest))
    body["room_name"] = f"[urzad]{meeting.room_name.upper()}"

    response = post_event(client, "occupant/joined", body)

    assert response.status_code == 200
    assert AttendanceSession.objects.get().meeting == meeting


@pytest.mark.parametrize("kind", ["room/created", "occupant/joined", "room/destroyed"])
def test_unknown_room_answers_404_and_stores_nothing(client, meeting, kind):
    entry = occupant(jid="other@muc.meet.jitsi/x", joined=T0, left=T0, name="X")
    body = {
        "room/created": created_event(meeting, T0),
        "occupant/joined": joined_event(meeting, entry),
        "room/destroyed": destroyed_event(meeting, T0, T0, [entry]),
    }[kind]
    body["room_name"] = "someoneelsesroom"

    response = post_event(client, kind, body)

    assert response.status_code == 404
    assert response.json() == {
        "message": "No meeting uses the room someoneelsesroom.",
        "code": "unknown_room",
    }
    assert AttendanceSession.objects.count() == 0
    meeting.refresh_from_db()
    assert (meeting.room_created_at, meeting.room_destroyed_at) == (None, None)


def test_room_created_keeps_the_latest_opening(client, meeting):
    for moment in (T0, T0 - timedelta(hours=1), T0, T0 + timedelta(hours=2)):
        assert post_event(client, "room/created", created_event(meeting, moment)).json() == OK
        meeting.refresh_from_db()
        assert meeting.room_created_at == max(T0, moment)


def test_room_destroyed_closes_every_stay_and_records_the_room(client, meeting, guest):
    organiser = meeting.participants.get(role="organiser")
    destroyed = T0 + timedelta(hours=1)
    open_stay = occupant(jid=jid(meeting, "org"), joined=T0, participant=organiser)
    post_event(client, "occupant/joined", joined_event(meeting, open_stay))
    never_reported = occupant(
        jid=jid(meeting, "gst"),
        joined=T0 + timedelta(minutes=10),
        left=T0 + timedelta(minutes=20),
        participant=guest,
    )

    response = post_event(
        client,
        "room/destroyed",
        destroyed_event(meeting, T0, destroyed, [open_stay, never_reported]),
    )

    assert response.status_code == 200
    assert response.json() == OK
    assert [(s.participant, s.joined_at, s.left_at) for s in AttendanceSession.objects.all()] == [
        (organiser, T0, destroyed),
        (guest, T0 + timedelta(minutes=10), T0 + timedelta(minutes=20)),
    ]
    meeting.refresh_from_db()
    assert (meeting.room_created_at, meeting.room_destroyed_at) == (T0, destroyed)


def test_room_destroyed_with_no_occupants_as_prosody_encodes_them(client, meeting):
    body = destroyed_event(meeting, T0, T0 + timedelta(minutes=1), {})

    response = post_event(client, "room/destroyed", body)

    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.room_destroyed_at == T0 + timedelta(minutes=1)


def test_breakout_room_stays_count_for_the_main_meeting(client, meeting, guest):
    breakout = "6f1a6c39-3ac4-4a4e-9d0b-1b2f0c8e7a11"
    entry = occupant(
        jid=f"{breakout}@breakout.meet.jitsi/a1b2",
        joined=T0,
        left=T0 + timedelta(minutes=15),
        participant=guest,
    )

    for kind, body in [
        ("room/created", created_event(meeting, T0, breakout=breakout)),
        ("occupant/joined", joined_event(meeting, entry, breakout=breakout)),
        ("occupant/left", left_event(meeting, entry, breakout=breakout)),
        ("room/destroyed", destroyed_event(meeting, T0, T0, [entry], breakout=breakout)),
    ]:
        response = post_event(client, kind, body)
        assert (kind, response.status_code, response.json()) == (kind, 200, OK)

    stay = AttendanceSession.objects.get()
    assert (stay.meeting, stay.participant, stay.breakout_room) == (meeting, guest, breakout)
    assert stay.left_at == T0 + timedelta(minutes=15)
    meeting.refresh_from_db()
    assert (meeting.room_created_at, meeting.room_destroyed_at) == (None, None)


def test_breakout_event_must_name_its_breakout_room(client, meeting):
    body = joined_event(meeting, occupant(jid=jid(meeting), joined=T0, name="X"))
    body["is_breakout"] = True

    response = post_event(client, "occupant/joined", body)

    assert response.status_code == 400
    assert response.json() == {
        "message": "breakout_room_id: A breakout room's event names the breakout room.",
        "code": "invalid",
        "errors": {"breakout_room_id": ["A breakout room's event names the breakout room."]},
    }
    assert AttendanceSession.objects.count() == 0


def test_extra_fields_prosody_may_add_are_ignored(client, meeting, guest):
    entry = occupant(
        jid=jid(meeting),
        joined=T0,
        participant=guest,
        avatar="https://example.org/a.png",
        affiliation="member",
        total_dominant_speaker_time=1200,
    )
    body = {**joined_event(meeting, entry), "custom": {"any": "thing"}}

    response = post_event(client, "occupant/joined", body)

    assert response.status_code == 200
    assert AttendanceSession.objects.get().participant == guest


def test_room_jid_is_not_needed(client, meeting):
    body = created_event(meeting, T0)
    del body["room_jid"]

    assert post_event(client, "room/created", body).status_code == 200
