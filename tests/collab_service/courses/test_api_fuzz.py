"""Schemathesis on the course endpoints with the plugin's course context (the suite-wide fuzz
test carries no course claim, so it mostly meets 403s here): no input answers 5xx."""

import pytest
from hypothesis import HealthCheck, given, settings

from collab_service.courses.models import CourseMeeting
from tests.collab_service.core.test_api_fuzz import api_schema  # noqa: F401 - a fixture
from tests.infra.jwt_keys import lms_token

from .conftest import COURSE, STAFF, starting_now


@pytest.fixture
def staff_headers(academy) -> dict:
    """Made before the schema fixture: the test client reconnects the signal it takes off."""
    starting_now(guest_access=True)
    token = lms_token(
        user_id=STAFF.user_id,
        preferred_username=STAFF.username,
        exp=2_000_000_000,
        szpon={"course_id": COURSE, "course_role": "staff"},
    )
    return {"Authorization": f"JWT {token}"}


def test_course_endpoints_never_answer_a_server_error(staff_headers, api_schema):  # noqa: F811
    courses = api_schema.include(path_regex=r"course-|learner-bookings")
    operations = [result.ok() for result in courses.get_all_operations()]
    assert len(operations) == 14
    assert CourseMeeting.objects.count() == 1

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=40,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def no_server_error(case):
            response = case.call(headers=staff_headers)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)
            if response.status_code >= 400 and response.status_code != 405:
                assert "message" in response.json(), response.text

        no_server_error()
