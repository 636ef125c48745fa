"""Learning events become training events: the pure mapping, the receivers on real
``send_event`` calls with the real data classes, and delivery with retries while the service is
unavailable (a stand-in server on a real socket injects the outages; its recorded token is
checked by the service's own verifier), and end to end into the live service's records."""

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings as django_settings
from django.utils import timezone
from openedx_events.data import EventsMetadata
from openedx_events.learning.data import (
    CertificateData,
    CourseEnrollmentData,
    CoursePassingStatusData,
)
from openedx_events.learning.signals import (
    CERTIFICATE_CREATED,
    CERTIFICATE_REVOKED,
    COURSE_ENROLLMENT_CREATED,
    COURSE_PASSING_STATUS_UPDATED,
    COURSE_UNENROLLMENT_COMPLETED,
)

from collab_service.accounts.authentication import lms_jwt_verifier
from collab_service.training.models import TrainingEvent, TrainingRecord
from collab_service.training.states import record_state
from edx_plugins.szpon import training_events
from edx_plugins.szpon.tasks import MAX_RETRIES, retry_delay, training_event_deliver
from tests.edx_plugins.conftest import COURSE_ID, course_data, point_plugin_at, user_data
from tests.factories import CertificatePolicyFactory, UserFactory

WHEN = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
RECORD = {"record": {"course_id": COURSE_ID, "state": "enrolled"}}


def _metadata(event_type: str) -> EventsMetadata:
    return EventsMetadata(event_type=event_type, id=uuid.uuid4(), time=WHEN)


def _enrollment(user, mode: str = "audit") -> CourseEnrollmentData:
    return CourseEnrollmentData(
        user=user_data(user),
        course=course_data(),
        mode=mode,
        is_active=True,
        creation_date=WHEN,
    )


def _certificate(user, status: str = "downloadable") -> CertificateData:
    return CertificateData(
        user=user_data(user),
        course=course_data(),
        mode="honor",
        grade="0.92",
        download_url="https://lms.test/certificates/abc",
        name="Ola Nowak",
        current_status=status,
    )


# The pure mapping


def test_enrollment_maps_to_a_training_event():
    user = UserFactory.build(pk=41, username="ola")
    metadata = _metadata(COURSE_ENROLLMENT_CREATED.event_type)
    delivery = training_events.from_enrollment(
        _enrollment(user, mode="verified"), metadata, event_type="enrollment_created"
    )
    assert delivery.user_id == 41
    assert delivery.payload == {
        "event_id": str(metadata.id),
        "event_type": "enrollment_created",
        "occurred_at": "2026-05-04T08:30:00+00:00",
        "course_id": COURSE_ID,
        "course_name": "RODO w urzędzie",
        "enrollment_mode": "verified",
    }


def test_certificate_maps_with_its_details():
    user = UserFactory.build(pk=41)
    metadata = _metadata(CERTIFICATE_REVOKED.event_type)
    delivery = training_events.from_certificate(
        _certificate(user, status="notpassing"), metadata, event_type="certificate_revoked"
    )
    assert delivery.payload["event_type"] == "certificate_revoked"
    assert delivery.payload["certificate"] == {
        "mode": "honor",
        "grade": "0.92",
        "status": "notpassing",
        "download_url": "https://lms.test/certificates/abc",
    }
    assert "enrollment_mode" not in delivery.payload


@pytest.mark.parametrize("is_passing", [True, False])
def test_passing_status_maps(is_passing):
    user = UserFactory.build(pk=41)
    status = CoursePassingStatusData(
        is_passing=is_passing, course=course_data(name=""), user=user_data(user)
    )
    delivery = training_events.from_passing_status(
        status, _metadata(COURSE_PASSING_STATUS_UPDATED.event_type)
    )
    assert delivery.payload["event_type"] == "passing_status_updated"
    assert delivery.payload["is_passing"] is is_passing
    assert "course_name" not in delivery.payload  # the receiver looks it up


def test_retry_delay_doubles_up_to_an_hour():
    assert 30 <= retry_delay(0) <= 33
    assert 60 <= retry_delay(1) <= 66
    assert 3600 <= retry_delay(10) <= 3960
    assert 3600 <= retry_delay(MAX_RETRIES) <= 3960


# Receivers on real send_event calls, delivered to a stand-in service


def _token_claims(seen) -> dict:
    scheme, token = seen.headers["authorization"].split()
    assert scheme == "JWT"
    return lms_jwt_verifier().verify(token)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("signal", "argument", "event_type"),
    [
        (COURSE_ENROLLMENT_CREATED, "enrollment", "enrollment_created"),
        (COURSE_UNENROLLMENT_COMPLETED, "enrollment", "unenrollment_completed"),
        (CERTIFICATE_CREATED, "certificate", "certificate_created"),
        (CERTIFICATE_REVOKED, "certificate", "certificate_revoked"),
        (COURSE_PASSING_STATUS_UPDATED, "course_passing_status", "passing_status_updated"),
    ],
)
def test_each_event_is_delivered_as_its_user(
    signal, argument, event_type, standin, settings, django_capture_on_commit_callbacks
):
    point_plugin_at(settings, standin.url)
    standin.answer((201, RECORD))
    user = UserFactory(username="ola", email="ola@example.gov.pl")
    data = {
        "enrollment": lambda: _enrollment(user),
        "certificate": lambda: _certificate(user),
        "course_passing_status": lambda: CoursePassingStatusData(
            is_passing=True, course=course_data(), user=user_data(user)
        ),
    }[argument]()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        responses = signal.send_event(time=WHEN, **{argument: data})

    assert [error for _receiver, error in responses if isinstance(error, Exception)] == []
    assert len(callbacks) == 1  # delivery waits for the platform's transaction
    assert len(standin.seen) == 1
    seen = standin.seen[0]
    assert (seen.method, seen.path) == ("POST", "/api/v1/training/events/")
    assert seen.body["event_type"] == event_type
    assert seen.body["course_id"] == COURSE_ID
    assert seen.body["occurred_at"] == "2026-05-04T08:30:00+00:00"
    uuid.UUID(seen.body["event_id"])
    claims = _token_claims(seen)
    assert claims["user_id"] == user.pk
    assert claims["email"] == "ola@example.gov.pl"
    assert claims["szpon"] == {"course_id": COURSE_ID, "course_role": "learner"}


@pytest.mark.django_db
def test_nothing_is_sent_when_the_service_is_not_configured(
    standin, settings, django_capture_on_commit_callbacks
):
    point_plugin_at(settings, "")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        COURSE_ENROLLMENT_CREATED.send_event(enrollment=_enrollment(UserFactory()))
    assert callbacks == []
    assert standin.seen == []


@pytest.mark.django_db
def test_delivery_is_retried_with_the_same_event_id_while_the_service_is_down(standin, settings):
    point_plugin_at(settings, standin.url)
    standin.answer((503, {"message": "down"}), (502, {}), (201, RECORD))
    user = UserFactory()
    payload = training_events.from_enrollment(
        _enrollment(user), _metadata("x"), event_type="enrollment_created"
    ).payload

    result = training_event_deliver.apply(kwargs={"user_id": user.pk, "payload": payload})

    assert result.get() == "delivered"
    assert len(standin.seen) == 3
    assert {seen.body["event_id"] for seen in standin.seen} == {payload["event_id"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "unreadable",
    [b"<html>Bad gateway</html>", ["not", "an", "object"]],
    ids=["not-json", "not-an-object"],
)
def test_delivery_is_retried_after_an_answer_that_cannot_be_read(unreadable, standin, settings):
    point_plugin_at(settings, standin.url)
    standin.answer((200, unreadable), (201, RECORD))
    user = UserFactory()
    payload = training_events.from_enrollment(
        _enrollment(user), _metadata("x"), event_type="enrollment_created"
    ).payload

    result = training_event_deliver.apply(kwargs={"user_id": user.pk, "payload": payload})

    assert result.get() == "delivered"
    assert len(standin.seen) == 2


@pytest.mark.django_db
def test_a_replayed_event_is_a_duplicate(standin, settings):
    point_plugin_at(settings, standin.url)
    standin.answer((200, RECORD))
    user = UserFactory()
    payload = training_events.from_enrollment(
        _enrollment(user), _metadata("x"), event_type="enrollment_created"
    ).payload
    result = training_event_deliver.apply(kwargs={"user_id": user.pk, "payload": payload})
    assert result.get() == "duplicate"


@pytest.mark.django_db
def test_refused_event_is_not_retried(standin, settings):
    point_plugin_at(settings, standin.url)
    standin.answer((400, {"message": "course_id: does not match", "code": "invalid"}))
    user = UserFactory()
    payload = training_events.from_enrollment(
        _enrollment(user), _metadata("x"), event_type="enrollment_created"
    ).payload
    result = training_event_deliver.apply(kwargs={"user_id": user.pk, "payload": payload})
    assert result.get() == "refused"
    assert len(standin.seen) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "outcome", "requests"),
    [(status, "delivered", 2) for status in (401, 408, 429)]
    + [(status, "refused", 1) for status in (400, 403, 404, 409, 422)],
)
def test_refusals_that_may_pass_are_retried_and_the_others_are_final(
    status, outcome, requests, standin, settings
):
    point_plugin_at(settings, standin.url)
    standin.answer((status, {"message": "no", "code": "x"}), (201, RECORD))
    user = UserFactory()
    payload = training_events.from_enrollment(
        _enrollment(user), _metadata("x"), event_type="enrollment_created"
    ).payload
    result = training_event_deliver.apply(kwargs={"user_id": user.pk, "payload": payload})
    assert result.get() == outcome
    assert len(standin.seen) == requests


@pytest.mark.django_db
def test_last_attempt_fails_loudly_when_the_service_never_comes_back(standin, settings):
    point_plugin_at(settings, standin.url)
    standin.answer((503, {}))
    user = UserFactory()
    payload = training_events.from_enrollment(
        _enrollment(user), _metadata("x"), event_type="enrollment_created"
    ).payload
    result = training_event_deliver.apply(
        kwargs={"user_id": user.pk, "payload": payload}, retries=MAX_RETRIES
    )
    assert result.state == "FAILURE"
    assert len(standin.seen) == 1


@pytest.mark.django_db
def test_event_of_an_unknown_user_is_dropped(standin, settings):
    point_plugin_at(settings, standin.url)
    result = training_event_deliver.apply(
        kwargs={"user_id": 987654, "payload": {"course_id": COURSE_ID, "event_id": "e"}}
    )
    assert result.get() == "no_user"
    assert standin.seen == []


# End to end: real send_event calls, the receivers, the task, the client and the live service


def _recorded(user) -> TrainingRecord:
    """The service's record of the LMS user in the course (the service keeps its own account
    for the LMS user, keyed by the LMS user id)."""
    return TrainingRecord.objects.get(user__lms_user_id=user.pk, course_id=COURSE_ID)


@pytest.mark.django_db(transaction=True)
def test_live_service_records_an_enrolment_once(live_service):
    user = UserFactory(username="ola", email="ola@example.gov.pl")
    enrolled = timezone.now().replace(microsecond=0) - timedelta(days=3)
    metadata = EventsMetadata(
        event_type=COURSE_ENROLLMENT_CREATED.event_type, id=uuid.uuid4(), time=enrolled
    )
    delivery = training_events.from_enrollment(
        _enrollment(user, mode="verified"), metadata, event_type="enrollment_created"
    )
    kwargs = {"user_id": user.pk, "payload": delivery.payload}

    assert training_event_deliver.apply(kwargs=kwargs).get() == "delivered"
    assert training_event_deliver.apply(kwargs=kwargs).get() == "duplicate"

    record = _recorded(user)
    assert record.user.email == "ola@example.gov.pl"
    assert record.course_name == "RODO w urzędzie"
    assert record.enrollment_mode == "verified"
    assert record.enrolled_at == enrolled
    assert record.unenrolled_at is None
    assert record.certificate_issued_at is None
    assert record.expires_at is None
    assert record_state(record, timezone.now()) == "enrolled"
    assert TrainingEvent.objects.filter(event_id=metadata.id).count() == 1


@pytest.mark.django_db(transaction=True)
def test_live_service_keeps_a_certificate_with_its_validity_and_its_revocation(live_service):
    CertificatePolicyFactory(course_id=COURSE_ID, validity_months=24, remind_days_before=30)
    user = UserFactory()
    now = timezone.now().replace(microsecond=0)
    enrolled, issued, revoked = now - timedelta(days=40), now - timedelta(days=2), now

    COURSE_ENROLLMENT_CREATED.send_event(time=enrolled, enrollment=_enrollment(user))
    CERTIFICATE_CREATED.send_event(time=issued, certificate=_certificate(user))

    record = _recorded(user)
    assert record.enrolled_at == enrolled
    assert record.certificate_issued_at == issued
    assert record.certificate_revoked_at is None
    assert (record.certificate_mode, record.certificate_grade) == ("honor", "0.92")
    assert record.certificate_status == "downloadable"
    assert record.certificate_download_url == "https://lms.test/certificates/abc"
    expires = issued.astimezone(ZoneInfo(django_settings.TIME_ZONE)) + relativedelta(months=24)
    assert record.expires_at == expires
    assert record.remind_at == expires - timedelta(days=30)
    assert record_state(record, timezone.now()) == "certified"

    CERTIFICATE_REVOKED.send_event(time=revoked, certificate=_certificate(user, "notpassing"))

    record = _recorded(user)
    assert record.certificate_issued_at == issued
    assert record.certificate_revoked_at == revoked
    assert record.certificate_status == "notpassing"
    assert record.certificate_download_url == ""
    assert record.expires_at is None  # a revoked certificate does not expire: it is gone
    assert record_state(record, timezone.now()) == "revoked"
    assert TrainingEvent.objects.filter(user=record.user).count() == 3
