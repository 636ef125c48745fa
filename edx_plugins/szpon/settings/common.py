"""Settings every LMS and Studio gets: the service's address and credentials, the XBlocks'
server-side settings. Shared dicts are merged into, never replaced."""

from typing import Any

from edx_plugins.szpon.config import SERVICE_DEFAULTS

# The XBlocks read these through XBlockWithSettingsMixin (``XBLOCK_SETTINGS[block_settings_key]``).
XBLOCK_DEFAULTS: dict[str, dict[str, Any]] = {
    "szpon_meeting": {},
    "szpon_appointment": {},
}


def merge_service(settings: Any, *overrides: dict | None) -> None:
    """SZPON_SERVICE = defaults, then what is already set, then each override, key by key."""
    merged = {**SERVICE_DEFAULTS, **(getattr(settings, "SZPON_SERVICE", None) or {})}
    for override in overrides:
        if isinstance(override, dict):
            merged.update(override)
    settings.SZPON_SERVICE = merged


def merge_xblock_settings(settings: Any, *overrides: dict | None) -> None:
    """Our blocks' keys in XBLOCK_SETTINGS get defaults; other blocks' keys are left alone."""
    xblock_settings = getattr(settings, "XBLOCK_SETTINGS", None)
    if not isinstance(xblock_settings, dict):
        xblock_settings = settings.XBLOCK_SETTINGS = {}
    for block, defaults in XBLOCK_DEFAULTS.items():
        block_settings = xblock_settings.setdefault(block, {})
        for key, value in defaults.items():
            block_settings.setdefault(key, value)
    for override in overrides:
        for block, values in (override or {}).items():
            if isinstance(values, dict):
                xblock_settings.setdefault(block, {}).update(values)


def plugin_settings(settings: Any) -> None:
    merge_service(settings)
    merge_xblock_settings(settings)
