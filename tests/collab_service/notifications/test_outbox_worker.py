"""Delivery through a real Celery worker on Redis, with SMTP going down and coming back."""

import time

import pytest
from django.utils import timezone

from collab_service.notifications.models import OutgoingEmail
from collab_service.notifications.services import email_enqueue
from collab_service.notifications.tasks import outbox_flush
from tests.infra.celery_worker import wait_for
from tests.infra.smtp import SmtpServer

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _point_smtp_at(settings, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False


def test_worker_delivers_committed_email(worker, smtp_server):
    email = email_enqueue(idempotency_key="w1", to=["a@example.org"], subject="S", body_text="B")

    assert wait_for(lambda: len(smtp_server.messages) == 1)
    assert wait_for(
        lambda: OutgoingEmail.objects.get(pk=email.pk).status == OutgoingEmail.Status.SENT
    )


def test_email_survives_smtp_outage_and_is_sent_once(worker, settings):
    smtp = SmtpServer()
    _point_smtp_at(settings, smtp.port)  # nothing listens there yet

    email = email_enqueue(idempotency_key="w2", to=["b@example.org"], subject="S", body_text="B")
    assert wait_for(lambda: OutgoingEmail.objects.get(pk=email.pk).attempts >= 1)
    assert OutgoingEmail.objects.get(pk=email.pk).status == OutgoingEmail.Status.PENDING

    smtp.start()
    try:
        pending = OutgoingEmail.objects.get(pk=email.pk)
        assert pending.next_attempt_at > pending.created_at  # backoff was set
        OutgoingEmail.objects.filter(pk=email.pk).update(
            next_attempt_at=timezone.now()
        )  # time passes
        outbox_flush.delay()
        assert wait_for(lambda: len(smtp.messages) == 1)
        assert wait_for(
            lambda: OutgoingEmail.objects.get(pk=email.pk).status == OutgoingEmail.Status.SENT
        )
        OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        outbox_flush.delay()
        time.sleep(1)
        assert len(smtp.messages) == 1
    finally:
        smtp.stop()
