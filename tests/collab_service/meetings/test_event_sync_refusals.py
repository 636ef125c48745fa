"""Event sync requests that are refused with a 4xx and store nothing: bad or missing tokens, a
switched-off endpoint, malformed JSON, wrong shapes."""

import copy
from datetime import UTC, datetime

import pytest

from collab_service.meetings.models import AttendanceSession
from tests.collab_service.meetings.conftest import (
    TOKEN,
    joined_event,
    left_event,
    occupant,
    post_event,
)
from tests.factories import MeetingFactory

pytestmark = [pytest.mark.django_db]

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
KINDS = ["room/created", "room/destroyed", "occupant/joined", "occupant/left"]


@pytest.fixture
def meeting():
    return MeetingFactory()


@pytest.fixture
def body(meeting) -> dict:
    return joined_event(meeting, occupant(jid="r@muc.meet.jitsi/x", joined=T0, name="Ktoś"))


def assert_nothing_stored(meeting) -> None:
    assert AttendanceSession.objects.count() == 0
    meeting.refresh_from_db()
    assert (meeting.room_created_at, meeting.room_destroyed_at) == (None, None)


@pytest.mark.parametrize("kind", KINDS)
def test_missing_token_answers_401(client, meeting, body, kind):
    response = post_event(client, kind, body, token=None)

    assert response.status_code == 401
    assert response.json() == {
        "message": "A bearer token is required.",
        "code": "not_authenticated",
    }
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="jitsi"'
    assert_nothing_stored(meeting)


@pytest.mark.parametrize("token", [TOKEN + "x", TOKEN[:-1], "wrong", "żółć"])
def test_wrong_token_answers_401(client, meeting, body, token):
    response = post_event(client, "occupant/joined", body, token=token)

    assert response.status_code == 401
    assert response.json() == {
        "message": "The bearer token is not valid.",
        "code": "authentication_failed",
    }
    assert_nothing_stored(meeting)


def test_token_in_another_scheme_answers_401(client, meeting, body):
    response = client.post(
        "/api/v1/jitsi/events/occupant/joined",
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Basic {TOKEN}"},
    )

    assert response.status_code == 401
    assert_nothing_stored(meeting)


@pytest.mark.parametrize("token", [None, "", "anything"])
def test_without_a_configured_token_every_call_is_refused(client, settings, meeting, body, token):
    settings.JITSI_EVENT_SYNC_TOKEN = ""

    response = post_event(client, "occupant/joined", body, token=token)

    assert response.status_code == 403
    assert response.json() == {
        "message": "Calls from the Jitsi server are switched off: no token is set.",
        "code": "permission_denied",
    }
    assert_nothing_stored(meeting)


def test_the_token_is_checked_before_the_body(client, meeting):
    response = post_event(client, "occupant/joined", token="wrong", raw="{not json")

    assert response.status_code == 401


@pytest.mark.parametrize("kind", KINDS)
def test_malformed_json_answers_400(client, meeting, kind):
    response = post_event(client, kind, raw='{"event_name": "muc-occupant-joined",')

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["message"].startswith("JSON parse error")
    assert_nothing_stored(meeting)


def test_not_a_json_body_answers_415(client, meeting, body):
    response = client.post(
        "/api/v1/jitsi/events/occupant/joined",
        data="room_name=x",
        content_type="application/x-www-form-urlencoded",
        headers={"Authorization": f"Bearer {TOKEN}", "Accept-Language": "en"},
    )

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    assert_nothing_stored(meeting)


def test_a_list_instead_of_an_object_answers_400(client, meeting, body):
    response = post_event(client, "occupant/joined", [body])

    assert response.status_code == 400
    assert response.json() == {
        "message": "Invalid data. Expected a dictionary, but got list.",
        "code": "invalid",
        "errors": {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]},
    }
    assert_nothing_stored(meeting)


MISSING = object()


def changed(body: dict, path: str, value=MISSING) -> dict:
    """``body`` with the value at a dotted path replaced, or removed when no value is given."""
    body = copy.deepcopy(body)
    *parents, last = path.split(".")
    target = body
    for key in parents:
        target = target[key]
    if value is MISSING:
        del target[last]
    else:
        target[last] = value
    return body


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("room_name", MISSING),
        ("room_name", ""),
        ("occupant", MISSING),
        ("occupant", "someone"),
        ("occupant.occupant_jid", MISSING),
        ("occupant.occupant_jid", "x" * 256),
        ("occupant.joined_at", MISSING),
        ("occupant.joined_at", "2026-06-01T08:00:00Z"),
        ("occupant.joined_at", "1780000000"),
        ("occupant.joined_at", True),
        ("occupant.joined_at", 10**15),
        ("occupant.joined_at", -1),
        ("occupant.name", "nul\x00byte"),
        ("occupant.name", {"first": "Jan"}),
        ("event_name", "muc-occupant-left"),
        ("event_name", MISSING),
    ],
)
def test_wrong_shapes_answer_400_and_store_nothing(client, meeting, body, path, value):
    field = path.split(".")[0]

    response = post_event(client, "occupant/joined", changed(body, path, value))

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["errors"]) == [field]
    assert response.json()["message"].startswith(f"{field}: ")
    assert_nothing_stored(meeting)


def test_wrong_event_name_says_which_one_the_endpoint_takes(client, meeting, body):
    response = post_event(client, "occupant/left", body)

    assert response.status_code == 400
    assert response.json()["errors"]["event_name"] == [
        "This endpoint takes muc-occupant-left events."
    ]


def test_a_leave_without_left_at_answers_400(client, meeting, body):
    response = post_event(client, "occupant/left", left_event(meeting, body["occupant"]))

    assert response.status_code == 400
    assert response.json()["errors"] == {"occupant": {"left_at": ["This field is required."]}}
    assert_nothing_stored(meeting)


def test_a_bad_occupant_in_a_destroyed_room_stores_none_of_them(client, meeting):
    good = occupant(jid="r@muc.meet.jitsi/a", joined=T0, left=T0, name="A")
    bad = {"occupant_jid": "r@muc.meet.jitsi/b", "joined_at": "yesterday"}
    body = {
        "event_name": "muc-room-destroyed",
        "room_name": meeting.room_name,
        "room_jid": f"{meeting.room_name}@muc.meet.jitsi",
        "is_breakout": False,
        "created_at": 1_780_000_000,
        "destroyed_at": 1_780_000_600,
        "all_occupants": [good, bad],
    }

    response = post_event(client, "room/destroyed", body)

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "all_occupants": {
            "1": {"joined_at": ["Must be a Unix time in seconds (a number between 1970 and 2100)."]}
        }
    }
    assert_nothing_stored(meeting)


def test_other_methods_are_not_allowed(client, meeting):
    response = client.get(
        "/api/v1/jitsi/events/occupant/joined", headers={"Authorization": f"Bearer {TOKEN}"}
    )

    assert response.status_code == 405
