from celery import shared_task

from collab_service.appointments.services.bookings import bookings_expire_holds
from collab_service.appointments.services.lifecycle import bookings_anonymise, reminders_send


@shared_task
def holds_expire() -> int:
    """Free the slots of holds nobody confirmed in time (Celery beat, every minute)."""
    return bookings_expire_holds()


@shared_task
def reminders() -> int:
    """Send the reminders that are due (Celery beat, every five minutes)."""
    return reminders_send()


@shared_task
def anonymise() -> int:
    """Erase personal data of visits past the retention period (Celery beat, daily)."""
    return bookings_anonymise()
