"""Tests: short timeouts and backoff on top of the common settings."""

from typing import Any

from edx_plugins.szpon.settings.common import merge_service, merge_xblock_settings


def plugin_settings(settings: Any) -> None:
    merge_service(settings, {"TIMEOUT": 2, "RETRIES": 2, "JWT_EXPIRES_SECONDS": 60})
    merge_xblock_settings(settings)
