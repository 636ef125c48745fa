"""A meeting's live state, from a real HTTP stand-in for Prosody through the real client."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from collab_service.meetings.services.live import (
    BACKOFF_SECONDS,
    LiveState,
    meeting_live_state,
    room_size_client,
)
from tests.factories import MeetingFactory
from tests.infra.jitsi_standin import Reply, SeenRequest

pytestmark = pytest.mark.django_db

TIMEOUT = 0.2


@pytest.fixture
def jitsi(jitsi_standin, settings):
    """The stand-in, configured as the service's Jitsi with short timeouts and two retries."""
    settings.JITSI_ROOM_SIZE_URL = jitsi_standin.url
    settings.JITSI_XMPP_DOMAIN = "meet.jitsi"
    settings.JITSI_HTTP_TIMEOUT_SECONDS = TIMEOUT
    settings.JITSI_HTTP_RETRIES = 2
    return jitsi_standin


@pytest.fixture
def meeting():
    return MeetingFactory()


def test_live_state_counts_the_people_in_the_room(jitsi, meeting):
    jitsi.open_room(meeting.room_name, 3)
    before = timezone.now()

    state = meeting_live_state(meeting=meeting)

    assert (state.status, state.participants) == ("live", 3)
    assert before <= state.checked_at <= timezone.now()
    assert jitsi.requests == [
        SeenRequest("/room-size", {"room": meeting.room_name, "domain": "meet.jitsi"})
    ]


def test_live_state_is_empty_when_no_room_is_open(jitsi, meeting):
    state = meeting_live_state(meeting=meeting)

    assert (state.status, state.participants) == ("empty", 0)
    assert len(jitsi.requests) == 1


def test_live_state_is_empty_for_an_open_room_without_people(jitsi, meeting):
    jitsi.open_room(meeting.room_name, 0)

    state = meeting_live_state(meeting=meeting)

    assert (state.status, state.participants) == ("empty", 0)


def test_live_state_rides_out_two_server_errors(jitsi, meeting):
    jitsi.open_room(meeting.room_name, 5)
    jitsi.queue(Reply(status=500), Reply(status=502))

    state = meeting_live_state(meeting=meeting)

    assert (state.status, state.participants) == ("live", 5)
    assert jitsi.paths() == ["/room-size"] * 3


def test_live_state_is_unreachable_after_three_server_errors(jitsi, meeting):
    jitsi.open_room(meeting.room_name, 5)
    jitsi.always(Reply(status=500))

    state = meeting_live_state(meeting=meeting)

    assert (state.status, state.participants) == ("unreachable", None)
    assert len(jitsi.requests) == 3


def test_live_state_gives_up_on_a_hung_jitsi_within_the_bound(jitsi, meeting):
    jitsi.open_room(meeting.room_name, 5)
    jitsi.always(Reply(delay=10))

    started = time.monotonic()
    state = meeting_live_state(meeting=meeting)
    elapsed = time.monotonic() - started

    bound = 3 * TIMEOUT + 3 * BACKOFF_SECONDS
    assert room_size_client().worst_case_seconds == pytest.approx(bound)
    assert 3 * TIMEOUT <= elapsed < bound + 0.5
    assert (state.status, state.participants) == ("unreachable", None)
    assert len(jitsi.requests) == 3


def test_live_state_is_unreachable_when_jitsi_refuses_connections(jitsi, meeting):
    jitsi.stop()

    state = meeting_live_state(meeting=meeting)

    assert (state.status, state.participants) == ("unreachable", None)


def test_live_state_is_unreachable_on_an_answer_that_is_not_json(jitsi, meeting):
    jitsi.always(Reply(body=b"<html>502 Bad Gateway</html>"))

    state = meeting_live_state(meeting=meeting)

    assert state.status == "unreachable"
    assert len(jitsi.requests) == 1


def test_live_state_does_not_retry_a_refusal(jitsi, meeting):
    jitsi.always(Reply(status=403))

    state = meeting_live_state(meeting=meeting)

    assert state.status == "unreachable"
    assert len(jitsi.requests) == 1


def test_live_state_is_cached_per_room(jitsi, meeting):
    jitsi.open_room(meeting.room_name, 2)
    first = meeting_live_state(meeting=meeting)
    jitsi.open_room(meeting.room_name, 7)

    again = meeting_live_state(meeting=meeting)

    assert again == first
    assert len(jitsi.requests) == 1
    other = MeetingFactory()
    assert meeting_live_state(meeting=other).status == "empty"
    assert [seen.query["room"] for seen in jitsi.requests] == [
        meeting.room_name,
        other.room_name,
    ]


def test_an_unreachable_jitsi_is_not_asked_again_for_any_room(jitsi, meeting):
    jitsi.always(Reply(status=503))
    failed = meeting_live_state(meeting=meeting)
    jitsi.always(None)
    other = MeetingFactory()
    jitsi.open_room(other.room_name, 4)

    assert meeting_live_state(meeting=meeting) == failed
    assert meeting_live_state(meeting=other) == failed
    assert len(jitsi.requests) == 3


def test_live_state_not_configured_asks_nobody(jitsi, meeting, settings):
    settings.JITSI_ROOM_SIZE_URL = ""
    jitsi.open_room(meeting.room_name, 3)

    state = meeting_live_state(meeting=meeting)

    assert (state.status, state.participants) == ("not_configured", None)
    assert jitsi.requests == []


def test_live_state_with_an_unusable_url_is_unreachable(meeting, settings):
    settings.JITSI_ROOM_SIZE_URL = "http://[::1"

    assert meeting_live_state(meeting=meeting).status == "unreachable"


@pytest.mark.parametrize(
    ("status", "participants", "label"),
    [
        ("live", 1, "1 person in the meeting"),
        ("live", 12, "12 people in the meeting"),
        ("empty", 0, "Nobody in the meeting yet"),
        ("unreachable", None, "The video service is not answering"),
        ("not_configured", None, "Live participant count not available"),
    ],
)
def test_live_state_label(status, participants, label):
    state = LiveState(
        status=status, participants=participants, checked_at=timezone.now() - timedelta(seconds=1)
    )

    assert state.label == label
