"""Telling the waiting list that a seat was released, without importing the booking services."""

from django.db import transaction

from collab_service.appointments.models import WaitingListEntry


def serve_line() -> None:
    from collab_service.appointments.tasks import waiting_list_offers  # tasks import services

    waiting_list_offers.delay()


def seat_released() -> None:
    """Call inside the transaction that released a seat: the line is served once it commits."""
    if WaitingListEntry.objects.filter(status=WaitingListEntry.Status.WAITING).exists():
        transaction.on_commit(serve_line)
