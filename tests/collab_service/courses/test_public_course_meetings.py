"""What anonymous browsers on course pages reach directly: schedule, calendar file, guest join,
with CORS for the LMS's origins only and a limit per client."""

import pytest
from icalendar import Calendar
from rest_framework.test import APIClient

from collab_service.meetings.models import Meeting, Participant
from collab_service.meetings.services.meetings import meeting_cancel

from .conftest import BLOCK, COURSE, starting_now, sync

pytestmark = pytest.mark.django_db

LMS = "https://lms.example.gov.pl"
STRANGER = "https://evil.example.com"


@pytest.fixture(autouse=True)
def _origins(settings):
    settings.LMS_ORIGINS = [LMS, "https://apps.lms.example.gov.pl"]
    settings.LMS_URL = LMS


def _public(answer: dict) -> str:
    return f"/api/v1/public/course-meetings/{answer['public_id']}/"


def test_anyone_reads_the_schedule_without_ids_or_people(academy):
    answer = sync(guest_access=True)

    response = APIClient().get(_public(answer))

    assert response.status_code == 200
    assert response.json() == {
        "public_id": answer["public_id"],
        "title": "Webinarium o e-usługach",
        "schedule": "scheduled",
        "start": answer["start"],
        "end": answer["end"],
        "state": "upcoming",
        "guest_access": True,
        "joinable": False,
        "ics_url": answer["ics_url"],
    }


def test_live_meeting_is_joinable(academy):
    answer = starting_now()

    body = APIClient().get(_public(answer)).json()

    assert (body["state"], body["joinable"]) == ("live", True)


def test_calendar_file_has_the_time_and_the_course_link_but_no_addresses(academy):
    answer = sync()
    meeting = Meeting.objects.get()

    response = APIClient().get(answer["ics_url"].removeprefix("http://testserver"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    calendar = Calendar.from_ical(text)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.pk}@szpon"
    assert event.decoded("DTSTART") == meeting.start
    assert event.decoded("DTEND") == meeting.end
    assert str(event["SUMMARY"]) == "Webinarium o e-usługach"
    assert str(event["URL"]) == f"{LMS}/courses/{COURSE}/jump_to/{BLOCK}"
    assert "ATTENDEE" not in text
    assert "ORGANIZER" not in text
    assert "mailto:" not in text
    assert "@example" not in text


def test_calendar_of_an_unstarted_on_demand_meeting_is_empty_and_cancelled_says_so(academy):
    on_demand = sync(schedule="on_demand", start=None)
    empty = Calendar.from_ical(APIClient().get(f"{_public(on_demand)}meeting.ics").content)
    meeting_cancel(meeting=Meeting.objects.get())

    cancelled = Calendar.from_ical(APIClient().get(f"{_public(on_demand)}meeting.ics").content)

    assert empty.walk("VEVENT") == []
    assert cancelled.walk("VEVENT") == []  # still not started: nothing to take out of a calendar
    scheduled = sync(block_id=f"{BLOCK}2")
    meeting_cancel(meeting=Meeting.objects.get(course_meeting__block_id=f"{BLOCK}2"))
    text = APIClient().get(f"{_public(scheduled)}meeting.ics").content
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"


def test_guest_joins_an_open_meeting_when_allowed(academy):
    answer = starting_now(guest_access=True)

    response = APIClient().post(
        f"{_public(answer)}guest-join/", {"name": "  Jan   Gość "}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["join_url"].startswith("http://testserver/courses/join/")
    guest = Participant.objects.get(role=Participant.Role.GUEST)
    assert (guest.name, guest.email, guest.user) == ("Jan Gość", "", None)


def test_guest_join_is_refused_unless_allowed(academy):
    answer = starting_now(guest_access=False)

    response = APIClient().post(f"{_public(answer)}guest-join/", {"name": "Jan"}, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "guests_not_allowed"
    assert not Participant.objects.filter(role=Participant.Role.GUEST).exists()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"start": None, "schedule": "on_demand"}, "meeting_not_started"),
        ({}, "meeting_not_open"),
    ],
)
def test_guest_join_of_a_closed_meeting_is_409(academy, overrides, code):
    answer = sync(guest_access=True, **overrides)

    response = APIClient().post(f"{_public(answer)}guest-join/", {"name": "Jan"}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == code


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "x" * 201}, {"name": "a\x00"}, [1]])
def test_guest_join_with_a_bad_name_is_400(academy, body):
    answer = starting_now(guest_access=True)

    response = APIClient().post(f"{_public(answer)}guest-join/", body, format="json")

    assert response.status_code == 400


def test_unknown_meeting_is_404(academy):
    unknown = "0d4b0f8e-0000-4000-8000-000000000000"

    response = APIClient().get(f"/api/v1/public/course-meetings/{unknown}/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_public_reads_and_guest_joins_are_limited_per_client(academy, settings):
    settings.COURSES_PUBLIC_READS_PER_CLIENT_HOUR = 2
    settings.COURSES_GUEST_JOINS_PER_CLIENT_HOUR = 1
    answer = starting_now(guest_access=True)
    client = APIClient()

    reads = [client.get(_public(answer)).status_code for _ in range(3)]
    joins = [
        client.post(f"{_public(answer)}guest-join/", {"name": "J"}, format="json").status_code
        for _ in range(2)
    ]

    assert reads == [200, 200, 429]
    assert joins == [200, 429]
    limited = client.get(_public(answer))
    assert limited.json()["code"] == "throttled"
    assert limited["Retry-After"] == "3600"


def test_cors_allows_the_lms_origin_only(academy):
    answer = sync()
    client = APIClient()

    allowed = client.get(_public(answer), HTTP_ORIGIN=LMS)
    refused = client.get(_public(answer), HTTP_ORIGIN=STRANGER)

    assert allowed["Access-Control-Allow-Origin"] == LMS
    assert "Access-Control-Allow-Credentials" not in allowed
    assert "Origin" in allowed["Vary"]
    assert refused.status_code == 200
    assert "Access-Control-Allow-Origin" not in refused


def test_cors_preflight_for_guest_join(academy):
    answer = sync(guest_access=True)

    response = APIClient().options(
        f"{_public(answer)}guest-join/",
        HTTP_ORIGIN=LMS,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == LMS
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "Content-Type" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize(
    ("path", "cors"),
    [
        ("/api/v1/public/case-types/1/availability/?start=2026-06-01&end=2026-06-01", True),
        ("/api/v1/public/bookings/", True),
        ("/api/v1/public/institutions/urzad-akademia/case-types/", True),
        ("/api/v1/public/bookings/lookup/", False),
        ("/api/v1/course-meetings/", False),
        ("/api/v1/me/", False),
        ("/", False),
    ],
)
def test_cors_reaches_the_public_booking_endpoints_and_nothing_else(academy, path, cors):
    response = APIClient().get(path, HTTP_ORIGIN=LMS)

    assert ("Access-Control-Allow-Origin" in response) is cors


def test_cors_preflight_from_a_stranger_gets_no_grant(academy):
    response = APIClient().options(
        "/api/v1/public/bookings/",
        HTTP_ORIGIN=STRANGER,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )

    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Methods" not in response


def test_no_origins_configured_means_no_cors(academy, settings):
    settings.LMS_ORIGINS = []
    answer = sync()

    response = APIClient().get(_public(answer), HTTP_ORIGIN=LMS)

    assert "Access-Control-Allow-Origin" not in response
