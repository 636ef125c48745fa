"""The CalDAV protocol client: what the sync needs from a server, over the ``caldav`` library.

Configuration comes through the constructor; every failure leaves as ``CalDavError`` with a
``kind`` the sync and the official's page can act on.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urljoin

import caldav
import niquests
from caldav.elements import dav
from caldav.lib import error as caldav_error
from lxml import etree

from collab_service.calendars.outbound import refusal_in


class CalDavError(Exception):
    """A failed exchange with the server. ``kind`` is one of the KINDS."""

    AUTH = "auth"
    UNREACHABLE = "unreachable"
    SERVER = "server"
    MALFORMED = "malformed"
    NOT_FOUND = "not_found"
    NOT_ALLOWED = "not_allowed"

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class SyncTokenRejected(CalDavError):
    """The server does not support RFC 6578 here or no longer knows the token."""

    def __init__(self, message: str):
        super().__init__(CalDavError.SERVER, message)


@dataclass(frozen=True)
class RemoteCalendarInfo:
    url: str
    name: str
    components: tuple[str, ...]


@dataclass(frozen=True)
class RemoteObject:
    href: str
    etag: str
    ics: str


@dataclass(frozen=True)
class Changes:
    sync_token: str
    changed: list[RemoteObject]
    deleted: list[str]


def _status_error(status: int, what: str) -> CalDavError:
    if status in (401, 403):
        return CalDavError(CalDavError.AUTH, f"{what}: the server refused access ({status})")
    if status == 404:
        return CalDavError(CalDavError.NOT_FOUND, f"{what}: not found on the server (404)")
    return CalDavError(CalDavError.SERVER, f"{what}: the server answered {status}")


class CalDavClient:
    def __init__(
        self,
        *,
        url: str,
        username: str,
        secret: str,
        bearer: bool = False,
        timeout_seconds: int = 10,
        session: niquests.Session | None = None,
    ):
        """``session``: the HTTP session to use (``outbound.public_session()`` where private
        addresses are off limits); the library's own otherwise."""
        headers = {"Authorization": f"Bearer {secret}"} if bearer else None
        self._client = caldav.DAVClient(
            url=url,
            username=None if bearer else username,
            password=None if bearer else secret,
            headers=headers,
            timeout=timeout_seconds,
            enable_rfc6764=False,
            require_tls=False,
            rate_limit_handle=False,
        )
        if session is not None:
            self._client.session.close()
            self._client.session = session
        self.url = url

    def _guard(self, what: str, call):
        try:
            return call()
        except CalDavError:
            raise
        except caldav_error.AuthorizationError as exc:
            raise CalDavError(CalDavError.AUTH, f"{what}: the server refused access") from exc
        except caldav_error.NotFoundError as exc:
            raise CalDavError(CalDavError.NOT_FOUND, f"{what}: not found on the server") from exc
        except caldav_error.DAVError as exc:
            raise CalDavError(CalDavError.SERVER, f"{what}: {exc}"[:500]) from exc
        except (niquests.exceptions.RequestException, OSError) as exc:
            if refusal_in(exc) is not None:
                raise CalDavError(
                    CalDavError.NOT_ALLOWED, f"{what}: {refusal_in(exc)}"[:500]
                ) from exc
            if isinstance(exc, niquests.exceptions.Timeout | TimeoutError):
                raise CalDavError(CalDavError.UNREACHABLE, f"{what}: no answer in time") from exc
            raise CalDavError(CalDavError.UNREACHABLE, f"{what}: cannot connect") from exc
        except (etree.LxmlError, ValueError, KeyError, AttributeError, TypeError) as exc:
            # lxml's and icalendar's parse errors are ValueErrors; broken replies surface as
            # missing keys or attributes inside the library.
            raise CalDavError(
                CalDavError.MALFORMED, f"{what}: the server's answer could not be read"
            ) from exc

    def calendars(self) -> list[RemoteCalendarInfo]:
        """The account's calendars; also the connection test."""

        def find() -> list[RemoteCalendarInfo]:
            found = []
            for calendar in self._client.principal().calendars():
                try:
                    components = tuple(calendar.get_supported_components())
                except caldav_error.DAVError:
                    components = ("VEVENT", "VTODO")
                name = calendar.get_display_name() or str(calendar.url).rstrip("/").split("/")[-1]
                found.append(RemoteCalendarInfo(str(calendar.url), name, components))
            return found

        return self._guard("listing calendars", find)

    def object_href(self, *, calendar_url: str, uid: str) -> str:
        """Where an object we own lives: derived from its UID, so a retry hits the same one."""
        return urljoin(calendar_url.rstrip("/") + "/", quote(uid, safe="") + ".ics")

    def put(self, *, calendar_url: str, uid: str, ics: str) -> str:
        href = self.object_href(calendar_url=calendar_url, uid=uid)
        response = self._guard(
            "saving",
            lambda: self._client.put(
                href, ics, headers={"Content-Type": "text/calendar; charset=utf-8"}
            ),
        )
        if response.status >= 300:
            raise _status_error(response.status, "saving")
        return href

    def delete(self, *, href: str) -> None:
        """Remove an object; one that is already gone counts as removed."""
        try:
            response = self._guard("deleting", lambda: self._client.delete(href))
        except CalDavError as exc:
            if exc.kind == CalDavError.NOT_FOUND:
                return
            raise
        if response.status >= 300 and response.status != 404:
            raise _status_error(response.status, "deleting")

    def _calendar(self, url: str) -> caldav.Calendar:
        return caldav.Calendar(client=self._client, url=url)

    def current_token(self, *, calendar_url: str) -> str:
        """A sync token for the calendar's present state (no data transferred)."""

        def fetch() -> str:
            result = self._calendar(calendar_url).get_objects_by_sync_token(
                load_objects=False, disable_fallback=True
            )
            return str(result.sync_token or "")

        try:
            token = self._guard("starting sync", _sync_refusal(fetch))
        except CalDavError as exc:
            if exc.kind == CalDavError.SERVER:
                raise SyncTokenRejected(str(exc)) from exc
            raise
        if not token:
            raise SyncTokenRejected("the server gave no sync token")
        return token

    def changes_since(self, *, calendar_url: str, sync_token: str) -> Changes:
        """What changed after ``sync_token`` (RFC 6578); only those objects are transferred."""

        def fetch() -> Changes:
            result = self._calendar(calendar_url).get_objects_by_sync_token(
                sync_token=sync_token, load_objects=True, disable_fallback=True
            )
            deleted = {str(url) for url in result.deleted_urls}
            changed = [
                RemoteObject(str(obj.url), _etag(obj), obj.data)
                for obj in result
                if str(obj.url) not in deleted and obj.data
            ]
            gone = deleted | {str(obj.url) for obj in result if not obj.data}
            return Changes(str(result.sync_token or ""), changed, sorted(gone))

        try:
            return self._guard("syncing", _sync_refusal(fetch))
        except CalDavError as exc:
            if exc.kind == CalDavError.SERVER:
                raise SyncTokenRejected(str(exc)) from exc
            raise

    def events_between(
        self, *, calendar_url: str, start: datetime, end: datetime
    ) -> list[RemoteObject]:
        """Every event overlapping the window, unexpanded (recurring ones as their master)."""

        def fetch() -> list[RemoteObject]:
            found = self._calendar(calendar_url).search(
                start=start, end=end, event=True, expand=False
            )
            return [RemoteObject(str(obj.url), _etag(obj), obj.data) for obj in found if obj.data]

        return self._guard("reading events", fetch)


_SYNC_REFUSALS = {dav.ValidSyncToken.tag, dav.SupportedReport.tag}


def _sync_refusal(call):
    """Tell a refused or forgotten sync token (RFC 6578 3.2: 403 with DAV:valid-sync-token)
    from a real permission problem."""

    def guarded():
        try:
            return call()
        except caldav_error.AuthorizationError as exc:
            if _SYNC_REFUSALS & set(getattr(exc, "preconditions", None) or ()):
                raise SyncTokenRejected(f"sync token refused: {exc}"[:500]) from exc
            raise

    return guarded


def _etag(obj) -> str:
    return str((getattr(obj, "props", None) or {}).get(dav.GetEtag.tag, "") or "")[:200]
