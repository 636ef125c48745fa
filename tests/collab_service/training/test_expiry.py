"""Certificate expiry: calendar months from the issue day, renewed by a new certificate, and
recomputed whenever the course's rule is added, changed or removed."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from collab_service.training.errors import TrainingError
from collab_service.training.models import TrainingRecord
from collab_service.training.services.expiry import certificate_expires_at
from collab_service.training.services.policies import (
    certificate_policy_delete,
    certificate_policy_save,
)
from collab_service.training.states import TrainingState, record_state, state_q
from tests.collab_service.training.conftest import COURSE, T0, record_event
from tests.factories import CertificatePolicyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("issued", "months", "expires"),
    [
        # Local wall-clock time in Warsaw is kept across the change to summer time.
        ("2024-01-15T09:00:00+00:00", 24, "2026-01-15T10:00:00+01:00"),
        ("2024-03-15T09:00:00+00:00", 3, "2024-06-15T10:00:00+02:00"),
        # A day the target month lacks becomes its last day.
        ("2024-01-31T11:00:00+00:00", 1, "2024-02-29T12:00:00+01:00"),
        ("2024-02-29T11:00:00+00:00", 12, "2025-02-28T12:00:00+01:00"),
        # 23:30 on 31 March in Warsaw is still 31 March a month later, not 1 May.
        ("2025-03-31T21:30:00+00:00", 1, "2025-04-30T23:30:00+02:00"),
    ],
)
def test_expiry_is_calendar_months_in_the_service_time_zone(issued, months, expires):
    result = certificate_expires_at(
        issued_at=datetime.fromisoformat(issued), validity_months=months
    )

    assert result.isoformat() == expires


def test_record_expires_per_the_rule_and_is_reminded_before(learner):
    CertificatePolicyFactory(course_id=COURSE, validity_months=24, remind_days_before=30)

    record = record_event(learner, "certificate_created", T0)

    assert record.expires_at == datetime(2027, 3, 10, 9, 0, tzinfo=UTC)
    assert record.remind_at == datetime(2027, 2, 8, 9, 0, tzinfo=UTC)


def test_new_certificate_renews_the_expiry(learner):
    CertificatePolicyFactory(course_id=COURSE, validity_months=24)
    record_event(learner, "certificate_created", T0)

    record = record_event(learner, "certificate_created", T0 + timedelta(days=700))

    assert record.certificate_issued_at == T0 + timedelta(days=700)
    assert record.expires_at == datetime(2029, 2, 8, 9, 0, tzinfo=UTC)


def test_an_older_certificate_arriving_late_does_not_shorten_the_validity(learner):
    CertificatePolicyFactory(course_id=COURSE, validity_months=24)
    record_event(learner, "certificate_created", T0 + timedelta(days=700))

    record = record_event(learner, "certificate_created", T0)

    assert record.expires_at == datetime(2029, 2, 8, 9, 0, tzinfo=UTC)


def test_revoked_certificate_does_not_expire(learner):
    CertificatePolicyFactory(course_id=COURSE)
    record_event(learner, "certificate_created", T0)

    record = record_event(learner, "certificate_revoked", T0 + timedelta(days=1))

    assert (record.expires_at, record.remind_at) == (None, None)


def test_course_without_a_rule_never_expires(learner):
    record = record_event(learner, "certificate_created", T0)

    assert record.expires_at is None
    assert record_state(record, timezone.now()) == TrainingState.CERTIFIED


def test_adding_changing_and_removing_a_rule_recomputes_expiries(learner):
    record_event(learner, "certificate_created", T0)
    other_course = record_event(UserFactory(), "certificate_created", T0, course_id="course-v1:X")

    policy = certificate_policy_save(course_id=COURSE, validity_months=12)
    record = TrainingRecord.objects.get(user=learner)
    assert (record.policy, record.expires_at) == (policy, datetime(2026, 3, 10, 9, tzinfo=UTC))

    certificate_policy_save(
        policy=policy, course_id=COURSE, validity_months=36, remind_days_before=10
    )
    record.refresh_from_db()
    assert record.expires_at == datetime(2028, 3, 10, 9, tzinfo=UTC)
    assert record.remind_at == datetime(2028, 2, 29, 9, tzinfo=UTC)

    certificate_policy_delete(policy=policy)
    record.refresh_from_db()
    assert (record.policy, record.expires_at, record.remind_at) == (None, None, None)
    other_course.refresh_from_db()
    assert other_course.expires_at is None


def test_moving_a_rule_to_another_course_frees_the_first(learner):
    record_event(learner, "certificate_created", T0)
    policy = certificate_policy_save(course_id=COURSE, validity_months=12)

    certificate_policy_save(policy=policy, course_id="course-v1:UM+BHP+2026", validity_months=12)

    assert TrainingRecord.objects.get(user=learner).expires_at is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"validity_months": 0}, "A certificate is valid for 1 to 600 months."),
        ({"validity_months": 601}, "A certificate is valid for 1 to 600 months."),
        ({"remind_days_before": 366}, "Remind 0 to 365 days before expiry."),
        ({"course_id": "  "}, "Give the course id."),
        ({"course_id": "course-v1:UM+RODO 2026"}, "A course id has no spaces."),
    ],
)
def test_rule_out_of_range_is_refused(fields, message):
    with pytest.raises(TrainingError, match=message):
        certificate_policy_save(**{"course_id": COURSE, "validity_months": 24, **fields})


def test_second_rule_for_a_course_is_refused():
    certificate_policy_save(course_id=COURSE, validity_months=24)

    with pytest.raises(TrainingError, match="already has a validity rule"):
        certificate_policy_save(course_id=COURSE, validity_months=12)


def test_states_in_python_and_in_the_database_agree(tenant_a):
    now = timezone.now()
    CertificatePolicyFactory(course_id=COURSE, validity_months=12, remind_days_before=30)
    people = [UserFactory() for _ in range(8)]
    record_event(people[0], "certificate_created", now - timedelta(days=30))
    record_event(people[1], "certificate_created", now - timedelta(days=350))
    record_event(people[2], "certificate_created", now - timedelta(days=400))
    record_event(people[3], "certificate_created", now - timedelta(days=10))
    record_event(people[3], "certificate_revoked", now - timedelta(days=5))
    record_event(people[4], "passing_status_updated", now - timedelta(days=2))
    record_event(people[5], "enrollment_created", now - timedelta(days=2))
    record_event(people[6], "enrollment_created", now - timedelta(days=3))
    record_event(people[6], "unenrollment_completed", now - timedelta(days=2))
    record_event(people[7], "certificate_created", now - timedelta(days=3), course_id="other")

    expected = {
        people[0].pk: "certified",
        people[1].pk: "expiring_soon",
        people[2].pk: "expired",
        people[3].pk: "revoked",
        people[4].pk: "passed",
        people[5].pk: "enrolled",
        people[6].pk: "unenrolled",
        people[7].pk: "certified",
    }
    records = TrainingRecord.objects.all()
    assert {r.user_id: record_state(r, now).value for r in records} == expected
    for state in TrainingState:
        in_db = set(records.filter(state_q(state, now)).values_list("user_id", flat=True))
        assert in_db == {pk for pk, value in expected.items() if value == state}, state
    trained = set(records.filter(state_q("trained", now)).values_list("user_id", flat=True))
    assert trained == {people[0].pk, people[1].pk, people[4].pk, people[7].pk}
