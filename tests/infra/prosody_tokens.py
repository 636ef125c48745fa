"""Prosody's ``token`` authentication rules (jitsi-meet's token/util.lib.lua), written out
independently of the service's signer, so tests check tokens the way a Jitsi server would."""

from dataclasses import dataclass, field

import jwt


class TokenRejected(Exception):
    pass


@dataclass
class ProsodyTokenRules:
    """One Prosody configuration: the algorithm, key and what it accepts."""

    algorithm: str
    key: str | bytes
    accepted_issuers: list[str]
    accepted_audiences: list[str] = field(default_factory=lambda: ["*"])
    domain: str | None = None  # set when enable_domain_verification is on

    def verify(self, token: str, *, room: str, now: float) -> dict:
        header = jwt.get_unverified_header(token)
        if header.get("typ") != "JWT":
            raise TokenRejected("typ must be JWT")
        if header.get("alg") != self.algorithm:
            raise TokenRejected(f"alg must be {self.algorithm}")
        try:
            claims = jwt.decode(
                token,
                self.key,
                algorithms=[self.algorithm],
                options={"verify_exp": False, "verify_nbf": False, "verify_aud": False},
            )
        except jwt.InvalidTokenError as exc:
            raise TokenRejected(f"signature: {exc}") from exc
        for name in ("exp", "nbf"):
            if not isinstance(claims.get(name), int | float):
                raise TokenRejected(f"{name} must be a number")
        if not claims["nbf"] <= now < claims["exp"]:
            raise TokenRejected("not valid at this time")
        if "*" not in self.accepted_issuers and claims.get("iss") not in self.accepted_issuers:
            raise TokenRejected("issuer not accepted")
        if "*" not in self.accepted_audiences and claims.get("aud") not in self.accepted_audiences:
            raise TokenRejected("audience not accepted")
        token_room = claims.get("room")
        if not isinstance(token_room, str):
            raise TokenRejected("room claim missing")
        if token_room != "*" and token_room.lower() != room.lower():
            raise TokenRejected("room does not match")
        if self.domain is not None and claims.get("sub") not in ("*", self.domain):
            raise TokenRejected("sub does not match the domain")
        user = claims.get("context", {}).get("user")
        if not isinstance(user, dict) or not all(isinstance(v, str) for v in user.values()):
            raise TokenRejected("context.user must hold string values only")
        return claims
