import logging

from celery import shared_task

from collab_service.calendars.services import connections, pull, push

logger = logging.getLogger(__name__)


@shared_task
def connection_test(connection_id: int) -> str:
    connection = connections.connection_test_run(connection_id=connection_id)
    return connection.state if connection else "gone"


@shared_task
def connection_pull(connection_id: int) -> bool:
    return pull.connection_pull(connection_id=connection_id) is not None


@shared_task
def pulls_due() -> int:
    """Celery beat: queue the pulls that are due."""
    due = pull.pulls_due()
    for connection_id in due:
        connection_pull.delay(connection_id)
    return len(due)


@shared_task
def push_deliver(item_id: int, claimed: bool = False) -> bool:
    """One attempt; a failure is recorded on the item and retried by ``pushes_due``."""
    return push.push_item_deliver(item_id=item_id, claimed=claimed)


@shared_task
def pushes_due() -> int:
    """Celery beat: queue pending pushes whose attempt is due."""
    due = push.pushes_due()
    for item_id in due:
        push_deliver.delay(item_id, claimed=True)
    return len(due)
