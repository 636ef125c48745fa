from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol
from urllib.parse import quote


@dataclass(frozen=True)
class JitsiUser:
    """Who a room token is for: ``id`` comes back in event-sync events as ``occupant.id``."""

    id: str
    name: str
    email: str = ""
    avatar: str = ""
    moderator: bool = False


class VideoBackend(Protocol):
    """A Jitsi deployment: where its IFrame API lives and how its room tokens are signed."""

    domain: str
    lifetime: timedelta

    def script_url(self) -> str:
        """The IFrame API script (``external_api.js``) of the deployment."""

    def room_path(self, room: str) -> str:
        """What the IFrame API takes as ``roomName`` (JaaS puts the tenant in front)."""

    def room_token(
        self, *, room: str, user: JitsiUser, features: dict[str, bool], now: datetime
    ) -> str:
        """A signed, short-lived token that lets ``user`` into ``room`` with ``features``."""


def meeting_url(backend: VideoBackend, *, room: str, token: str) -> str:
    """The plain link that opens the room without the embed (the fallback)."""
    return f"https://{backend.domain}/{quote(backend.room_path(room))}?jwt={token}"


def user_context(user: JitsiUser) -> dict[str, str]:
    """``context.user`` as Prosody's token_affiliation reads it: string values only."""
    return {
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "avatar": user.avatar,
        "affiliation": "owner" if user.moderator else "member",
        "moderator": "true" if user.moderator else "false",
    }
