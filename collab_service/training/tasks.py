from celery import shared_task

from collab_service.training.services.reminders import certificate_reminders_send_due


@shared_task
def certificate_reminders_send() -> int:
    """E-mail the holders of certificates about to expire (Celery beat, hourly by default)."""
    return certificate_reminders_send_due()
