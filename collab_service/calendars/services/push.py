"""Push meetings and visits as VEVENTs and tasks as VTODOs to officials' CalDAV calendars.

A change writes a ``PushItem`` (official, object) in its own transaction; a worker renders the
object's current state and PUTs it where its UID puts it, or DELETEs it when the official should
no longer have it. The same address every time means a retry can never duplicate; an item stays
pending, retried with backoff, until the server has taken it.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from collab_service.calendars.caldav_client import CalDavError
from collab_service.calendars.models import CalendarConnection, PushItem
from collab_service.calendars.services.connections import (
    client_for,
    connection_failed,
    connection_succeeded,
)
from collab_service.notifications.services import retry_delay

logger = logging.getLogger(__name__)

TASK_PREFIX = "task:"
CLAIM = timedelta(minutes=5)


def _calendar_field(source: str) -> str:
    return "tasks_calendar_url" if source.startswith(TASK_PREFIX) else "events_calendar_url"


def push_enqueue(*, source: str, user_ids: Iterable[int] | QuerySet) -> list[int]:
    """Note that ``source`` changed for these officials (and for every official who already
    has it, who may have to lose it). Call inside the transaction of the change."""
    field = _calendar_field(source)
    connection_ids = set(
        CalendarConnection.objects.filter(user_id__in=user_ids)
        .exclude(**{field: ""})
        .values_list("pk", flat=True)
    )
    connection_ids.update(
        PushItem.objects.filter(source=source).values_list("connection_id", flat=True)
    )
    item_ids = []
    for connection_id in sorted(connection_ids):
        item_ids.append(_mark_pending(connection_id=connection_id, source=source))
    if item_ids:
        from collab_service.calendars.tasks import push_deliver

        transaction.on_commit(lambda: [push_deliver.delay(pk) for pk in item_ids])
    return item_ids


def _mark_pending(*, connection_id: int, source: str) -> int:
    changes = {
        "status": PushItem.Status.PENDING,
        "generation": F("generation") + 1,
        "next_attempt_at": timezone.now(),
    }
    items = PushItem.objects.filter(connection_id=connection_id, source=source)
    if not items.update(**changes):
        try:
            with transaction.atomic():
                return PushItem.objects.create(connection_id=connection_id, source=source).pk
        except IntegrityError:  # created by a concurrent change
            items.update(**changes)
    return items.values_list("pk", flat=True).get()


def push_item_deliver(*, item_id: int, claimed: bool = False) -> bool:
    """Bring one object on the official's server to its current state; True when done.

    A change queues a delivery each time it touches the object, so several can arrive for one
    item: after the first succeeded or failed (and set a backoff), the others find nothing due.
    ``claimed`` deliveries come from ``pushes_due`` and skip that check.
    """
    from collab_service.calendars.ics import calendar_object

    item = PushItem.objects.select_related("connection__user").filter(pk=item_id).first()
    if item is None or item.status == PushItem.Status.DONE:
        return True
    if not claimed and item.next_attempt_at > timezone.now():
        return False
    generation = item.generation
    connection = item.connection
    calendar_url = getattr(connection, _calendar_field(item.source))
    wanted = calendar_object(source=item.source, user=connection.user) if calendar_url else None
    try:
        client = client_for(connection)
        href = ""
        if wanted is not None:
            href = client.object_href(calendar_url=calendar_url, uid=wanted.uid)
            if item.remote_href and item.remote_href != href:
                client.delete(href=item.remote_href)  # another calendar was chosen since
            # Remember the address before writing: a lost reply must not leave an orphan.
            PushItem.objects.filter(pk=item.pk).update(remote_href=href)
            client.put(calendar_url=calendar_url, uid=wanted.uid, ics=wanted.ics)
        elif item.remote_href:
            client.delete(href=item.remote_href)
    except CalDavError as exc:
        attempts = item.attempts + 1
        PushItem.objects.filter(pk=item.pk).update(
            attempts=attempts,
            last_error=str(exc)[:2000],
            next_attempt_at=timezone.now() + retry_delay(attempts),
        )
        connection_failed(connection=connection, error=exc)
        logger.warning("push of %s to connection %s failed: %s", item.source, connection.pk, exc)
        return False
    done = PushItem.objects.filter(pk=item.pk, generation=generation).update(
        status=PushItem.Status.DONE,
        attempts=0,
        last_error="",
        remote_href=href,
        delivered_at=timezone.now(),
    )
    connection_succeeded(connection=connection, pushed=True)
    return bool(done)  # not done: it changed meanwhile and its own delivery is queued


def pushes_due(*, limit: int = 500) -> list[int]:
    """Pending items whose (next) attempt is due: retries, and deliveries whose task was lost.

    They are claimed for a few minutes so the next tick does not queue them again.
    """
    now = timezone.now()
    due = list(
        PushItem.objects.filter(status=PushItem.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    PushItem.objects.filter(pk__in=due).update(next_attempt_at=now + CLAIM)
    return due


def connection_backfill(*, connection: CalendarConnection) -> int:
    """Queue everything the official's calendars should hold now: recent and coming meetings
    and visits, and their open or lately finished tasks."""
    from collab_service.calendars.selectors import calendar_entries
    from collab_service.tasks.models import Task

    now = timezone.now()
    sources: list[str] = []
    if connection.events_calendar_url:
        entries = calendar_entries(
            user=connection.user, start=now - timedelta(days=30), end=now + timedelta(days=366)
        )
        sources += [entry.source for entry in entries if not entry.source.startswith(TASK_PREFIX)]
    if connection.tasks_calendar_url:
        user = connection.user
        tasks = (
            Task.objects.filter(Q(assignees=user) | Q(task_list__owner=user))
            .filter(
                Q(status__in=[Task.Status.OPEN, Task.Status.IN_PROGRESS])
                | Q(status=Task.Status.DONE, completed_at__gte=now - timedelta(days=30))
            )
            .values_list("pk", flat=True)
            .distinct()
        )
        sources += [f"{TASK_PREFIX}{pk}" for pk in tasks]
    # Items already pushed to a calendar no longer chosen must move (or go) as well.
    sources += list(connection.push_items.values_list("source", flat=True))
    for source in dict.fromkeys(sources):
        push_enqueue(source=source, user_ids=[connection.user_id])
    return len(set(sources))
