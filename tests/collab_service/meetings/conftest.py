"""Event sync payloads as jitsi-contrib's mod_event_sync_component posts them."""

import json
from datetime import datetime

import pytest

from tests.infra.jitsi_standin import JitsiStandIn

TOKEN = "event-sync-token-for-tests"


@pytest.fixture(autouse=True)
def _jitsi_token(settings):
    settings.JITSI_EVENT_SYNC_TOKEN = TOKEN


def unix(moment: datetime) -> int:
    return int(moment.timestamp())


def occupant(
    *,
    jid: str,
    joined: datetime,
    left: datetime | None = None,
    participant=None,
    name: str | None = None,
    **extra,
) -> dict:
    """An occupant entry; ``participant`` fills id, name and email as its room token would."""
    body = {"occupant_jid": jid, "joined_at": unix(joined)}
    if left is not None:
        body["left_at"] = unix(left)
    if participant is not None:
        body.update(id=str(participant.pk), name=participant.name, email=participant.email)
    if name is not None:
        body["name"] = name
    body.update(extra)
    return body


def room(meeting, *, breakout: str | None = None) -> dict:
    """The room fields every event carries; a breakout room's name the main room's."""
    body = {
        "room_name": meeting.room_name,
        "room_jid": f"{meeting.room_name}@muc.meet.jitsi",
        "is_breakout": breakout is not None,
    }
    if breakout is not None:
        body["breakout_room_id"] = breakout
    return body


def joined_event(meeting, entry: dict, **room_kwargs) -> dict:
    return {
        "event_name": "muc-occupant-joined",
        **room(meeting, **room_kwargs),
        "occupant": entry,
        "active_occupants_count": 1,
    }


def left_event(meeting, entry: dict, **room_kwargs) -> dict:
    return {
        "event_name": "muc-occupant-left",
        **room(meeting, **room_kwargs),
        "occupant": entry,
        "active_occupants_count": 0,
    }


def created_event(meeting, at: datetime, **room_kwargs) -> dict:
    return {
        "event_name": "muc-room-created",
        **room(meeting, **room_kwargs),
        "created_at": unix(at),
    }


def destroyed_event(meeting, created: datetime, destroyed: datetime, occupants, **room_kwargs):
    return {
        "event_name": "muc-room-destroyed",
        **room(meeting, **room_kwargs),
        "created_at": unix(created),
        "destroyed_at": unix(destroyed),
        "all_occupants": occupants,
    }


def post_event(client, kind: str, body=None, *, token: str | None = TOKEN, raw: str | None = None):
    """POST an event as Prosody does: JSON with a bearer token (``token=None``: no header)."""
    headers = {"Accept-Language": "en"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return client.post(
        f"/api/v1/jitsi/events/{kind}",
        data=raw if raw is not None else json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def jitsi_standin():
    """A running stand-in for Prosody's room-size endpoints (see ``tests.infra.jitsi_standin``)."""
    standin = JitsiStandIn().start()
    yield standin
    standin.stop()
