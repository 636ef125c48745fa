"""8x8 Jitsi as a Service: RS256 tokens signed with the tenant's private key and its key id."""

from datetime import datetime, timedelta
from pathlib import Path

import jwt

from collab_service.meetings.video.base import JitsiUser, user_context

JAAS_DOMAIN = "8x8.vc"


class VideoBackend:
    def __init__(
        self,
        *,
        jaas_app_id: str,
        jaas_key_id: str,
        jaas_private_key: str,
        token_minutes: int,
        jaas_domain: str = JAAS_DOMAIN,
        **_unused: object,
    ) -> None:
        if not (jaas_app_id and jaas_key_id and jaas_private_key):
            raise ValueError("JaaS needs the app id, the key id and the private key")
        self.domain = jaas_domain
        self.app_id = jaas_app_id
        # The key id JaaS shows is "<app id>/<key>"; accept either form.
        self.key_id = jaas_key_id if "/" in jaas_key_id else f"{jaas_app_id}/{jaas_key_id}"
        key = jaas_private_key
        self.private_key = key if "BEGIN" in key else Path(key).read_text(encoding="utf-8")
        self.lifetime = timedelta(minutes=token_minutes)

    def script_url(self) -> str:
        return f"https://{self.domain}/{self.app_id}/external_api.js"

    def room_path(self, room: str) -> str:
        return f"{self.app_id}/{room}"

    def room_token(
        self, *, room: str, user: JitsiUser, features: dict[str, bool], now: datetime
    ) -> str:
        claims = {
            "iss": "chat",
            "aud": "jitsi",
            "sub": self.app_id,
            "room": room,
            "nbf": int(now.timestamp()) - 10,
            "iat": int(now.timestamp()),
            "exp": int((now + self.lifetime).timestamp()),
            "context": {"user": user_context(user), "features": features},
        }
        return jwt.encode(
            claims,
            self.private_key,
            algorithm="RS256",
            headers={"typ": "JWT", "kid": self.key_id},
        )
