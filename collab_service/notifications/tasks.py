import logging

from celery import shared_task

from collab_service.notifications.services import email_deliver_now, emails_due

logger = logging.getLogger(__name__)


@shared_task
def email_deliver(email_id: str) -> bool:
    """One attempt; a failure is recorded on the row and retried by ``outbox_flush`` when due."""
    try:
        return email_deliver_now(email_id=email_id)
    except Exception as exc:  # SMTP down, refused, timed out: the outbox keeps the e-mail
        logger.warning("e-mail %s not sent yet: %s", email_id, exc)
        return False


@shared_task
def outbox_flush() -> int:
    """Send every pending e-mail that is due; Celery beat runs this every minute."""
    due = emails_due()
    for email_id in due:
        email_deliver.delay(email_id)
    return len(due)
