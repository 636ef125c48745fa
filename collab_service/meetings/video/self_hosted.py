"""A self-hosted docker-jitsi-meet with ``AUTH_TYPE=jwt``: HS256 tokens with the app secret."""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

import jwt

from collab_service.meetings.video.base import JitsiUser, user_context


class VideoBackend:
    def __init__(
        self,
        *,
        url: str,
        app_id: str,
        app_secret: str,
        audience: str,
        subject: str,
        token_minutes: int,
        **_unused: object,
    ) -> None:
        if not app_secret:
            raise ValueError("the Jitsi app secret is empty")
        self.base_url = url.rstrip("/")
        self.domain = urlsplit(self.base_url).netloc
        self.app_id = app_id
        self.app_secret = app_secret
        self.audience = audience
        self.subject = subject
        self.lifetime = timedelta(minutes=token_minutes)

    def script_url(self) -> str:
        return f"{self.base_url}/external_api.js"

    def room_path(self, room: str) -> str:
        return room

    def room_token(
        self, *, room: str, user: JitsiUser, features: dict[str, bool], now: datetime
    ) -> str:
        claims = {
            "iss": self.app_id,
            "aud": self.audience,
            "sub": self.subject,
            "room": room,
            "nbf": int(now.timestamp()) - 10,
            "iat": int(now.timestamp()),
            "exp": int((now + self.lifetime).timestamp()),
            "context": {"user": user_context(user), "features": features},
        }
        return jwt.encode(claims, self.app_secret, algorithm="HS256", headers={"typ": "JWT"})
