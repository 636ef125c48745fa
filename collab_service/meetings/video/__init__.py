"""Jitsi deployments the service can sign room tokens for, behind one small interface.

``JITSI["backend"]`` names the class: ``self_hosted.VideoBackend`` (docker-jitsi-meet, HS256 with
the app secret) or ``jaas.VideoBackend`` (8x8 JaaS, RS256 with a key id).
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from collab_service.meetings.video.base import JitsiUser, VideoBackend

__all__ = ["JitsiUser", "VideoBackend", "video_backend"]


@cache
def video_backend() -> VideoBackend:
    options = dict(settings.JITSI)
    backend_class = import_string(options.pop("backend"))
    return backend_class(**options)
