"""Reminders before a certificate expires: e-mailed through the outbox to a real SMTP server, once
per certificate and expiry date, with a link back to the course, optionally to the admins."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings as django_settings
from django.utils import timezone

from collab_service.celery_app import app
from collab_service.notifications.models import OutgoingEmail
from collab_service.tasks.services.notifications import task_email_preference_set
from collab_service.training.models import CertificateReminder
from collab_service.training.services.reminders import (
    certificate_reminders_send_due,
    reminder_language,
)
from tests.collab_service.training.conftest import COURSE, COURSE_NAME, record_event
from tests.factories import CertificatePolicyFactory

pytestmark = pytest.mark.django_db
LMS = "https://lms.szpon.example"


@pytest.fixture
def lms(settings):
    settings.LMS_URL = LMS
    return settings


def _issued(days_left: int):
    """A certificate issued so that its 24 months end in ``days_left`` days."""
    return timezone.now() - relativedelta(months=24) + timedelta(days=days_left)


def _send(capture, **kwargs) -> int:
    with capture(execute=True):
        return certificate_reminders_send_due(**kwargs)


def _body(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_official_is_reminded_once_with_a_link_to_the_course(
    learner, lms, smtp_server, django_capture_on_commit_callbacks
):
    task_email_preference_set(user=learner, enabled=True, language="en")
    CertificatePolicyFactory(course_id=COURSE, validity_months=24, remind_days_before=30)
    record = record_event(learner, "certificate_created", _issued(days_left=20))

    first = _send(django_capture_on_commit_callbacks)
    second = _send(django_capture_on_commit_callbacks)

    assert (first, second) == (1, 0)
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    expires = timezone.localtime(record.expires_at).date()
    assert message["To"] == learner.email
    # A long non-ASCII subject is folded after "Subject:", which unfolds to a leading space.
    assert message["Subject"].strip() == (
        f"SZPoN: your certificate for {COURSE_NAME} expires on {expires.isoformat()}"
    )
    body = _body(message)
    assert f"Hello {learner.display_name}," in body
    assert f"is valid until {expires.day} " in body
    assert f"The course: {LMS}/courses/{COURSE}/about" in body
    assert "Your training and certificates: http://testserver/training/" in body
    reminder = CertificateReminder.objects.get()
    assert (reminder.record, reminder.expires_at) == (record, record.expires_at)
    assert reminder.recipients == [learner.email]


def test_reminder_uses_the_rules_course_address(
    learner, lms, smtp_server, django_capture_on_commit_callbacks
):
    CertificatePolicyFactory(course_id=COURSE, course_url="https://szkolenia.example/rodo")
    record_event(learner, "certificate_created", _issued(days_left=5))

    _send(django_capture_on_commit_callbacks)

    assert "https://szkolenia.example/rodo" in _body(smtp_server.messages[0])


def test_without_an_lms_address_the_reminder_has_no_course_link(
    learner, settings, smtp_server, django_capture_on_commit_callbacks
):
    settings.LMS_URL = ""
    CertificatePolicyFactory(course_id=COURSE)
    record_event(learner, "certificate_created", _issued(days_left=5))

    _send(django_capture_on_commit_callbacks)

    body = _body(smtp_server.messages[0])
    assert "/courses/" not in body
    assert "http://testserver/training/" in body


def test_reminder_is_in_the_persons_language(
    learner, lms, smtp_server, django_capture_on_commit_callbacks
):
    CertificatePolicyFactory(course_id=COURSE)
    record = record_event(learner, "certificate_created", _issued(days_left=5))

    _send(django_capture_on_commit_callbacks)

    assert reminder_language(learner) == django_settings.LANGUAGE_CODE == "pl"
    polish_month = {
        1: "stycznia",
        2: "lutego",
        3: "marca",
        4: "kwietnia",
        5: "maja",
        6: "czerwca",
        7: "lipca",
        8: "sierpnia",
        9: "września",
        10: "października",
        11: "listopada",
        12: "grudnia",
    }[timezone.localtime(record.expires_at).month]
    assert polish_month in _body(smtp_server.messages[0])


def test_admins_of_the_officials_institution_get_a_copy_when_the_rule_says_so(
    tenant_a, tenant_b, lms, smtp_server, django_capture_on_commit_callbacks
):
    for person in (tenant_a.official, tenant_a.admin):
        task_email_preference_set(user=person, enabled=True, language="en")
    CertificatePolicyFactory(course_id=COURSE, notify_institution_admins=True)
    record_event(tenant_a.official, "certificate_created", _issued(days_left=10))

    _send(django_capture_on_commit_callbacks)

    by_recipient = {message["To"]: message for message in smtp_server.messages}
    assert set(by_recipient) == {tenant_a.official.email, tenant_a.admin.email}
    copy = by_recipient[tenant_a.admin.email]
    assert (
        copy["Subject"]
        .strip()
        .startswith(
            f"SZPoN: the certificate of {tenant_a.official.display_name} for {COURSE_NAME} expires"
        )
    )
    body = _body(copy)
    assert f"Hello {tenant_a.admin.display_name}," in body
    assert (
        f"http://testserver/training/institutions/{tenant_a.institution.slug}"
        f"/people/{tenant_a.official.pk}/"
    ) in body
    assert CertificateReminder.objects.get().recipients == [
        tenant_a.official.email,
        tenant_a.admin.email,
    ]


def test_admins_get_no_copy_unless_the_rule_says_so(
    tenant_a, lms, smtp_server, django_capture_on_commit_callbacks
):
    CertificatePolicyFactory(course_id=COURSE, notify_institution_admins=False)
    record_event(tenant_a.official, "certificate_created", _issued(days_left=10))

    _send(django_capture_on_commit_callbacks)

    assert [message["To"] for message in smtp_server.messages] == [tenant_a.official.email]


@pytest.mark.parametrize("days_left", [45, 0, -3])
def test_no_reminder_before_the_window_or_once_expired(learner, days_left):
    CertificatePolicyFactory(course_id=COURSE, remind_days_before=30)
    record_event(learner, "certificate_created", _issued(days_left=days_left))

    assert certificate_reminders_send_due() == 0
    assert not OutgoingEmail.objects.exists()


def test_no_reminder_for_a_revoked_certificate(learner):
    CertificatePolicyFactory(course_id=COURSE)
    issued = _issued(days_left=10)
    record_event(learner, "certificate_created", issued)
    record_event(learner, "certificate_revoked", issued + timedelta(days=1))

    assert certificate_reminders_send_due() == 0


def test_renewed_certificate_is_reminded_again_for_its_new_expiry(
    learner, lms, smtp_server, django_capture_on_commit_callbacks
):
    CertificatePolicyFactory(course_id=COURSE, validity_months=24)
    record_event(learner, "certificate_created", _issued(days_left=10))
    _send(django_capture_on_commit_callbacks)
    renewed = record_event(learner, "certificate_created", timezone.now() - timedelta(days=1))

    assert _send(django_capture_on_commit_callbacks) == 0
    later = renewed.remind_at + timedelta(hours=1)
    assert _send(django_capture_on_commit_callbacks, now=later) == 1
    assert len(smtp_server.messages) == 2
    assert CertificateReminder.objects.count() == 2


def test_the_periodic_task_is_scheduled_and_sends_once(learner, lms, smtp_server):
    CertificatePolicyFactory(course_id=COURSE)
    record_event(learner, "certificate_created", _issued(days_left=3))
    app.loader.import_default_modules()
    entry = django_settings.CELERY_BEAT_SCHEDULE["training-certificate-reminders"]
    task = app.tasks[entry["task"]]

    assert entry["schedule"] == 3600
    assert task.apply().result == 1
    assert task.apply().result == 0
    assert OutgoingEmail.objects.filter(to=[learner.email]).count() == 1
