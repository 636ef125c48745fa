"""A self-hosted Jitsi configuration for tests that read the room tokens the service signs."""

from collections.abc import Iterator
from contextlib import contextmanager

import jwt

from collab_service.meetings.video import video_backend

JITSI_SECRET = "test-jitsi-app-secret-of-a-sensible-length-0123"


@contextmanager
def self_hosted_jitsi(settings) -> Iterator[None]:
    """Point the service at a self-hosted Jitsi whose app secret is ``JITSI_SECRET``."""
    settings.JITSI = {
        **settings.JITSI,
        "backend": settings.JITSI_BACKENDS["self-hosted"],
        "url": "https://meet.example.gov.pl",
        "app_id": "szpon",
        "app_secret": JITSI_SECRET,
        "audience": "jitsi",
        "subject": "meet.jitsi",
    }
    video_backend.cache_clear()
    try:
        yield
    finally:
        # A failed test must not leave later ones a backend built from these settings.
        video_backend.cache_clear()


def room_claims(token: str) -> dict:
    """The claims of a room token the service signed for Jitsi."""
    return jwt.decode(token, JITSI_SECRET, algorithms=["HS256"], audience="jitsi")
