"""The LMS page behind the course tab: the course's meetings and consultations fetched through
the client as the signed-in user from the live service (data made through the service's own
API), and a friendly message whenever the service fails (a stand-in injects the faults the live
service cannot: server errors and refusals)."""

import socket
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from collab_service.accounts.authentication import lms_jwt_verifier
from collab_service.accounts.models import User
from edx_plugins.szpon.course_app import meetings_set_enabled
from tests.edx_plugins.conftest import COURSE_ID, point_plugin_at
from tests.edx_plugins.course_content import (
    CONSULTATION_TITLE,
    LIVE_TITLE,
    UPCOMING_TITLE,
    course_content_make,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("szpon:course_meetings", args=[COURSE_ID])
OTHER_COURSE_ID = "course-v1:UrzadA+KPA+2026"


@pytest.fixture
def course_on():
    meetings_set_enabled(course_id=COURSE_ID, enabled=True)


@pytest.fixture
def learner(client):
    user = UserFactory(username="ola", email="ola@example.gov.pl")
    client.force_login(user)
    return user


@pytest.fixture
def teacher():
    return UserFactory(username="kadra", is_staff=True)


def _claims(authorization: str) -> dict:
    scheme, token = authorization.split()
    assert scheme == "JWT"
    return lms_jwt_verifier().verify(token)


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The suite's default language is Polish; these tests read the English wording (the Polish
    page has its own test)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_page_needs_a_signed_in_user(client, course_on):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_page_is_not_found_while_the_course_app_is_off(client, learner):
    assert client.get(URL).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_page_lists_meetings_and_consultations(
    client, learner, teacher, course_on, live_service, arrivals, settings
):
    content = course_content_make(staff=teacher, attendee=learner)
    arrivals.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert LIVE_TITLE in html
    assert "Live now" in html
    assert html.count("You attended this meeting.") == 1
    assert f'href="{content.live["ics_url"]}"' in html
    assert UPCOMING_TITLE in html
    assert "Upcoming" in html
    assert f'datetime="{content.upcoming["start"]}"' in html
    assert f'href="{content.upcoming["ics_url"]}"' in html
    assert "Dyżur prowadzącego &lt;b&gt;na żądanie&lt;/b&gt;" in html
    assert "On demand: the host starts it when needed." in html
    assert "Not started yet" in html
    assert content.on_demand["ics_url"] not in html  # nothing to put in a calendar yet
    assert CONSULTATION_TITLE in html
    assert "Identity card" in html  # the case type's name in the page's language
    assert f'href="{content.consultation["booking_url"]}"' in html
    query = urlencode({"course_id": COURSE_ID})
    assert [(seen.method, seen.path, seen.query) for seen in arrivals] == [
        ("GET", "/api/v1/course-meetings/", query),
        ("GET", "/api/v1/course-consultations/", query),
    ]
    assert {seen.language for seen in arrivals} == {"en"}
    claims = _claims(arrivals[0].authorization)
    assert claims["user_id"] == learner.pk
    assert claims["szpon"] == {"course_id": COURSE_ID, "course_role": "learner"}
    # The service knows the learner as the LMS user behind the token.
    assert User.objects.get(lms_user_id=learner.pk).email == "ola@example.gov.pl"


@pytest.mark.django_db(transaction=True)
def test_course_staff_ask_as_staff_and_see_only_their_course(
    client, teacher, live_service, arrivals, platform
):
    class CourseEnrollment:
        @classmethod
        def is_enrolled(cls, user, course_key):
            return False

    platform("common.djangoapps.student.models", CourseEnrollment=CourseEnrollment)
    course_content_make(staff=teacher)
    meetings_set_enabled(course_id=OTHER_COURSE_ID, enabled=True)
    client.force_login(teacher)
    arrivals.clear()

    response = client.get(reverse("szpon:course_meetings", args=[OTHER_COURSE_ID]))

    assert response.status_code == 200  # staff need no enrolment
    html = response.content.decode()
    assert "This course has no meetings yet." in html
    assert "This course offers no consultations yet." in html
    assert LIVE_TITLE not in html
    assert len(arrivals) == 2
    assert {_claims(seen.authorization)["szpon"]["course_role"] for seen in arrivals} == {"staff"}
    assert _claims(arrivals[0].authorization)["szpon"]["course_id"] == OTHER_COURSE_ID


@pytest.mark.django_db(transaction=True)
def test_page_speaks_the_users_language(
    client, learner, teacher, course_on, live_service, arrivals, settings
):
    course_content_make(staff=teacher)
    arrivals.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"

    response = client.get(URL)

    html = response.content.decode()
    assert '<html lang="pl">' in html
    # The case type's Polish name comes from the service, asked in the page's language.
    assert "Dowód osobisty" in html
    assert "Identity card" not in html
    assert {seen.language for seen in arrivals} == {"pl"}


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
    consultation = {
        "block_id": "block-v1:UrzadA+RODO+2026+type@szpon_appointment+block@a1",
        "course_id": COURSE_ID,
        "title": CONSULTATION_TITLE,
        "case_type": 3,
        "case_type_name": "Konsultacja RODO",
        "bookable": True,
        "booking_url": "http://collab.test/visits/book/3/",
    }
    standin.answer(
        (403, {"message": "This course is not connected to an institution.", "code": "denied"}),
        (200, [consultation]),
    )
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This course is not connected to an institution." in html
    assert CONSULTATION_TITLE in html


@pytest.mark.django_db(transaction=True)
def test_unconfigured_signing_key_shows_a_friendly_message(
    client, learner, course_on, live_service, arrivals, settings
):
    settings.SZPON_SERVICE = {**settings.SZPON_SERVICE, "JWT_PRIVATE_KEY": ""}
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count("Meetings are not set up on this site yet.") == 2
    assert arrivals == []


def test_service_down_is_asked_once_not_for_each_list(
    client, learner, course_on, standin, settings
):
    point_plugin_at(settings, standin.url)
    standin.answer((503, {"message": "down"}))
    response = client.get(URL)
    assert response.status_code == 200
    assert len(standin.seen) == 3  # one GET, retried twice; the consultations are not asked
    assert {seen.path.split("?")[0] for seen in standin.seen} == {"/api/v1/course-meetings/"}


@pytest.mark.django_db(transaction=True)
def test_users_neither_enrolled_nor_staff_are_refused(
    client, learner, course_on, live_service, arrivals, platform
):
    class CourseEnrollment:
        @classmethod
        def is_enrolled(cls, user, course_key):
            return False

    platform("common.djangoapps.student.models", CourseEnrollment=CourseEnrollment)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Enrol in this course to see its meetings and consultations." in (
        response.content.decode()
    )
    assert arrivals == []


def test_no_service_address_shows_a_friendly_message(client, learner, course_on, settings):
    point_plugin_at(settings, "")
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count("Meetings are not set up on this site yet.") == 2
