"""The e-mail outbox: enqueue inside the caller's transaction, deliver from Celery."""

import logging
from datetime import timedelta
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from collab_service.notifications.models import OutgoingEmail

logger = logging.getLogger(__name__)

FIRST_ATTEMPT_GRACE = timedelta(minutes=2)
MAX_BACKOFF = timedelta(hours=1)


def retry_delay(attempts: int) -> timedelta:
    """30 s after the first failure, doubling up to an hour."""
    return min(timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def email_enqueue(
    *,
    idempotency_key: str,
    to: list[str],
    subject: str,
    body_text: str,
    body_html: str = "",
    ics: str = "",
    ics_method: str = "",
) -> OutgoingEmail:
    """Record an e-mail to send once the surrounding transaction commits.

    The same idempotency key always yields the same row, so a retried request sends one e-mail.
    """
    email, created = OutgoingEmail.objects.get_or_create(
        idempotency_key=idempotency_key,
        defaults={
            "to": to,
            # Header injection guard: a newline from user data would make every attempt fail.
            "subject": " ".join(subject.split())[:255],
            "next_attempt_at": timezone.now() + FIRST_ATTEMPT_GRACE,
            "body_text": body_text,
            "body_html": body_html,
            "ics": ics,
            "ics_method": ics_method,
        },
    )
    if created:
        from collab_service.notifications.tasks import email_deliver

        transaction.on_commit(lambda: email_deliver.delay(str(email.id)))
    return email


def email_deliver_now(*, email_id: str) -> bool:
    """Send one pending e-mail; True when it is (or already was) sent.

    The row stays locked while sending, so two workers never send it twice. A failed attempt is
    recorded and committed before the SMTP error is raised again for Celery to retry.
    """
    error: Exception | None = None
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(id=email_id).first()
        if email is None or email.status != OutgoingEmail.Status.PENDING:
            return email is not None and email.status == OutgoingEmail.Status.SENT
        email.attempts += 1
        try:
            _message(email).send()
        except Exception as exc:  # SMTP and network errors of every kind
            error = exc
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
            if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                email.status = OutgoingEmail.Status.FAILED
                logger.error("giving up on e-mail %s: %s", email.id, email.last_error)
        else:
            email.status = OutgoingEmail.Status.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
        email.save(update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"])
    if error is not None and email.status == OutgoingEmail.Status.PENDING:
        raise error
    return email.status == OutgoingEmail.Status.SENT


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=email.to,
        headers={"Message-ID": f"<{email.id}@szpon>"},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    if email.ics:
        # iMIP (RFC 6047): a text/calendar part with the method, plus the same as a file.
        invitation = MIMEText(email.ics, "calendar", "utf-8")
        invitation.set_param("method", email.ics_method or "REQUEST")
        message.attach(invitation)
        message.attach("invite.ics", email.ics, "application/ics")
    return message


def emails_due(*, limit: int = 500) -> list[str]:
    """Ids of pending e-mails whose next attempt is due (first delivery lost, or a retry)."""
    return [
        str(pk)
        for pk in OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    ]
