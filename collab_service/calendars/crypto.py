"""Encryption at rest for officials' CalDAV passwords and tokens.

Fernet (AES-128-CBC + HMAC-SHA256). Keys come from ``CALDAV_SECRET_KEYS`` (newest first, so keys
can be rotated: old secrets still decrypt and are re-encrypted on the next save); without it a key
is derived from ``SECRET_KEY``.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class SecretUnreadable(Exception):
    """The stored secret cannot be decrypted with any configured key."""


def _fernet(keys: list[str]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def configured_keys() -> list[str]:
    keys = list(settings.CALDAV_SECRET_KEYS)
    if not keys:
        digest = hashlib.sha256(b"szpon-caldav-secret:" + settings.SECRET_KEY.encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    return keys


def secret_encrypt(plain: str, *, keys: list[str] | None = None) -> str:
    return _fernet(keys or configured_keys()).encrypt(plain.encode()).decode()


def secret_decrypt(token: str, *, keys: list[str] | None = None) -> str:
    if not token:
        return ""
    try:
        return _fernet(keys or configured_keys()).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise SecretUnreadable("the stored secret does not match any configured key") from exc
