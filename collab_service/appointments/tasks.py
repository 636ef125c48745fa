from celery import shared_task

from collab_service.appointments.services.bookings import bookings_expire_holds


@shared_task
def holds_expire() -> int:
    """Free the slots of holds nobody confirmed in time (Celery beat, every minute)."""
    return bookings_expire_holds()
