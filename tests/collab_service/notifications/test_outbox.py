"""The e-mail outbox: written with the change, delivered over real SMTP, retried, never twice."""

import pytest
from django.db import transaction

from collab_service.notifications.models import OutgoingEmail
from collab_service.notifications.services import email_deliver_now, email_enqueue
from tests.infra.servers import free_port


def _enqueue(key: str = "k1") -> OutgoingEmail:
    return email_enqueue(
        idempotency_key=key,
        to=["ola@example.org"],
        subject="Zażółć gęślą jaźń",
        body_text="Treść",
        body_html="<p>Treść</p>",
    )


@pytest.mark.django_db
def test_email_is_delivered_over_smtp_once(smtp_server):
    email = _enqueue()

    assert email_deliver_now(email_id=str(email.id)) is True
    assert email_deliver_now(email_id=str(email.id)) is True

    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["Subject"] == "Zażółć gęślą jaźń"
    assert message["To"] == "ola@example.org"
    assert message["Message-ID"] == f"<{email.id}@szpon>"
    assert message.get_body(("html",)).get_content().strip() == "<p>Treść</p>"
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.SENT, 1)


@pytest.mark.django_db
def test_same_idempotency_key_gives_one_email():
    first, second = _enqueue("same"), _enqueue("same")

    assert first.pk == second.pk
    assert OutgoingEmail.objects.count() == 1


@pytest.mark.django_db
def test_smtp_down_keeps_email_pending_with_error(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    email = _enqueue()

    with pytest.raises(ConnectionRefusedError):
        email_deliver_now(email_id=str(email.id))

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.PENDING
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error


@pytest.mark.django_db
def test_gives_up_after_max_attempts(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.OUTBOX_MAX_ATTEMPTS = 2
    email = _enqueue()

    with pytest.raises(ConnectionRefusedError):
        email_deliver_now(email_id=str(email.id))
    assert email_deliver_now(email_id=str(email.id)) is False

    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.FAILED, 2)


@pytest.mark.django_db
def test_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                _enqueue()
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert OutgoingEmail.objects.count() == 0
