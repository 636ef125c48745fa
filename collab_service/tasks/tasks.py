from celery import shared_task

from collab_service.tasks.services.notifications import (
    task_notifications_send_due,
    task_reminders_send_due,
)


@shared_task
def notifications_send() -> int:
    """E-mail each person their pending task notifications, batched (Celery beat, every minute)."""
    return task_notifications_send_due()


@shared_task
def reminders_send() -> int:
    """Queue the task reminders that are due, then send them (Celery beat, every minute)."""
    reminded = task_reminders_send_due()
    if reminded:
        task_notifications_send_due()
    return reminded
