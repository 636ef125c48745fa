"""The e-mail outbox: written with the change, delivered over real SMTP, retried, never twice."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

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


def _smtp_down(settings) -> None:
    """Point Django's SMTP backend at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2


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
    _smtp_down(settings)
    email = _enqueue()

    with pytest.raises(ConnectionRefusedError):
        email_deliver_now(email_id=str(email.id))

    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.PENDING
    assert email.attempts == 1
    assert "ConnectionRefusedError" in email.last_error


@pytest.mark.django_db
def test_gives_up_after_max_attempts(settings):
    _smtp_down(settings)
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


@pytest.mark.django_db
def test_failed_attempts_back_off_exponentially(settings):
    from collab_service.notifications.services import retry_delay

    _smtp_down(settings)
    email = _enqueue()
    with pytest.raises(ConnectionRefusedError):
        email_deliver_now(email_id=str(email.id))

    email.refresh_from_db()
    assert email.next_attempt_at > email.created_at + timedelta(seconds=25)
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]


@pytest.mark.django_db
def test_only_due_emails_are_flushed():
    from collab_service.notifications.services import emails_due

    waiting, due = _enqueue("waiting"), _enqueue("due")
    OutgoingEmail.objects.filter(pk=due.pk).update(next_attempt_at=timezone.now())

    assert emails_due() == [str(due.pk)]
    assert waiting.next_attempt_at > timezone.now()


@pytest.mark.django_db
def test_newlines_in_subject_are_flattened():
    email = email_enqueue(
        idempotency_key="nl",
        to=["a@example.org"],
        subject="Urząd\nBcc: spy@example.org",
        body_text="x",
    )

    assert email.subject == "Urząd Bcc: spy@example.org"
