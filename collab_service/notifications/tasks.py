from datetime import timedelta

from celery import shared_task

from collab_service.notifications.services import email_deliver_now, emails_stuck


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=None,
)
def email_deliver(self, email_id: str) -> bool:
    return email_deliver_now(email_id=email_id)


@shared_task
def outbox_flush(older_than_seconds: int = 120) -> int:
    """Re-enqueue e-mails left pending, e.g. when the broker was down as their change committed."""
    stuck = emails_stuck(older_than=timedelta(seconds=older_than_seconds))
    for email_id in stuck:
        email_deliver.delay(email_id)
    return len(stuck)
