"""The LMS page behind the course tab: the course's meetings and consultations fetched through
the client as the signed-in user, and a friendly message whenever the service fails."""

import socket
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from collab_service.accounts.authentication import lms_jwt_verifier
from edx_plugins.szpon.course_app import meetings_set_enabled
from tests.edx_plugins.conftest import COURSE_ID, point_plugin_at
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("szpon:course_meetings", args=[COURSE_ID])

MEETINGS = [
    {
        "id": 7,
        "block_id": "block-v1:UrzadA+RODO+2026+type@szpon_meeting+block@m1",
        "course_id": COURSE_ID,
        "public_id": "c0ffee",
        "title": "Webinarium: RODO w praktyce",
        "schedule": "scheduled",
        "start": "2026-05-04T10:00:00+02:00",
        "end": "2026-05-04T11:30:00+02:00",
        "state": "upcoming",
        "guest_access": True,
        "completion_minutes": 45,
        "ics_url": "http://collab.test/meetings/c0ffee.ics",
        "public_url": "http://collab.test/m/c0ffee",
        "me": {"can_host": False, "attended_minutes": 50, "completed": True},
    },
    {
        "id": 8,
        "block_id": "block-v1:UrzadA+RODO+2026+type@szpon_meeting+block@m2",
        "course_id": COURSE_ID,
        "public_id": "beef",
        "title": "Dyżur prowadzącego <b>na żądanie</b>",
        "schedule": "on_demand",
        "start": None,
        "end": None,
        "state": "not_started",
        "guest_access": False,
        "completion_minutes": 0,
        "ics_url": "",
        "public_url": "",
        "me": {"can_host": False, "attended_minutes": 0, "completed": False},
    },
]
CONSULTATIONS = [
    {
        "block_id": "block-v1:UrzadA+RODO+2026+type@szpon_appointment+block@a1",
        "title": "Konsultacje z inspektorem ochrony danych",
        "case_type": 3,
        "case_type_name": "Konsultacja RODO",
        "booking_url": "http://collab.test/visits/urzad-a/3/",
    }
]


@pytest.fixture
def course_on():
    meetings_set_enabled(course_id=COURSE_ID, enabled=True)


@pytest.fixture
def learner(client):
    user = UserFactory(username="ola", email="ola@example.gov.pl")
    client.force_login(user)
    return user


def _claims(seen) -> dict:
    return lms_jwt_verifier().verify(seen.headers["authorization"].split()[1])


def test_page_needs_a_signed_in_user(client, course_on):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_page_is_not_found_while_the_course_app_is_off(client, learner):
    assert client.get(URL).status_code == 404


def test_page_lists_meetings_and_consultations(client, learner, course_on, standin, settings):
    point_plugin_at(settings, standin.url)
    standin.answer((200, MEETINGS), (200, CONSULTATIONS))

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Webinarium: RODO w praktyce" in html
    assert "Upcoming" in html
    assert 'datetime="2026-05-04T10:00:00+02:00"' in html
    assert "You attended this meeting." in html
    assert 'href="http://collab.test/meetings/c0ffee.ics"' in html
    assert "Dyżur prowadzącego &lt;b&gt;na żądanie&lt;/b&gt;" in html
    assert "On demand: the host starts it when needed." in html
    assert "Not started yet" in html
    assert "Konsultacje z inspektorem ochrony danych" in html
    assert 'href="http://collab.test/visits/urzad-a/3/"' in html
    query = "?" + urlencode({"course_id": COURSE_ID})
    assert [seen.path for seen in standin.seen] == [
        f"/api/v1/course-meetings/{query}",
        f"/api/v1/course-consultations/{query}",
    ]
    claims = _claims(standin.seen[0])
    assert claims["user_id"] == learner.pk
    assert claims["szpon"] == {"course_id": COURSE_ID, "course_role": "learner"}


def test_course_staff_ask_as_staff(client, course_on, standin, settings):
    client.force_login(UserFactory(is_staff=True))
    point_plugin_at(settings, standin.url)
    standin.answer((200, []), (200, []))
    response = client.get(URL)
    assert response.status_code == 200
    assert "This course has no meetings yet." in response.content.decode()
    assert "This course offers no consultations yet." in response.content.decode()
    assert _claims(standin.seen[0])["szpon"]["course_role"] == "staff"


def test_service_down_shows_a_friendly_message(client, learner, course_on, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    point_plugin_at(settings, f"http://127.0.0.1:{port}")

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("The meetings service is not available right now. Please try later.") == 2
    assert "Traceback" not in html
    assert "ConnectError" not in html


def test_service_refusal_shows_its_message(client, learner, course_on, standin, settings):
    point_plugin_at(settings, standin.url)
    standin.answer(
        (403, {"message": "This course is not connected to an institution.", "code": "denied"}),
        (200, CONSULTATIONS),
    )
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This course is not connected to an institution." in html
    assert "Konsultacje z inspektorem ochrony danych" in html


def test_unconfigured_signing_key_shows_a_friendly_message(
    client, learner, course_on, standin, settings
):
    settings.SZPON_SERVICE = {**settings.SZPON_SERVICE, "URL": standin.url, "JWT_PRIVATE_KEY": ""}
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count("Meetings are not set up on this site yet.") == 2
    assert standin.seen == []


def test_page_speaks_the_users_language(client, learner, course_on, standin, settings):
    point_plugin_at(settings, standin.url)
    standin.answer((200, []), (200, []))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    response = client.get(URL)
    assert '<html lang="pl">' in response.content.decode()
    assert standin.seen[0].headers["accept-language"] == "pl"


def test_service_down_is_asked_once_not_for_each_list(
    client, learner, course_on, standin, settings
):
    point_plugin_at(settings, standin.url)
    standin.answer((503, {"message": "down"}))
    response = client.get(URL)
    assert response.status_code == 200
    assert len(standin.seen) == 3  # one GET, retried twice; the consultations are not asked
    assert {seen.path.split("?")[0] for seen in standin.seen} == {"/api/v1/course-meetings/"}


def test_users_neither_enrolled_nor_staff_are_refused(
    client, learner, course_on, standin, settings, platform
):
    class CourseEnrollment:
        @classmethod
        def is_enrolled(cls, user, course_key):
            return False

    platform("common.djangoapps.student.models", CourseEnrollment=CourseEnrollment)
    point_plugin_at(settings, standin.url)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Enrol in this course to see its meetings and consultations." in (
        response.content.decode()
    )
    assert standin.seen == []


def test_no_service_address_shows_a_friendly_message(client, learner, course_on, settings):
    point_plugin_at(settings, "")
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count("Meetings are not set up on this site yet.") == 2
