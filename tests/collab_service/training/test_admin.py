"""The certificate rules in the Django admin: the page's checks, then the recomputation."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from collab_service.training.models import CertificatePolicy, TrainingRecord
from tests.collab_service.training.conftest import COURSE, T0, record_event

pytestmark = pytest.mark.django_db

ADD = "/admin/training/certificatepolicy/add/"


def _rule(**overrides) -> dict:
    body = {
        "course_id": COURSE,
        "course_name": "RODO",
        "validity_months": 12,
        "remind_days_before": 30,
        "course_url": "",
    }
    body.update(overrides)
    return body


@pytest.fixture
def admin_client(platform_admin) -> Client:
    client = Client()
    client.force_login(platform_admin)
    return client


def test_admin_refuses_a_course_id_with_spaces(admin_client):
    response = admin_client.post(ADD, _rule(course_id="course-v1:UM+RODO 2026"))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert [(field, [e.code for e in found]) for field, found in errors.items()] == [
        ("course_id", ["spaces"])
    ]
    assert not CertificatePolicy.objects.exists()


def test_admin_saves_a_rule_and_recomputes_the_courses_records(admin_client, learner):
    record_event(learner, "certificate_created", T0)

    response = admin_client.post(ADD, _rule())

    assert response.status_code == 302
    policy = CertificatePolicy.objects.get()
    record = TrainingRecord.objects.get(user=learner)
    assert (record.policy, record.expires_at) == (policy, datetime(2026, 3, 10, 9, tzinfo=UTC))


def test_admin_moving_a_rule_to_another_course_frees_the_first(admin_client, learner):
    record_event(learner, "certificate_created", T0)
    admin_client.post(ADD, _rule())
    policy = CertificatePolicy.objects.get()

    response = admin_client.post(
        f"/admin/training/certificatepolicy/{policy.pk}/change/",
        _rule(course_id="course-v1:UM+BHP+2026"),
    )

    assert response.status_code == 302
    record = TrainingRecord.objects.get(user=learner)
    assert (record.policy, record.expires_at) == (None, None)
