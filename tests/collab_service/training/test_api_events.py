"""The LMS plugin reports course events: each type kept on the learner's record, replays answered
200 without change, events out of order still giving the right record, bad input refused."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from collab_service.accounts.models import User
from collab_service.training.models import TrainingEvent, TrainingRecord
from tests.collab_service.training.conftest import (
    COURSE,
    COURSE_NAME,
    EVENTS_URL,
    T0,
    event_body,
    learner_token,
    post_event,
)
from tests.factories import CertificatePolicyFactory
from tests.infra.jwt_keys import lms_token

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def _record(response) -> dict:
    return response.json()["record"]


def test_enrollment_creates_the_record_of_the_token_user(api, learner):
    response = post_event(
        api, learner, event_body("enrollment_created", T0, enrollment_mode="audit")
    )

    assert response.status_code == 201, response.content
    assert _record(response) == {
        "course_id": COURSE,
        "course_name": COURSE_NAME,
        "enrolled_at": "2025-03-10T10:00:00+01:00",
        "unenrolled_at": None,
        "passed_at": None,
        "certificate_issued_at": None,
        "certificate_revoked_at": None,
        "expires_at": None,
        "state": "enrolled",
        "certificate": {"mode": "", "grade": "", "status": "", "download_url": ""},
    }
    record = TrainingRecord.objects.get()
    assert (record.user, record.enrollment_mode) == (learner, "audit")


def test_a_learner_seen_for_the_first_time_is_created_from_the_token(api):
    token = lms_token(
        user_id=777,
        preferred_username="nowy.urzednik",
        email="nowy@urzad.gov.pl",
        szpon={"course_id": COURSE, "course_role": "learner"},
    )

    response = api.post(
        EVENTS_URL,
        event_body("enrollment_created", T0),
        format="json",
        HTTP_AUTHORIZATION=f"JWT {token}",
    )

    assert response.status_code == 201
    assert TrainingRecord.objects.get().user == User.objects.get(lms_user_id=777)


def test_unenrollment_after_enrollment(api, learner):
    post_event(api, learner, event_body("enrollment_created", T0))

    response = post_event(api, learner, event_body("unenrollment_completed", T0 + DAY))

    assert response.status_code == 201
    assert _record(response)["unenrolled_at"] == "2025-03-11T10:00:00+01:00"
    assert _record(response)["state"] == "unenrolled"


def test_passing_status_sets_and_clears_passed(api, learner):
    passed = post_event(api, learner, event_body("passing_status_updated", T0))
    failed = post_event(
        api, learner, event_body("passing_status_updated", T0 + DAY, is_passing=False)
    )

    assert (_record(passed)["passed_at"], _record(passed)["state"]) == (
        "2025-03-10T10:00:00+01:00",
        "passed",
    )
    assert (_record(failed)["passed_at"], _record(failed)["state"]) == (None, "enrolled")


def test_certificate_created_keeps_the_certificate(api, learner):
    response = post_event(api, learner, event_body("certificate_created", T0))

    assert response.status_code == 201
    record = _record(response)
    assert record["certificate_issued_at"] == "2025-03-10T10:00:00+01:00"
    assert record["certificate"] == {
        "mode": "verified",
        "grade": "0.92",
        "status": "downloadable",
        "download_url": "/certificates/abc123",
    }
    assert record["expires_at"] is None
    assert record["state"] == "certified"


def test_certificate_with_a_validity_rule_expires(api, learner):
    CertificatePolicyFactory(course_id=COURSE, validity_months=24)
    issued = timezone.now() - DAY

    response = post_event(api, learner, event_body("certificate_created", issued))

    expires = TrainingRecord.objects.get().expires_at
    assert _record(response)["expires_at"] == timezone.localtime(expires).isoformat()
    assert timezone.localtime(expires).date().year == timezone.localtime(issued).year + 2


def test_certificate_revoked_after_created(api, learner):
    post_event(api, learner, event_body("certificate_created", T0))

    response = post_event(
        api,
        learner,
        event_body("certificate_revoked", T0 + DAY, certificate={"status": "unavailable"}),
    )

    record = _record(response)
    assert record["certificate_revoked_at"] == "2025-03-11T10:00:00+01:00"
    assert record["state"] == "revoked"
    assert record["certificate"]["status"] == "unavailable"
    assert record["certificate"]["download_url"] == ""
    assert TrainingEvent.objects.count() == 2


def test_replay_answers_200_and_changes_nothing(api, learner):
    body = event_body("certificate_created", T0)
    first = post_event(api, learner, body)
    post_event(api, learner, event_body("certificate_revoked", T0 + DAY))

    again = post_event(api, learner, body)

    assert (first.status_code, again.status_code) == (201, 200)
    assert _record(again)["state"] == "revoked"
    assert TrainingEvent.objects.count() == 2


def test_event_id_of_another_course_is_409(api, learner):
    body = event_body("enrollment_created", T0)
    post_event(api, learner, body)
    other = {**body, "course_id": "course-v1:UM+BHP+2026"}

    response = post_event(api, learner, other)

    assert response.status_code == 409
    assert response.json()["code"] == "event_id_reused"
    assert TrainingRecord.objects.count() == 1


def test_revocation_arriving_before_its_certificate_still_wins(api, learner):
    post_event(api, learner, event_body("certificate_revoked", T0 + DAY))

    response = post_event(api, learner, event_body("certificate_created", T0))

    record = _record(response)
    assert record["certificate_issued_at"] == "2025-03-10T10:00:00+01:00"
    assert record["certificate_revoked_at"] == "2025-03-11T10:00:00+01:00"
    assert record["state"] == "revoked"


def test_certificate_issued_again_after_revocation_is_valid(api, learner):
    post_event(api, learner, event_body("certificate_created", T0 + 2 * DAY))
    post_event(api, learner, event_body("certificate_revoked", T0 + DAY))

    response = post_event(api, learner, event_body("certificate_created", T0))

    record = _record(response)
    assert record["certificate_issued_at"] == "2025-03-12T10:00:00+01:00"
    assert record["certificate_revoked_at"] is None
    assert record["state"] == "certified"


def test_an_older_passing_status_arriving_late_does_not_overwrite_a_newer_one(api, learner):
    post_event(api, learner, event_body("passing_status_updated", T0 + DAY))

    response = post_event(api, learner, event_body("passing_status_updated", T0, is_passing=False))

    assert _record(response)["passed_at"] == "2025-03-11T10:00:00+01:00"


def test_an_older_enrollment_arriving_late_keeps_the_unenrollment(api, learner):
    post_event(api, learner, event_body("unenrollment_completed", T0 + DAY))

    response = post_event(api, learner, event_body("enrollment_created", T0))

    assert _record(response)["state"] == "unenrolled"


def test_staff_token_reports_its_own_events_too(api, learner):
    token = learner_token(learner, role="staff")

    response = post_event(api, learner, event_body("enrollment_created", T0), token=token)

    assert response.status_code == 201


def test_token_without_the_plugin_claim_is_403(api, learner):
    token = learner_token(learner, szpon=None)

    response = post_event(api, learner, event_body("enrollment_created", T0), token=token)

    assert response.status_code == 403
    assert response.json()["code"] == "plugin_context_required"
    assert "plugin" in response.json()["message"]
    assert not TrainingRecord.objects.exists()


def test_signed_in_session_without_a_token_is_403(api, learner):
    response = api.as_user(learner).post(
        EVENTS_URL, event_body("enrollment_created", T0), format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "plugin_context_required"


def test_no_credentials_is_401(api):
    response = api.post(EVENTS_URL, event_body("enrollment_created", T0), format="json")

    assert response.status_code == 401


def test_event_for_another_course_than_the_token_is_403(api, learner):
    token = learner_token(learner, course_id="course-v1:UM+BHP+2026")

    response = post_event(api, learner, event_body("enrollment_created", T0), token=token)

    assert response.status_code == 403
    assert response.json() == {
        "message": "The event's course is not the course the token was issued for.",
        "code": "course_mismatch",
    }
    assert not TrainingRecord.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"event_type": "grade_changed"}, "event_type"),
        ({"event_id": "not-a-uuid"}, "event_id"),
        ({"event_id": None}, "event_id"),
        ({"occurred_at": "yesterday"}, "occurred_at"),
        ({"occurred_at": "2025-02-30T10:00:00Z"}, "occurred_at"),
        ({"occurred_at": "1999-12-31T10:00:00Z"}, "occurred_at"),
        ({"occurred_at": "2999-01-01T10:00:00Z"}, "occurred_at"),
        ({"course_id": ""}, "course_id"),
        ({"course_id": "x" * 256}, "course_id"),
        ({"course_name": "a\x00b"}, "course_name"),
        ({"course_name": ["x"]}, "course_name"),
        ({"enrollment_mode": {"x": 1}}, "enrollment_mode"),
    ],
)
def test_bad_fields_are_400_with_the_field_named(api, learner, changes, field):
    body = {**event_body("enrollment_created", T0), **changes}

    response = post_event(api, learner, body, token=learner_token(learner))

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert response.json()["message"].startswith(f"{field}: ")
    assert not TrainingEvent.objects.exists()


@pytest.mark.parametrize("missing", ["event_id", "event_type", "occurred_at", "course_id"])
def test_missing_fields_are_400(api, learner, missing):
    body = event_body("enrollment_created", T0)
    del body[missing]

    response = post_event(api, learner, body, token=learner_token(learner))

    assert response.status_code == 400
    assert response.json()["errors"][missing] == ["This field is required."]


def test_passing_event_without_is_passing_is_400(api, learner):
    body = event_body("passing_status_updated", T0)
    del body["is_passing"]

    response = post_event(api, learner, body)

    assert response.status_code == 400
    assert "is_passing" in response.json()["errors"]


@pytest.mark.parametrize("event_type", ["certificate_created", "certificate_revoked"])
def test_certificate_event_without_the_certificate_is_400(api, learner, event_type):
    body = event_body(event_type, T0)
    del body["certificate"]

    response = post_event(api, learner, body)

    assert response.status_code == 400
    assert response.json()["message"] == "certificate: A certificate event needs the certificate."


@pytest.mark.parametrize(
    "certificate",
    [
        {"download_url": "javascript:alert(1)"},
        {"download_url": "ftp://example.org/c"},
        {"grade": "x" * 101},
        "downloadable",
    ],
)
def test_bad_certificate_is_400(api, learner, certificate):
    body = event_body("certificate_created", T0, certificate=certificate)

    response = post_event(api, learner, body)

    assert response.status_code == 400
    assert "certificate" in response.json()["errors"]
    assert not TrainingRecord.objects.exists()


def test_body_that_is_not_an_object_is_400(api, learner):
    response = api.generic(
        "POST",
        EVENTS_URL,
        b"[1]",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"JWT {learner_token(learner)}",
    )

    assert response.status_code == 400
    assert response.json()["message"]


def test_same_event_id_from_another_person_is_409(api, learner, tenant_a):
    body = event_body("enrollment_created", T0, event_id=uuid.uuid4())
    post_event(api, learner, body)

    response = post_event(api, tenant_a.manager, body)

    assert response.status_code == 409
    assert TrainingRecord.objects.filter(user=tenant_a.manager).count() == 0


def test_null_optional_texts_count_as_empty(api, learner):
    body = event_body(
        "certificate_created",
        T0,
        course_name=None,
        enrollment_mode=None,
        certificate={"mode": None, "grade": None, "status": "downloadable", "download_url": None},
    )

    response = post_event(api, learner, body)

    assert response.status_code == 201, response.content
    assert _record(response)["course_name"] == COURSE
    assert _record(response)["certificate"] == {
        "mode": "",
        "grade": "",
        "status": "downloadable",
        "download_url": "",
    }
