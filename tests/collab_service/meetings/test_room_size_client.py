"""The room-size client against a real HTTP stand-in for Prosody's mod_muc_size."""

import time

import pytest

from collab_service.meetings.jitsi_http import JitsiUnavailable, RoomSizeClient
from tests.infra.jitsi_standin import Reply, SeenRequest

ROOM = "szpon0123456789abcdef0123456789abcdef"
TIMEOUT = 0.2
BACKOFF = 0.02


@pytest.fixture
def client(jitsi_standin):
    client = RoomSizeClient(
        base_url=jitsi_standin.url,
        xmpp_domain="meet.jitsi",
        timeout=TIMEOUT,
        retries=2,
        backoff=BACKOFF,
    )
    yield client
    client.close()


def test_room_size_counts_people_and_asks_for_room_and_domain(client, jitsi_standin):
    jitsi_standin.open_room(ROOM, 3)

    assert client.room_size(ROOM) == 3
    assert jitsi_standin.requests == [
        SeenRequest("/room-size", {"room": ROOM, "domain": "meet.jitsi"})
    ]


def test_room_size_is_none_when_no_room_is_open(client, jitsi_standin):
    assert client.room_size(ROOM) is None
    assert len(jitsi_standin.requests) == 1


def test_room_size_is_zero_for_an_open_room_without_people(client, jitsi_standin):
    jitsi_standin.open_room(ROOM, 0)

    assert client.room_size(ROOM) == 0


def test_room_size_asks_for_its_own_domain(jitsi_standin):
    jitsi_standin.open_room(ROOM, 2)
    other = RoomSizeClient(
        base_url=jitsi_standin.url, xmpp_domain="other.jitsi", timeout=TIMEOUT, retries=0, backoff=0
    )

    assert other.room_size(ROOM) is None
    assert jitsi_standin.requests[0].query["domain"] == "other.jitsi"
    other.close()


def test_room_size_retries_server_errors_then_answers(client, jitsi_standin):
    jitsi_standin.open_room(ROOM, 4)
    jitsi_standin.queue(Reply(status=500), Reply(status=503))

    assert client.room_size(ROOM) == 4
    assert jitsi_standin.paths() == ["/room-size"] * 3


def test_room_size_gives_up_after_the_last_attempt(client, jitsi_standin):
    jitsi_standin.always(Reply(status=500))

    with pytest.raises(JitsiUnavailable) as raised:
        client.room_size(ROOM)

    assert (raised.value.attempts, raised.value.status) == (3, 500)
    assert len(jitsi_standin.requests) == 3


@pytest.mark.parametrize("status", [400, 403, 401, 429])
def test_room_size_does_not_retry_client_errors(client, jitsi_standin, status):
    jitsi_standin.always(Reply(status=status))

    with pytest.raises(JitsiUnavailable) as raised:
        client.room_size(ROOM)

    assert (raised.value.attempts, raised.value.status) == (1, status)
    assert len(jitsi_standin.requests) == 1


def test_room_size_retries_a_timeout_then_answers(client, jitsi_standin):
    jitsi_standin.open_room(ROOM, 2)
    jitsi_standin.queue(Reply(delay=TIMEOUT * 5))

    assert client.room_size(ROOM) == 2
    assert len(jitsi_standin.requests) == 2


def test_room_size_gives_up_on_a_hung_server_within_the_bound(client, jitsi_standin):
    jitsi_standin.open_room(ROOM, 2)
    jitsi_standin.always(Reply(delay=10))

    started = time.monotonic()
    with pytest.raises(JitsiUnavailable) as raised:
        client.room_size(ROOM)
    elapsed = time.monotonic() - started

    assert client.worst_case_seconds == pytest.approx(3 * TIMEOUT + 3 * BACKOFF)
    assert 3 * TIMEOUT <= elapsed < client.worst_case_seconds + 0.5
    assert raised.value.attempts == 3
    assert len(jitsi_standin.requests) == 3


def test_room_size_retries_a_refused_connection_then_gives_up(client, jitsi_standin):
    jitsi_standin.stop()

    started = time.monotonic()
    with pytest.raises(JitsiUnavailable) as raised:
        client.room_size(ROOM)

    assert time.monotonic() - started < client.worst_case_seconds
    assert (raised.value.attempts, raised.value.status) == (3, None)


@pytest.mark.parametrize(
    "body",
    [
        b'{"participants": 3',
        b"<html>Bad gateway</html>",
        b"",
        b'{"participants": "3"}',
        b'{"participants": -1}',
        b'{"participants": true}',
        b"[3]",
    ],
)
def test_room_size_rejects_a_garbled_answer_without_retrying(client, jitsi_standin, body):
    jitsi_standin.always(Reply(body=body))

    with pytest.raises(JitsiUnavailable):
        client.room_size(ROOM)

    assert len(jitsi_standin.requests) == 1


def test_client_rejects_an_empty_base_url():
    with pytest.raises(ValueError, match="empty"):
        RoomSizeClient(base_url="", xmpp_domain="meet.jitsi", timeout=1, retries=0, backoff=0)
