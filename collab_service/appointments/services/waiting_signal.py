"""Telling the waiting list that a seat was released, without importing the booking services."""

from django.db import transaction

from collab_service.appointments.models import WaitingListEntry


def serve_line() -> None:
    from collab_service.appointments.tasks import waiting_list_offers  # tasks import services

    waiting_list_offers.delay()


def seat_released() -> None:
    """Call after releasing seats, in or after their transaction: the line is served once the
    release is committed."""
    if WaitingListEntry.objects.filter(status=WaitingListEntry.Status.WAITING).exists():
        transaction.on_commit(serve_line)
