"""Production: the operator's values override the defaults key by key, whether the platform
loaded them from its YAML file straight into settings or left them in ``ENV_TOKENS``."""

from typing import Any

from edx_plugins.szpon.settings.common import merge_service, merge_xblock_settings


def plugin_settings(settings: Any) -> None:
    tokens = getattr(settings, "ENV_TOKENS", None) or {}
    merge_service(settings, tokens.get("SZPON_SERVICE"))
    merge_xblock_settings(settings, tokens.get("XBLOCK_SETTINGS"))
