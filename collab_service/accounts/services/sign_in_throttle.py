"""Slows down password guessing: too many failed sign-ins for one username from one address."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(username: str, ip: str) -> str:
    digest = hashlib.sha256(f"{username.strip().lower()}|{ip}".encode()).hexdigest()[:32]
    return f"sign-in-failures:{digest}"


def sign_in_blocked(*, username: str, ip: str) -> bool:
    return cache.get(_key(username, ip), 0) >= settings.SIGN_IN_MAX_FAILURES


def sign_in_failed(*, username: str, ip: str) -> None:
    key = _key(username, ip)
    cache.add(key, 0, timeout=settings.SIGN_IN_LOCKOUT_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.SIGN_IN_LOCKOUT_SECONDS)


def sign_in_succeeded(*, username: str, ip: str) -> None:
    cache.delete(_key(username, ip))
