"""A throwaway RSA key pair that plays the LMS's JWT signing key in tests."""

import json
import time
from functools import cache

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "http://lms.test/oauth2"
AUDIENCE = "openedx"
KID = "openedx"


@cache
def private_key(name: str = "lms") -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def private_pem(name: str = "lms") -> str:
    """The named key as PEM text (any new name gives a fresh throwaway key)."""
    return (
        private_key(name)
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def public_jwks(name: str = "lms", **extra: str) -> str:
    """The set as the LMS (and Tutor) publish it: kid, kty, n and e, no "alg"."""
    jwk = json.loads(RSAAlgorithm.to_jwk(private_key(name).public_key()))
    jwk.update({"kid": KID, **extra})
    return json.dumps({"keys": [jwk]})


def lms_token(*, key_name: str = "lms", headers: dict | None = None, **overrides) -> str:
    """A token shaped like the LMS's (RS512, kid openedx); claims can be overridden or removed."""
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + 300,
        "user_id": 42,
        "preferred_username": "learner42",
        "email": "learner42@example.org",
        "email_verified": True,
        "name": "Ola Uczennica",
        "administrator": False,
        "scopes": ["user_id", "email", "profile"],
    }
    claims.update(overrides)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(
        claims, private_key(key_name), algorithm="RS512", headers={"kid": KID, **(headers or {})}
    )
