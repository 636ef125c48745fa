"""Whether anyone is in a meeting's Jitsi room right now, for the meeting page and the API.

Answers are cached: a count for ``COUNT_SECONDS`` per room, and a failure for
``UNREACHABLE_SECONDS`` for every room at once, since a dead Jitsi is dead for all of them and
must not stall each page that asks.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Literal

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from collab_service.meetings.jitsi_http import JitsiUnavailable, RoomSizeClient
from collab_service.meetings.models import Meeting

logger = logging.getLogger(__name__)

COUNT_SECONDS = 10
UNREACHABLE_SECONDS = 30
BACKOFF_SECONDS = 0.1
UNREACHABLE_KEY = "meetings:live:unreachable"

LiveStatus = Literal["not_configured", "live", "empty", "unreachable"]


@dataclass(frozen=True)
class LiveState:
    """What Jitsi said about a room, and when: ``participants`` is None unless it answered."""

    status: LiveStatus
    participants: int | None
    checked_at: datetime

    @property
    def label(self) -> str:
        if self.status == "live":
            count = self.participants or 0
            return ngettext(
                "%(count)d person in the meeting", "%(count)d people in the meeting", count
            ) % {"count": count}
        if self.status == "empty":
            return gettext("Nobody in the meeting yet")
        if self.status == "unreachable":
            return gettext("The video service is not answering")
        return gettext("Live participant count not available")


def room_size_client() -> RoomSizeClient | None:
    """The client for the configured Prosody, or None when live state is not configured."""
    if not settings.JITSI_ROOM_SIZE_URL:
        return None
    return _client(
        settings.JITSI_ROOM_SIZE_URL,
        settings.JITSI_XMPP_DOMAIN,
        float(settings.JITSI_HTTP_TIMEOUT_SECONDS),
        int(settings.JITSI_HTTP_RETRIES),
    )


@lru_cache(maxsize=4)
def _client(base_url: str, xmpp_domain: str, timeout: float, retries: int) -> RoomSizeClient:
    # One client per configuration keeps its connections (building one costs some 20 ms).
    return RoomSizeClient(
        base_url=base_url,
        xmpp_domain=xmpp_domain,
        timeout=timeout,
        retries=retries,
        backoff=BACKOFF_SECONDS,
    )


def meeting_live_state(*, meeting: Meeting) -> LiveState:
    """How many people are in ``meeting``'s room now; never raises for Jitsi's troubles.

    A cached answer costs one cache round trip. Otherwise the call waits for Prosody at most
    ``timeout * (retries + 1) + BACKOFF_SECONDS * (2**retries - 1)`` (see
    ``RetryingGet.worst_case_seconds``): 2.1 s with the defaults (1 s, 1 retry), once per
    ``UNREACHABLE_SECONDS`` while Jitsi is down; a refused connection fails in milliseconds.
    """
    try:
        client = room_size_client()
    except ValueError:
        logger.exception("JITSI_ROOM_SIZE_URL is not a usable URL")
        return LiveState(status="unreachable", participants=None, checked_at=timezone.now())
    if client is None:
        return LiveState(status="not_configured", participants=None, checked_at=timezone.now())
    key = f"meetings:live:room:{meeting.room_name}"
    found = cache.get_many([UNREACHABLE_KEY, key])
    if UNREACHABLE_KEY in found:
        return LiveState(status="unreachable", participants=None, checked_at=found[UNREACHABLE_KEY])
    if key in found:
        participants, checked_at = found[key]
        return _counted(participants, checked_at)
    try:
        participants = client.room_size(meeting.room_name) or 0
    except JitsiUnavailable as error:
        checked_at = timezone.now()
        logger.warning("Jitsi room size unavailable: %s", error)
        cache.set(UNREACHABLE_KEY, checked_at, UNREACHABLE_SECONDS)
        return LiveState(status="unreachable", participants=None, checked_at=checked_at)
    checked_at = timezone.now()
    cache.set(key, (participants, checked_at), COUNT_SECONDS)
    return _counted(participants, checked_at)


def _counted(participants: int, checked_at: datetime) -> LiveState:
    status: LiveStatus = "live" if participants else "empty"
    return LiveState(status=status, participants=participants, checked_at=checked_at)
