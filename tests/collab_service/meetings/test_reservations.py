"""The reservation API Prosody's mod_reservations asks before it creates a room: allowed within
the meeting's join window, refused with a reason otherwise, absent when switched off."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from collab_service.meetings.models import Meeting
from tests.collab_service.meetings.conftest import TOKEN
from tests.factories import MeetingFactory, UserFactory

pytestmark = [pytest.mark.django_db]

MIN = timedelta(minutes=1)
OWNER = "f3a1c2d4-0b1e-4d8a-9c53-2d1e6f7a8b9c@meet.jitsi"


@pytest.fixture(autouse=True)
def _reservations_on(settings):
    settings.JITSI_RESERVATIONS = True
    settings.MEETINGS_JOIN_EARLY_MINUTES = 15
    settings.MEETINGS_JOIN_LATE_MINUTES = 30


def meeting_from(start: timedelta, length: timedelta = 60 * MIN, **fields) -> Meeting:
    """A meeting starting ``start`` from now (negative: it began that long ago)."""
    now = timezone.now()
    return MeetingFactory(
        start=now + start,
        end=now + start + length,
        language="en",
        organiser=UserFactory(email="olga@urzad.gov.pl"),
        **fields,
    )


def reserve(client, name: str, *, token: str = TOKEN, owner: str = OWNER):
    form = {"name": name, "start_time": "2026-06-01T08:00:00.000Z", "mail_owner": owner}
    return client.post(
        "/api/v1/jitsi/conference",
        data=urlencode(form),
        content_type="application/x-www-form-urlencoded",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"},
    )


def call(client, method: str, path: str, *, token: str = TOKEN):
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
    return getattr(client, method)(f"/api/v1/jitsi/{path}", headers=headers)


def assert_allows(body: dict, meeting: Meeting, mail_owner: str, before, after, name=None) -> None:
    """The answer Prosody accepts: the room until the join window closes."""
    start = datetime.strptime(body["start_time"], "%Y-%m-%dT%H:%M:%S.000Z").replace(tzinfo=UTC)
    assert before.replace(microsecond=0) <= start <= after
    closes = meeting.end + 30 * MIN
    assert body == {
        "id": meeting.pk,
        "name": name or meeting.room_name,
        "mail_owner": mail_owner,
        "start_time": start.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "duration": int((closes - start).total_seconds()),
    }


@pytest.mark.parametrize(
    "start",
    [-5 * MIN, 14 * MIN, -89 * MIN],
    ids=["running", "just before the start", "just before the window closes"],
)
def test_a_room_opens_within_its_join_window(client, start):
    meeting = meeting_from(start)
    before = timezone.now()

    response = reserve(client, meeting.room_name)

    assert response.status_code == 200
    assert_allows(response.json(), meeting, OWNER, before, timezone.now())


def test_the_room_name_may_carry_a_tenant_and_any_case_and_comes_back_as_asked(client):
    meeting = meeting_from(-5 * MIN)
    name = f"[urzad]{meeting.room_name.upper()}"
    before = timezone.now()

    response = reserve(client, name)

    assert response.status_code == 200
    assert_allows(response.json(), meeting, OWNER, before, timezone.now(), name=name)


def test_without_an_owner_the_organiser_owns_the_room(client):
    meeting = meeting_from(-5 * MIN)

    response = reserve(client, meeting.room_name, owner="")

    assert response.json()["mail_owner"] == "olga@urzad.gov.pl"


def test_an_unknown_room_is_refused(client):
    response = reserve(client, "someoneelsesroom")

    assert response.status_code == 403
    assert response.json() == {
        "message": "There is no meeting in this room. Join meetings through their invitation link.",
        "code": "reservation_refused",
    }


def test_a_cancelled_meeting_is_refused(client):
    meeting = meeting_from(-5 * MIN, status=Meeting.Status.CANCELLED)

    response = reserve(client, meeting.room_name)

    assert response.status_code == 403
    assert response.json() == {
        "message": "This meeting has been cancelled.",
        "code": "reservation_refused",
    }


def test_a_meeting_not_started_yet_is_refused_with_its_start(client):
    meeting = meeting_from(16 * MIN)
    start = timezone.localtime(meeting.start, ZoneInfo("Europe/Warsaw"))

    response = reserve(client, meeting.room_name)

    assert response.status_code == 403
    assert response.json() == {
        "message": f"This meeting has not started yet: it starts at {start:%Y-%m-%d %H:%M} "
        "(Europe/Warsaw) and its room opens 15 minutes before.",
        "code": "reservation_refused",
    }


def test_a_meeting_past_its_join_window_is_refused(client):
    meeting = meeting_from(-91 * MIN)

    response = reserve(client, meeting.room_name)

    assert response.status_code == 403
    assert response.json() == {"message": "This meeting has ended.", "code": "reservation_refused"}


def test_get_returns_the_reservation_of_an_open_meeting(client):
    meeting = meeting_from(-5 * MIN)
    before = timezone.now()

    response = call(client, "get", f"conference/{meeting.pk}")

    assert response.status_code == 200
    assert_allows(response.json(), meeting, "olga@urzad.gov.pl", before, timezone.now())


def test_get_refuses_as_creation_would(client):
    meeting = meeting_from(-5 * MIN, status=Meeting.Status.CANCELLED)

    response = call(client, "get", f"conference/{meeting.pk}")

    assert response.status_code == 403
    assert response.json()["message"] == "This meeting has been cancelled."


@pytest.mark.parametrize("pk", ["0", "999999999999999999"])
def test_get_of_no_meeting_answers_404(client, pk):
    response = call(client, "get", f"conference/{pk}")

    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "code": "not_found"}


def test_delete_answers_200(client):
    meeting = meeting_from(-5 * MIN)

    response = call(client, "delete", f"conference/{meeting.pk}")

    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert Meeting.objects.filter(pk=meeting.pk).exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "conference"), ("get", "conference/1"), ("delete", "conference/1")],
)
def test_switched_off_the_api_is_not_there(client, settings, method, path):
    settings.JITSI_RESERVATIONS = False

    response = call(client, method, path)

    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "code": "not_found"}


def test_a_wrong_token_answers_401(client):
    meeting = meeting_from(-5 * MIN)

    response = reserve(client, meeting.room_name, token="wrong")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_without_a_configured_token_reservations_are_refused(client, settings):
    settings.JITSI_EVENT_SYNC_TOKEN = ""
    meeting = meeting_from(-5 * MIN)

    response = reserve(client, meeting.room_name)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_form_without_a_name_answers_400(client):
    response = client.post(
        "/api/v1/jitsi/conference",
        data=urlencode({"mail_owner": OWNER}),
        content_type="application/x-www-form-urlencoded",
        headers={"Authorization": f"Bearer {TOKEN}", "Accept-Language": "en"},
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"name": ["This field is required."]}


def test_a_json_body_answers_415(client):
    response = client.post(
        "/api/v1/jitsi/conference",
        data={"name": "x"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {TOKEN}", "Accept-Language": "en"},
    )

    assert response.status_code == 415
