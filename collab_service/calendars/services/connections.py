"""An official's CalDAV connection: save it, test it, choose calendars, record how it is doing."""

import ipaddress
import socket
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collab_service.appointments.models import Agenda, BusyInterval
from collab_service.appointments.services.generations import agendas_changed
from collab_service.calendars.caldav_client import CalDavClient, CalDavError
from collab_service.calendars.crypto import SecretUnreadable, secret_decrypt, secret_encrypt
from collab_service.calendars.models import CalendarConnection
from collab_service.calendars.outbound import public_session
from collab_service.core.errors import DomainError

MAX_FAILURE_BACKOFF = timedelta(hours=1)


class ConnectionInvalid(DomainError):
    """The official's input cannot be used for a connection."""


def _private_address(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # unresolvable now: the connection attempt reports it
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            return True
    return False


def server_url_check(url: str) -> None:
    """Refuse addresses the service must not call (see CALDAV_BLOCK_PRIVATE_ADDRESSES)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConnectionInvalid(_("Enter the address of the CalDAV server, starting https://."))
    if settings.CALDAV_BLOCK_PRIVATE_ADDRESSES:
        if parts.scheme != "https":
            raise ConnectionInvalid(_("The CalDAV server must be reached over https."))
        if _private_address(parts.hostname):
            raise ConnectionInvalid(
                _("This address points inside a private network; use the server's public address.")
            )


def client_for(connection: CalendarConnection) -> CalDavClient:
    """A protocol client for the connection; raises CalDavError when it cannot be used."""
    try:
        server_url_check(connection.server_url)
        secret = secret_decrypt(connection.secret_encrypted)
    except ConnectionInvalid as exc:
        raise CalDavError(
            CalDavError.NOT_ALLOWED,
            "the server address is not allowed here (not https, or in a private network)",
        ) from exc
    except SecretUnreadable as exc:
        raise CalDavError(
            CalDavError.AUTH, "the stored password cannot be read; enter it again"
        ) from exc
    return CalDavClient(
        url=connection.server_url,
        username=connection.username,
        secret=secret,
        bearer=connection.auth_kind == CalendarConnection.AuthKind.BEARER,
        timeout_seconds=settings.CALDAV_TIMEOUT_SECONDS,
        session=public_session() if settings.CALDAV_BLOCK_PRIVATE_ADDRESSES else None,
    )


def connection_save(
    *, user, server_url: str, username: str, secret: str, auth_kind: str
) -> CalendarConnection:
    """Create or change the official's connection; an empty ``secret`` keeps the stored one.

    Changing where or how to sign in starts over: a new test, and calendars chosen again.
    """
    server_url = server_url.strip()
    server_url_check(server_url)
    if auth_kind not in CalendarConnection.AuthKind.values:
        raise ConnectionInvalid(_("Choose how to sign in to the server."))
    connection = CalendarConnection.objects.filter(user=user).first()
    if connection is None:
        if not secret:
            raise ConnectionInvalid(_("Enter the app password or access token."))
        connection = CalendarConnection(user=user)
    changed = (
        connection.pk is None
        or connection.server_url != server_url
        or connection.username != username
        or connection.auth_kind != auth_kind
        or bool(secret)
    )
    connection.server_url = server_url
    connection.username = username.strip()
    connection.auth_kind = auth_kind
    if secret:
        connection.secret_encrypted = secret_encrypt(secret)
    if changed:
        connection.state = CalendarConnection.State.NEW
        connection.discovered_calendars = []
    with transaction.atomic():
        connection.save()
        if changed:
            connection_test_request(connection=connection)
    return connection


def connection_test_request(*, connection: CalendarConnection) -> None:
    """Ask a worker to test the connection; the page shows the answer when it comes."""
    from collab_service.calendars.tasks import connection_test

    CalendarConnection.objects.filter(pk=connection.pk).update(test_requested_at=timezone.now())
    transaction.on_commit(lambda: connection_test.delay(connection.pk))


def _default_choice(calendars: list[dict], component: str) -> str:
    for calendar in calendars:
        if component in calendar["components"]:
            return calendar["url"]
    return ""


def connection_test_run(*, connection_id: int) -> CalendarConnection | None:
    """List the account's calendars. The first test also chooses sensible calendars."""
    connection = CalendarConnection.objects.filter(pk=connection_id).first()
    if connection is None:
        return None
    now = timezone.now()
    try:
        found = client_for(connection).calendars()
    except CalDavError as exc:
        connection_failed(connection=connection, error=exc)
        CalendarConnection.objects.filter(pk=connection.pk).update(last_tested_at=now)
        connection.refresh_from_db()
        return connection
    calendars = [
        {"url": info.url, "name": info.name, "components": list(info.components)} for info in found
    ]
    connection.discovered_calendars = calendars
    connection.last_tested_at = now
    if not connection.events_calendar_url:
        connection.events_calendar_url = _default_choice(calendars, "VEVENT")
        if connection.events_calendar_url and not connection.busy_calendar_urls:
            connection.busy_calendar_urls = [connection.events_calendar_url]
    if not connection.tasks_calendar_url:
        task_only = [c for c in calendars if c["components"] == ["VTODO"]]
        connection.tasks_calendar_url = _default_choice(task_only or calendars, "VTODO")
    connection.save()
    connection_succeeded(connection=connection)
    connection.refresh_from_db()
    return connection


def connection_choose_calendars(
    *,
    connection: CalendarConnection,
    events_calendar_url: str,
    tasks_calendar_url: str,
    busy_calendar_urls: list[str],
) -> CalendarConnection:
    """Where to push events and tasks, and whose busy time to pull; only calendars the last
    test found are accepted. Everything is pushed again to a newly chosen calendar."""
    from collab_service.calendars.services.push import connection_backfill

    known = {c["url"]: set(c["components"]) for c in connection.discovered_calendars}

    def check(url: str, component: str) -> None:
        if url and url not in known:
            raise ConnectionInvalid(_("Choose one of the calendars found on the server."))
        if url and component not in known[url]:
            raise ConnectionInvalid(
                _("The calendar you chose for tasks does not accept tasks.")
                if component == "VTODO"
                else _("The calendar you chose for events does not accept events.")
            )

    check(events_calendar_url, "VEVENT")
    check(tasks_calendar_url, "VTODO")
    for url in busy_calendar_urls:
        check(url, "VEVENT")
    with transaction.atomic():
        connection.events_calendar_url = events_calendar_url
        connection.tasks_calendar_url = tasks_calendar_url
        connection.busy_calendar_urls = sorted(set(busy_calendar_urls))
        connection.next_pull_at = timezone.now()
        connection.save()
        connection_backfill(connection=connection)
    return connection


def connection_delete(*, connection: CalendarConnection) -> None:
    """Forget the connection and the busy time it brought; what was pushed stays on the server."""
    with transaction.atomic():
        agenda_ids = list(
            Agenda.objects.filter(official=connection.user).values_list("pk", flat=True)
        )
        BusyInterval.objects.filter(
            agenda_id__in=agenda_ids, source=BusyInterval.Source.CALENDAR
        ).delete()
        connection.delete()
        agendas_changed(agenda_ids)


def failure_backoff(failures: int) -> timedelta:
    """A minute after the first failure, doubling up to an hour."""
    return min(timedelta(minutes=2 ** max(failures - 1, 0)), MAX_FAILURE_BACKOFF)


def connection_failed(*, connection: CalendarConnection, error: CalDavError) -> None:
    now = timezone.now()
    failures = connection.consecutive_failures + 1
    state = (
        CalendarConnection.State.AUTH_FAILED
        if error.kind == CalDavError.AUTH
        else CalendarConnection.State.FAILING
    )
    CalendarConnection.objects.filter(pk=connection.pk).update(
        state=state,
        last_error=str(error)[:2000],
        last_error_at=now,
        consecutive_failures=failures,
        next_pull_at=now + failure_backoff(failures),
    )


def connection_succeeded(
    *, connection: CalendarConnection, pulled: bool = False, pushed: bool = False
) -> None:
    now = timezone.now()
    changes = {"state": CalendarConnection.State.OK, "consecutive_failures": 0}
    if pulled:
        changes["last_pull_at"] = now
        changes["next_pull_at"] = now + timedelta(minutes=settings.CALDAV_PULL_MINUTES)
    if pushed:
        changes["last_push_at"] = now
    CalendarConnection.objects.filter(pk=connection.pk).update(**changes)
