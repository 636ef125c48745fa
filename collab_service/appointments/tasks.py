from celery import shared_task

from collab_service.appointments.services.bookings import bookings_expire_holds
from collab_service.appointments.services.lifecycle import (
    bookings_anonymise,
    reminders_send,
    waiting_list_anonymise,
)
from collab_service.appointments.services.waiting_list import waiting_list_offer


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
    """Erase personal data of visits and waiting-list entries past the retention period."""
    return bookings_anonymise() + waiting_list_anonymise()


@shared_task
def waiting_list_offers() -> int:
    """Offer released times to the waiting list (on release, and Celery beat every minute)."""
    return waiting_list_offer()
