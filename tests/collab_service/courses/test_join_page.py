"""The course join page that ``join_url`` opens: the LMS may frame it, nothing else may be framed,
and its signed link lets the right person in with the right role for a limited time."""

import json
import re
import time
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.test import Client

from collab_service.meetings.models import Meeting
from tests.infra.jitsi_settings import room_claims

from .conftest import HOST, LEARNER, STAFF, lms_client, starting_now, sync

pytestmark = pytest.mark.django_db

ANCESTORS = ["https://lms.example.gov.pl", "https://apps.lms.example.gov.pl"]


@pytest.fixture(autouse=True)
def _frame_ancestors(settings):
    settings.FRAME_ANCESTORS = ANCESTORS


def _join_path(person, role: str = "learner", language: str = "en", **overrides) -> str:
    meeting_id = starting_now(**overrides)["id"]
    response = lms_client(person, role, language=language).post(
        f"/api/v1/course-meetings/{meeting_id}/join/"
    )
    assert response.status_code == 200, response.json()
    return response.json()["join_url"].removeprefix("http://testserver")


def _english() -> Client:
    client = Client()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _config(response) -> dict:
    found = re.search(
        r'<script id="jitsi-config" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(found.group(1))


def _ancestors_of(response) -> str:
    (directive,) = [
        d.strip()
        for d in response["Content-Security-Policy"].split(";")
        if d.strip().startswith("frame-ancestors")
    ]
    return directive


@pytest.mark.parametrize(
    ("person", "role", "affiliation"),
    [(STAFF, "staff", "owner"), (HOST, "learner", "owner"), (LEARNER, "learner", "member")],
)
def test_join_page_embeds_the_room_with_the_course_role(academy, person, role, affiliation):
    path = _join_path(person, role)

    response = Client().get(path)

    assert response.status_code == 200
    config = _config(response)
    meeting = Meeting.objects.get()
    assert config["roomName"] == meeting.room_name
    assert config["displayName"] == person.name
    assert config["lang"] == "en"
    assert room_claims(config["jwt"])["context"]["user"]["affiliation"] == affiliation
    assert "Connecting to the video meeting" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_lms_may_frame_the_join_page(academy):
    response = Client().get(_join_path(LEARNER))

    assert _ancestors_of(response) == (
        "frame-ancestors 'self' https://lms.example.gov.pl https://apps.lms.example.gov.pl"
    )
    assert "X-Frame-Options" not in response
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' https://meet.example.gov.pl" in csp
    assert "frame-src 'self' https://meet.example.gov.pl" in csp
    assert "default-src 'self'" in csp


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/visits/status/"])
def test_other_pages_stay_unframable(academy, path):
    response = Client().get(path)

    assert response["X-Frame-Options"] == "DENY"
    assert _ancestors_of(response) == "frame-ancestors 'none'"


def test_meetings_own_join_page_stays_unframable(academy):
    starting_now()
    meeting = Meeting.objects.get()
    client = Client()
    client.force_login(meeting.organiser)

    response = client.get(f"/meetings/{meeting.pk}/join/")

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert _ancestors_of(response) == "frame-ancestors 'none'"


def test_without_configured_ancestors_the_join_page_is_unframable(academy, settings):
    path = _join_path(LEARNER)
    settings.FRAME_ANCESTORS = []

    response = Client().get(path)

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert _ancestors_of(response) == "frame-ancestors 'none'"


def test_expired_link_is_refused_on_a_frameable_page(academy, settings):
    path = _join_path(LEARNER)
    later = time.time() + settings.COURSES_JOIN_LINK_MINUTES * 60 + 5

    with mock.patch("django.core.signing.time.time", return_value=later):
        response = _english().get(path)

    assert response.status_code == 403
    assert "This join link has expired" in response.content.decode()
    assert "X-Frame-Options" not in response
    assert "https://lms.example.gov.pl" in _ancestors_of(response)


@pytest.mark.parametrize("path", ["/courses/join/forged/", "/courses/join/a:b:c/"])
def test_forged_link_is_refused(academy, path):
    response = _english().get(path)

    assert response.status_code == 403
    assert "not valid" in response.content.decode()


def test_withdrawn_participant_is_refused(academy):
    path = _join_path(LEARNER)
    meeting = Meeting.objects.get()
    participant = meeting.participants.get(user__lms_user_id=LEARNER.user_id)
    participant.link_version += 1
    participant.save()

    response = _english().get(path)

    assert response.status_code == 403
    assert "withdrawn" in response.content.decode()


def test_page_speaks_the_language_of_the_join_request(academy):
    path = _join_path(LEARNER, language="pl")

    response = Client().get(path)

    assert response["Content-Language"] == "pl"
    assert _config(response)["lang"] == "pl"
    assert "Łączenie ze spotkaniem wideo" in response.content.decode()


def test_guest_link_opens_the_page_as_member(academy):
    answer = sync(guest_access=True, start=None, schedule="on_demand")
    lms_client(HOST).post(f"/api/v1/course-meetings/{answer['id']}/start/")
    join_url = (
        Client()
        .post(
            f"/api/v1/public/course-meetings/{answer['public_id']}/guest-join/",
            {"name": "Jan Gość"},
            content_type="application/json",
        )
        .json()["join_url"]
    )

    response = Client().get(join_url.removeprefix("http://testserver"))

    assert response.status_code == 200
    claims = room_claims(_config(response)["jwt"])
    assert claims["context"]["user"]["affiliation"] == "member"
    assert claims["context"]["user"]["name"] == "Jan Gość"


def test_page_of_a_meeting_not_started_again_explains(academy):
    answer = sync(schedule="on_demand", start=None)
    lms_client(HOST).post(f"/api/v1/course-meetings/{answer['id']}/start/")
    join_url = lms_client(LEARNER).post(f"/api/v1/course-meetings/{answer['id']}/join/")
    path = join_url.json()["join_url"].removeprefix("http://testserver")
    # The course flips the block back to on demand without a session: it needs a new start.
    sync(schedule="scheduled")
    sync(schedule="on_demand", start=None)

    response = _english().get(path)

    assert response.status_code == 403
    assert "has not been started yet" in response.content.decode()
