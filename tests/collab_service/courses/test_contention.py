"""Many requests at once through HTTP: one meeting per block, one participant per person, and
never more learners in a slot than it holds."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest

from collab_service.appointments.models import Booking
from collab_service.courses.models import CourseConsultation, CourseMeeting, LearnerBooking
from collab_service.meetings.models import Meeting, Participant
from tests.collab_service.appointments.conftest import MONDAY_MORNING, make_office
from tests.infra.jwt_keys import lms_token

from .conftest import BLOCK, COURSE, STAFF, meeting_body, starting_now

pytestmark = pytest.mark.django_db(transaction=True)

STORM = 12


def _call(url: str, method: str, token: str, body: dict | None = None) -> tuple[int, dict]:
    headers = {
        "Content-Type": "application/json",
        "Accept-Language": "en",
        "Authorization": f"JWT {token}",
    }
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _token(user_id: int, role: str = "learner") -> str:
    return lms_token(
        user_id=user_id,
        preferred_username=f"person{user_id}",
        email=f"person{user_id}@example.org",
        szpon={"course_id": COURSE, "course_role": role},
    )


def _storm(calls: list[tuple]) -> list[tuple[int, dict]]:
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda args: _call(*args), calls))


def test_concurrent_first_syncs_of_a_block_make_one_meeting(live_server, academy):
    url = f"{live_server.url}/api/v1/course-meetings/by-block/"
    token = _token(STAFF.user_id, "staff")

    results = _storm([(url, "PUT", token, meeting_body())] * STORM)

    assert {status for status, _body in results} == {200}, results
    assert {body["id"] for _status, body in results} == {CourseMeeting.objects.get().pk}
    assert Meeting.objects.count() == 1
    assert CourseMeeting.objects.get().block_id == BLOCK


def test_concurrent_joins_of_one_learner_make_one_participant(live_server, academy):
    meeting_id = starting_now()["id"]
    url = f"{live_server.url}/api/v1/course-meetings/{meeting_id}/join/"

    results = _storm([(url, "POST", _token(777), None)] * STORM)

    assert {status for status, _body in results} == {200}, results
    assert Participant.objects.filter(user__lms_user_id=777).count() == 1


@pytest.mark.parametrize("capacity", [1, 3])
def test_learners_storming_one_slot_never_exceed_its_capacity(live_server, settings, capacity):
    settings.BOOKING_LIMIT_PER_EMAIL_DAY = 10_000
    office = make_office("S", officials=1, capacity=capacity)
    office.tenant.institution.lms_orgs = "SZPON"
    office.tenant.institution.save()
    block = "block-v1:SZPON+K101+2026+type@szpon_appointment+block@storm"
    CourseConsultation.objects.create(
        block_id=block, course_id=COURSE, title="Storm", case_type=office.case_type
    )
    url = f"{live_server.url}/api/v1/learner-bookings/"
    body = {
        "case_type": office.case_type.pk,
        "start": "2026-06-01T10:00:00+02:00",
        "block_id": block,
    }

    with mock.patch("django.utils.timezone.now", return_value=MONDAY_MORNING):
        results = _storm([(url, "POST", _token(2000 + n), body) for n in range(STORM)])

    statuses = sorted(status for status, _body in results)
    assert statuses == [201] * capacity + [409] * (STORM - capacity), results
    assert all(b["code"] == "slot_taken" for s, b in results if s == 409)
    confirmed = Booking.objects.filter(status=Booking.Status.CONFIRMED)
    assert confirmed.count() == LearnerBooking.objects.count() == capacity
