"""Pull busy time from an official's chosen calendars into the table availability reads.

Each calendar is mirrored locally (``ExternalEvent``): incrementally with RFC 6578 sync tokens
where the server supports them (only changed objects travel), else by a windowed search each
time. A calendar's mirror and token are saved together only after its exchange succeeded, so a
server that dies mid-sync leaves the last good state, and the next pull carries on. Busy
intervals are then re-expanded from the mirror, which is local and cheap.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from collab_service.appointments.models import Agenda, BusyInterval
from collab_service.appointments.services.generations import agendas_changed
from collab_service.calendars.busy import UnreadableCalendarData, busy_times
from collab_service.calendars.caldav_client import (
    CalDavClient,
    CalDavError,
    RemoteObject,
    SyncTokenRejected,
)
from collab_service.calendars.models import CalendarConnection, ExternalEvent, RemoteCalendar
from collab_service.calendars.services.connections import (
    client_for,
    connection_failed,
    connection_succeeded,
)

logger = logging.getLogger(__name__)


@dataclass
class PullResult:
    changed: int = 0
    deleted: int = 0
    full: int = 0
    busy_added: int = 0
    busy_removed: int = 0


def _is_event(remote: RemoteObject) -> bool:
    return "BEGIN:VEVENT" in remote.ics.upper()


def _store(remote_calendar: RemoteCalendar, objects: list[RemoteObject]) -> None:
    for obj in objects:
        if not _is_event(obj):
            continue
        ExternalEvent.objects.update_or_create(
            remote_calendar=remote_calendar,
            href=obj.href[:500],
            defaults={"etag": obj.etag, "ics": obj.ics, "uid": _uid(obj.ics)},
        )


def _uid(ics: str) -> str:
    for line in ics.splitlines():
        if line.upper().startswith("UID:"):
            return line[4:].strip()[:255]
    return ""


def _full_sync(client: CalDavClient, remote_calendar: RemoteCalendar, result: PullResult) -> None:
    token = ""
    if remote_calendar.supports_sync:
        try:
            token = client.current_token(calendar_url=remote_calendar.url)
        except SyncTokenRejected:
            remote_calendar.supports_sync = False
    now = timezone.now()
    # The token is taken first: anything changed after it comes with the next incremental pull.
    objects = client.events_between(
        calendar_url=remote_calendar.url,
        start=now - timedelta(days=1),
        end=now + timedelta(days=settings.CALDAV_PULL_DAYS + 2),
    )
    with transaction.atomic():
        hrefs = {obj.href[:500] for obj in objects}
        result.deleted += remote_calendar.events.exclude(href__in=hrefs).delete()[0]
        _store(remote_calendar, objects)
        remote_calendar.sync_token = token
        remote_calendar.last_full_sync_at = now
        remote_calendar.save()
    result.full += 1
    result.changed += len(objects)


def _incremental_sync(
    client: CalDavClient, remote_calendar: RemoteCalendar, result: PullResult
) -> bool:
    try:
        changes = client.changes_since(
            calendar_url=remote_calendar.url, sync_token=remote_calendar.sync_token
        )
    except SyncTokenRejected:
        logger.info("sync token of %s refused; reading the calendar again", remote_calendar.url)
        return False
    with transaction.atomic():
        result.deleted += remote_calendar.events.filter(
            href__in=[href[:500] for href in changes.deleted]
        ).delete()[0]
        _store(remote_calendar, changes.changed)
        remote_calendar.sync_token = changes.sync_token or remote_calendar.sync_token
        remote_calendar.save(update_fields=["sync_token"])
    result.changed += len(changes.changed)
    return True


def _full_due(remote_calendar: RemoteCalendar) -> bool:
    if not remote_calendar.supports_sync or not remote_calendar.sync_token:
        return True
    if remote_calendar.last_full_sync_at is None:
        return True
    # Occasionally read everything again: events far ahead enter the window as time passes.
    age = timezone.now() - remote_calendar.last_full_sync_at
    return age > timedelta(hours=settings.CALDAV_FULL_RESYNC_HOURS)


def calendars_pull(*, connection: CalendarConnection, client: CalDavClient) -> PullResult:
    """Bring every chosen calendar's mirror up to date, then the official's busy time."""
    result = PullResult()
    wanted = list(dict.fromkeys(connection.busy_calendar_urls))
    connection.remote_calendars.exclude(url__in=wanted).delete()
    for url in wanted:
        remote_calendar, _created = RemoteCalendar.objects.get_or_create(
            connection=connection, url=url
        )
        if _full_due(remote_calendar) or not _incremental_sync(client, remote_calendar, result):
            _full_sync(client, remote_calendar, result)
    added, removed = busy_rebuild(connection=connection)
    result.busy_added, result.busy_removed = added, removed
    return result


def busy_rebuild(*, connection: CalendarConnection) -> tuple[int, int]:
    """Make the official's calendar busy intervals match the mirror; (added, removed)."""
    agenda = Agenda.objects.select_related("institution").filter(official=connection.user).first()
    if agenda is None:
        return 0, 0  # not receiving citizens: nothing reads their busy time
    tz = ZoneInfo(agenda.institution.time_zone or settings.TIME_ZONE)
    # Whole days, so an interval clipped at the window's edge stays the same all day long.
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    window_start = today - timedelta(days=1)
    window_end = today + timedelta(days=settings.CALDAV_PULL_DAYS)
    emails = {connection.user.email} if connection.user.email else set()
    wanted: set[tuple] = set()
    events = ExternalEvent.objects.filter(remote_calendar__connection=connection)
    for href, ics in events.values_list("href", "ics").iterator():
        try:
            busy = busy_times(
                ics, window_start=window_start, window_end=window_end, tz=tz, own_emails=emails
            )
        except UnreadableCalendarData as exc:
            logger.warning("skipping unreadable event %s: %s", href, exc)
            continue
        wanted.update((b.uid, b.start, b.end) for b in busy)
    with transaction.atomic():
        existing = {
            (uid, start, end): pk
            for pk, uid, start, end in BusyInterval.objects.select_for_update()
            .filter(agenda=agenda, source=BusyInterval.Source.CALENDAR)
            .values_list("pk", "external_uid", "start", "end")
        }
        stale = [pk for key, pk in existing.items() if key not in wanted]
        new = [key for key in wanted if key not in existing]
        if stale:
            BusyInterval.objects.filter(pk__in=stale).delete()
        BusyInterval.objects.bulk_create(
            BusyInterval(
                agenda=agenda,
                start=start,
                end=end,
                external_uid=uid,
                source=BusyInterval.Source.CALENDAR,
            )
            for uid, start, end in sorted(new, key=lambda key: key[1])
        )
        if stale or new:
            agendas_changed([agenda.pk])  # bulk_create sends no signal
    return len(new), len(stale)


def connection_pull(*, connection_id: int) -> PullResult | None:
    """One pull of one official's calendars; failures are recorded on the connection."""
    connection = CalendarConnection.objects.select_related("user").filter(pk=connection_id).first()
    if connection is None:
        return None
    if not connection.busy_calendar_urls:
        CalendarConnection.objects.filter(pk=connection.pk).update(
            next_pull_at=timezone.now() + timedelta(minutes=settings.CALDAV_PULL_MINUTES)
        )
        return None
    try:
        result = calendars_pull(connection=connection, client=client_for(connection))
    except CalDavError as exc:
        logger.warning("pull of calendar connection %s failed: %s", connection.pk, exc)
        connection_failed(connection=connection, error=exc)
        return None
    connection_succeeded(connection=connection, pulled=True)
    return result


def pulls_due(*, limit: int = 500) -> list[int]:
    """Connections whose next pull is due (on schedule or after a failure's backoff).

    They are claimed for one interval, so a slow pull is not queued again by the next tick;
    success or failure then sets the real next time.
    """
    now = timezone.now()
    due = list(
        CalendarConnection.objects.filter(next_pull_at__lte=now)
        .order_by("next_pull_at")
        .values_list("pk", flat=True)[:limit]
    )
    CalendarConnection.objects.filter(pk__in=due).update(
        next_pull_at=now + timedelta(minutes=settings.CALDAV_PULL_MINUTES)
    )
    return due
